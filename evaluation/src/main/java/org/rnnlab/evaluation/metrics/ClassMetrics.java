package org.rnnlab.evaluation.metrics;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.rnnlab.core.NanAsNull;

/**
 * Precision, recall and F1 of one class. A class with neither an example nor a prediction has all three undefined: NaN,
 * {@code null} in JSON, {@code -} in the text report, and left out of the macro averages. A class with predictions but no
 * example has precision 0 and undefined recall and F1 (NaN), and is left out of macro recall and macro-F1 (it stays in
 * macro precision). A class with examples but no prediction has precision 0 (and F1 0), as in scikit-learn.
 *
 * @param label     class name
 * @param precision TP / (TP + FP)
 * @param recall    TP / (TP + FN)
 * @param f1        harmonic mean of precision and recall
 * @param support   number of examples of the class
 */
public record ClassMetrics(String label,
                           @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                           double precision,
                           @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                           double recall,
                           @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                           double f1,
                           long support) {
}
