package org.rnnlab.training;

/**
 * Training was asked to stop (Ctrl-C, the {@link Trainer.Options#stop} flag, or the training thread's interrupt, whose status
 * is kept); a checkpoint was written first when a checkpoint folder was given.
 */
public final class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingInterruptedException(String message) {
        super(message);
    }
}
