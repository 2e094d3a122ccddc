package org.rnnlab.training;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A sequence (or a stream's sample) that {@link SequenceClassifier#predict} and its kin refuse: null or empty, a step of the
 * wrong width, a value that is not finite, a missing value the model's policy does not fill, a token id outside the
 * vocabulary, a text without tokens. The caller's input is wrong, not rnnlab: a service answers it as a bad request (HTTP
 * 400), where any other {@link IllegalArgumentException} (from ND4J, or a null list) is its own bug. An
 * {@code IllegalArgumentException}, as these errors were before this type, so existing {@code catch} blocks still catch it;
 * the message is unchanged, and names the sequence, step and feature as the accessors give them.
 */
public class InvalidSequenceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private static final int NONE = -1;

    private final int sequence;
    private final int step;
    private final String feature;

    /**
     * @param message  the whole message (it names the sequence, step and feature itself)
     * @param sequence the sequence's place in the call (0-based), or -1 for a stream's sample
     * @param step     the step (0-based; a stream's count of samples read), or -1 when the error is the whole sequence's
     * @param feature  the feature's name, or null when no one feature is at fault
     */
    public InvalidSequenceException(String message, int sequence, int step, String feature) {
        super(message);
        this.sequence = Math.max(sequence, NONE);
        this.step = Math.max(step, NONE);
        this.feature = feature;
    }

    /** A refusal of sequence {@code sequence} as a whole (null, empty, nothing left to predict). */
    static InvalidSequenceException of(String message, int sequence) {
        return new InvalidSequenceException(message, sequence, NONE, null);
    }

    /**
     * The sequence's place in the call (0-based; for {@code predictPrepared(sequences, first)}, counted from {@code first}
     * as the message counts it); empty for a {@link PredictionStream}'s sample.
     */
    public OptionalInt sequence() {
        return sequence == NONE ? OptionalInt.empty() : OptionalInt.of(sequence);
    }

    /** The step at fault (0-based; a stream's samples read before this one), or empty when it is the whole sequence's. */
    public OptionalInt step() {
        return step == NONE ? OptionalInt.empty() : OptionalInt.of(step);
    }

    /** The name of the feature at fault, as in {@code card().input().featureNames()}, or empty when no one feature is. */
    public Optional<String> feature() {
        return Optional.ofNullable(feature);
    }
}
