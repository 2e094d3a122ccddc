package org.rnnlab.evaluation.metrics;

import java.util.Locale;

/** The scalar metrics of an {@link EvaluationResult}. */
public enum Metric {
    /** Fraction of examples whose predicted class is the true one. */
    ACCURACY,
    /** Mean of the per-class F1 over the classes present in the data (a class without examples has undefined F1, left out). */
    MACRO_F1,
    /**
     * Mean of the per-class precision over the classes present in the data or predicted (a class predicted without examples
     * at 0): other classes than {@link #MACRO_F1} and {@link #MACRO_RECALL} average where a class is predicted but absent;
     * {@link #MACRO_PRECISION_PRESENT} is over theirs.
     */
    MACRO_PRECISION,
    /** Mean of the per-class recall over the classes present in the data: the balanced accuracy (absent classes left out). */
    MACRO_RECALL,
    /**
     * Mean ROC AUC of each class against the rest, over the classes where it is defined ({@link Ranking}); absent
     * ({@link EvaluationResult#metric} NaN) where no class has it, and in results written before it was measured.
     */
    MACRO_ROC_AUC,
    /** Mean average precision of each class against the rest ({@link Ranking}); absent as {@link #MACRO_ROC_AUC}. */
    MACRO_AVERAGE_PRECISION,
    /**
     * Cohen's kappa, unweighted, of the predicted classes against the true ones (Cohen 1960, Educational and Psychological
     * Measurement 20: 37-46): {@code (p_o - p_e) / (1 - p_e)}, {@code p_o} the share of sequences predicted right (the
     * accuracy) and {@code p_e} the share that predictions drawn independently of the true classes, with the same class
     * shares as the predictions, would get right: the sum over classes of (share of the data) x (share of the predictions).
     * 1 is perfect agreement, 0 no more than chance, below 0 less. scikit-learn's {@code cohen_kappa_score} of the same
     * classes ({@link Evaluator#cohenKappa}). Absent ({@link EvaluationResult#metric} NaN; JSON without it, an empty CSV
     * cell) where undefined, {@code p_e = 1}: no sequence, or every sequence of one class and every prediction that class
     * (scikit-learn gives NaN there, with an {@code UndefinedMetricWarning}); and in results written before it was measured.
     */
    COHEN_KAPPA,
    /**
     * The mean over the examples of minus the natural log of the probability given to their true class, as {@code --select
     * log-loss} judges the validation split ({@link org.rnnlab.training.ValidationScores}); lower is better. Measured on a
     * comparison's test splits so that a configuration chosen by it is reported by it too (a parcel carrier's trial chose by
     * validation log-loss and read test macro-F1 only). Absent where not measured (results of an older rnnlab).
     */
    LOG_LOSS,
    /**
     * The average precision {@code --select average-precision} judges by ({@link org.rnnlab.training.ValidationScores}): of
     * two classes, the rarer class's in these data, the class {@code evaluate} ranks by default (in a comparison the class
     * fixed from its whole training pool, {@link org.rnnlab.training.TrainingConfig#averagePrecisionClass}; not the mean over both,
     * {@link #MACRO_AVERAGE_PRECISION}, which the common class's lifts); of more, the macro average. Absent where undefined
     * or not measured.
     */
    AVERAGE_PRECISION,
    /**
     * Top-3 accuracy: the share of sequences whose true class is among the 3 of highest probability, ties broken as
     * scikit-learn's {@code top_k_accuracy_score} does ({@link TopKAccuracy}); measured for models of more than {@value
     * TopKAccuracy#MIN_CLASSES} classes only, absent otherwise and in results written before it was measured.
     */
    TOP_3_ACCURACY,
    /** Top-5 accuracy, as {@link #TOP_3_ACCURACY}; absent also where the model has 5 classes or fewer. */
    TOP_5_ACCURACY,
    /**
     * Mean of the per-class precision over the classes present in the data, the classes {@link #MACRO_F1} and {@link
     * #MACRO_RECALL} average (scikit-learn's {@code precision_score(labels=<the present classes>, average='macro')}); equal to
     * {@link #MACRO_PRECISION} unless a class was predicted but is absent. {@link #MACRO_PRECISION} keeps its key and its
     * classes (present or predicted); this one, beside it, is the one to combine with the other two (trial 81c F7: 0.5810
     * over 108 classes against macro-F1 and macro recall over 104; over the 104, 0.6034). Absent in results written before it.
     */
    MACRO_PRECISION_PRESENT;

    /** The metrics every evaluation has ({@link #WHERE_DEFINED} may be absent). */
    public static final java.util.List<Metric> ALWAYS = java.util.List.of(ACCURACY, MACRO_F1, MACRO_PRECISION, MACRO_RECALL);

    /** The ranking metrics: absent when undefined, and in results written before they were measured. */
    public static final java.util.List<Metric> RANKING = java.util.List.of(MACRO_ROC_AUC, MACRO_AVERAGE_PRECISION);

    /**
     * The metrics an evaluation may lack: the ranking ones, Cohen's kappa and the top-k accuracies, each absent where undefined and in results
     * written before it was measured (a comparison summarises one only where every run has it).
     */
    public static final java.util.List<Metric> WHERE_DEFINED = java.util.List.of(MACRO_ROC_AUC, MACRO_AVERAGE_PRECISION, COHEN_KAPPA,
            LOG_LOSS, AVERAGE_PRECISION, TOP_3_ACCURACY, TOP_5_ACCURACY, MACRO_PRECISION_PRESENT);

    /**
     * The test metric of what a run's epoch (and a comparison's configuration) was selected by on validation, for the
     * threshold-free selections ({@link #LOG_LOSS}, {@link #MACRO_ROC_AUC}, {@link #AVERAGE_PRECISION}); null for accuracy
     * and macro-F1, which every result reports anyway.
     */
    public static Metric selected(org.rnnlab.training.EpochSelection selection) {
        return switch (selection) {
            case LOG_LOSS -> LOG_LOSS;
            case ROC_AUC -> MACRO_ROC_AUC;
            case AVERAGE_PRECISION -> AVERAGE_PRECISION;
            case ACCURACY, MACRO_F1 -> null;
        };
    }

    /** Lower-case key used in CSV and JSON, e.g. {@code macro_f1}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
