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
            // a Java program's loader gets -1 from labels.indexOf(name) for a name not in its list (trial 81d F4)
            throw new IllegalArgumentException("Sequence.label must be >= 0 (the class's place in the dataset's label names), got "
                    + label + (label == -1 ? " (what List.indexOf returns for a name not in the list: check the spelling of "
                    + "this sequence's label against the names the dataset is built with)" : ""));
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
