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
    MACRO_RECALL,
    /**
     * Mean ROC AUC of each class against the rest, over the classes where it is defined ({@link Ranking}); absent
     * ({@link EvaluationResult#metric} NaN) where no class has it, and in results written before it was measured.
     */
    MACRO_ROC_AUC,
    /** Mean average precision of each class against the rest ({@link Ranking}); absent as {@link #MACRO_ROC_AUC}. */
    MACRO_AVERAGE_PRECISION;

    /** The metrics every evaluation has (the ranking ones may be absent). */
    public static final java.util.List<Metric> ALWAYS = java.util.List.of(ACCURACY, MACRO_F1, MACRO_PRECISION, MACRO_RECALL);

    /** The ranking metrics: absent when undefined, and in results written before they were measured. */
    public static final java.util.List<Metric> RANKING = java.util.List.of(MACRO_ROC_AUC, MACRO_AVERAGE_PRECISION);

    /** Lower-case key used in CSV and JSON, e.g. {@code macro_f1}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
