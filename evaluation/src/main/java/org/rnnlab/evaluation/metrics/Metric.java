package org.rnnlab.evaluation.metrics;

import java.util.Locale;

/** The scalar metrics of an {@link EvaluationResult}. */
public enum Metric {
    /** Fraction of examples whose predicted class is the true one. */
    ACCURACY,
    /** Mean of the per-class F1 over the classes present in the data (a class without examples has undefined F1, left out). */
    MACRO_F1,
    /** Mean of the per-class precision over the classes present in the data or predicted (a class predicted without examples at 0). */
    MACRO_PRECISION,
    /** Mean of the per-class recall over the classes present in the data: the balanced accuracy (absent classes left out). */
    MACRO_RECALL;

    /** Lower-case key used in CSV and JSON, e.g. {@code macro_f1}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
