package org.rnnlab.evaluation.metrics;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.rnnlab.core.NanAsNull;

/**
 * How well one class's predicted probability ranks its sequences above the others' (one class against the rest). Both
 * are undefined (NaN, {@code null} in JSON, {@code -} in the text) for a class with no sequence in the data scored; the
 * ROC AUC also when every sequence scored is of the class (no other to rank below it).
 *
 * @param label            class name
 * @param positives        sequences of the class
 * @param negatives        sequences of the other classes
 * @param rocAuc           area under the ROC curve: the chance that a random sequence of the class gets a higher probability
 *                         of it than a random other sequence, ties counted half (scikit-learn's {@code roc_auc_score})
 * @param averagePrecision the precision at each distinct cut-off weighted by the recall it adds (scikit-learn's
 *                         {@code average_precision_score}; not the trapezoidal area under the precision-recall curve, which
 *                         interpolates precision linearly and comes out higher)
 */
public record ClassRanking(String label, long positives, long negatives,
                           @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                           double rocAuc,
                           @JsonSerialize(using = NanAsNull.Writer.class) @JsonDeserialize(using = NanAsNull.Reader.class)
                           double averagePrecision) {
}
