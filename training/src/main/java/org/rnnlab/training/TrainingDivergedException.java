package org.rnnlab.training;

/**
 * Training produced a NaN or infinite loss. The message names the epoch and iteration, the layer with
 * the largest gradient norm where it can be measured, and what to try.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int iteration;

    public TrainingDivergedException(int epoch, int iteration, String detail) {
        super("training diverged at epoch " + epoch + ", iteration " + iteration + ": " + detail
                + "; try a lower learning rate (--lr) or gradient clipping (--clip l2:1.0)");
        this.epoch = epoch;
        this.iteration = iteration;
    }

    public int epoch() {
        return epoch;
    }

    public int iteration() {
        return iteration;
    }
}
