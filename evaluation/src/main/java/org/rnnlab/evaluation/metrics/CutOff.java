package org.rnnlab.evaluation.metrics;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.rnnlab.core.NanAsNull;

/**
 * Precision and recall of one class when it is predicted for every sequence whose probability of it is {@code threshold}
 * or more: one row of the table a user picks a cut-off from.
 *
 * @param threshold     the cut-off
 * @param predicted     sequences at or above it
 * @param truePositives of those, sequences of the class
 * @param precision     truePositives / predicted; undefined (NaN, {@code null} in JSON) when nothing reaches the cut-off
 * @param recall        truePositives / the class's sequences; undefined when it has none
 */
public record CutOff(double threshold, long predicted, long truePositives,
                     @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                     double precision,
                     @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                     double recall) {
}
