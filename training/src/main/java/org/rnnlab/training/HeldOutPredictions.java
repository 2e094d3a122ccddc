package org.rnnlab.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Set;

/**
 * How often a trained model predicted each class (its most probable class per sequence) on the run's held-out data, kept in
 * the {@link ModelCard} ({@code heldOutPredictions}), so that {@code predict} compares the shares of the classes it predicts
 * on new data with the shares the same model predicted on data like training's. A review (66a #1): predict compared its
 * predicted shares with the training split's true shares, and an imperfect model on imbalanced classes (a 'rare' class of
 * 22.7% predicted 7.3% of the time) "drifted" on its own training file; predicted against predicted holds the model's bias
 * on both sides.
 *
 * @param split       the held-out split the counts are of: {@code validation}, or {@code test} for a run without validation
 * @param classCounts sequences per predicted class, by label (the card puts them in the order of its labels)
 * @param confidence  the quantiles of the top-class probability on the same split ({@link HeldOutConfidence}), by which
 *                    predict, serve and the Java API mark a sequence less confident than 95% of them; null (not written) in
 *                    cards written before it was recorded: then nothing is marked
 */
public record HeldOutPredictions(String split, Map<String, Long> classCounts,
                                 @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                                 HeldOutConfidence confidence) {
    /** The splits the counts may come from. */
    public static final Set<String> SPLITS = Set.of("validation", "test");

    public HeldOutPredictions {
        if (split == null || !SPLITS.contains(split)) {
            throw new IllegalArgumentException("'heldOutPredictions.split' is " + (split == null ? "null" : "'" + split + "'")
                    + " (expected validation or test, the held-out split whose predictions were counted)");
        }
        if (classCounts == null) {
            throw new IllegalArgumentException("'heldOutPredictions.classCounts' is null (expected the sequences of the " + split
                    + " split predicted as each label)");
        }
    }

    /** Counts without the confidence quantiles (older cards). */
    public HeldOutPredictions(String split, Map<String, Long> classCounts) {
        this(split, classCounts, null);
    }

    @JsonCreator
    static HeldOutPredictions fromJson(@JsonProperty("split") String split, @JsonProperty("classCounts") Map<String, Long> classCounts,
                                       @com.fasterxml.jackson.annotation.JacksonInject(value = org.rnnlab.core.Json.ABSENT,
                                               useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                       @JsonProperty("confidence") HeldOutConfidence confidence) {
        return new HeldOutPredictions(split, classCounts, confidence);
    }
}
