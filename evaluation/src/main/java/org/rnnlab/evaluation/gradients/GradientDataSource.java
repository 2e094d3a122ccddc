package org.rnnlab.evaluation.gradients;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where the gradient probe gets its inputs from: a named source of labelled minibatches of dense
 * sequences. Only {@link RandomFirstStepsData} ({@code random}) exists for now; real datasets plug in here.
 */
public interface GradientDataSource {

    /**
     * A labelled minibatch.
     *
     * @param features [B, features, T]
     * @param labels   one-hot [B, classes]
     * @param fMask    feature mask [B, T], or null when every step is real
     */
    record Batch(INDArray features, INDArray labels, INDArray fMask) {
        public Batch {
            if (features == null || labels == null) {
                throw new IllegalArgumentException("Batch.features and labels must be non-null");
            }
        }
    }

    /** Name used on the command line, e.g. {@code random}. */
    String name();

    /** Features per step. */
    int features();

    /** Number of classes. */
    int classes();

    /** Batch number {@code index} of {@code size} sequences, deterministic for a given source. */
    Batch batch(int index, int size);

    /** The source named {@code name} (only {@code random} for now), with its settings. */
    static GradientDataSource byName(String name, int steps, int features, long seed) {
        return switch (name) {
            case RandomFirstStepsData.NAME -> new RandomFirstStepsData(steps, features, seed);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "', expected one of: " + RandomFirstStepsData.NAME);
        };
    }
}
