package org.rnnlab.evaluation.metrics;

import java.util.Locale;

/** The scalar metrics of an {@link EvaluationResult}. */
public enum Metric {
    /** Fraction of examples whose predicted class is the true one. */
    ACCURACY,
    /** Mean over classes of the per-class F1 (a class never predicted nor present counts as 0). */
    MACRO_F1,
    /** Mean over classes of the per-class precision. */
    MACRO_PRECISION,
    /** Mean over classes of the per-class recall. */
    MACRO_RECALL;

    /** Lower-case key used in CSV and JSON, e.g. {@code macro_f1}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
