package org.rnnlab.datasets;

import java.util.Map;

/**
 * One labelled example: a sequence of time steps.
 *
 * @param values [time][feature]; token sequences hold the token id as the single feature
 * @param label  class index into the dataset's label names
 * @param tags   integer attributes used to bucket results (e.g. {@code distance}, {@code attractors},
 *               {@code subject}); empty when the dataset has none
 */
public record Sequence(float[][] values, int label, Map<String, Integer> tags) {

    public Sequence {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("Sequence.values must hold at least one time step");
        }
        if (label < 0) {
            throw new IllegalArgumentException("Sequence.label must be >= 0, got " + label);
        }
        tags = Map.copyOf(tags);
    }

    /** An example without tags. */
    public Sequence(float[][] values, int label) {
        this(values, label, Map.of());
    }

    /** Number of time steps. */
    public int length() {
        return values.length;
    }
}
