package org.rnnlab.training;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the epoch kept (and early stopping) is judged by on the validation split: its accuracy, or its macro-F1, the mean
 * of the classes' F1. With imbalanced classes accuracy rewards predicting the majority class (a model that always says
 * the class of 90% of the examples scores 0.90), and the epoch kept by it can be one that never predicts a rare class;
 * macro-F1 counts such a class at 0.
 *
 * <p>Both judge the argmax decision. A model that will be ranked and thresholded (a rare defect, 3%, alarmed at a cut-off
 * chosen later) needs a criterion free of the 0.5 cut-off: a trial's validation macro-F1 stayed at 0.4923 for six epochs
 * because no defect crossed p = 0.5, so epoch 1 was kept while the training loss fell from 0.30 to 0.14. Hence
 * {@link #LOG_LOSS} (the validation cross-entropy, lower is better), {@link #ROC_AUC} and {@link #AVERAGE_PRECISION} (each
 * class against the rest, macro averages as {@code evaluate} reports them: {@link OneVsRest}). Every comparison of these
 * values goes through {@link #oriented}, so that "better" means lower for log-loss. The constants' names are stored in
 * config.json: new ones may be added, none renamed.
 */
public enum EpochSelection {
    /** The share of validation examples classified right. */
    ACCURACY("accuracy", true),
    /** The unweighted mean over the classes of their F1 on the validation split (classes absent from it left out, predicted or not). */
    MACRO_F1("macro-F1", true),
    /**
     * The mean over the validation examples of minus the natural log of the probability given to their true class
     * (scikit-learn's {@code log_loss}, probabilities clipped at 1e-15), unweighted by --class-weights; lower is better.
     */
    LOG_LOSS("log-loss", false),
    /** The mean over the classes of their ROC AUC against the rest (for two classes, the AUC of either class). */
    ROC_AUC("ROC AUC", true),
    /** The mean over the classes of their average precision against the rest, as {@code evaluate}'s macro average precision. */
    AVERAGE_PRECISION("average precision", true);

    private final String label;
    private final boolean higherIsBetter;

    EpochSelection(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /** How logs and reports name it: {@code accuracy}, {@code macro-F1}, {@code log-loss}, {@code ROC AUC}, {@code average precision}. */
    public String label() {
        return label;
    }

    /** As the command line spells it ({@code accuracy}, {@code macro-f1}, {@code log-loss}, {@code roc-auc}, {@code average-precision}). */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a higher value is better (all but {@link #LOG_LOSS}). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** {@code highest} or {@code lowest}: how the kept epoch's value stands among the epochs', for messages. */
    public String best() {
        return higherIsBetter ? "highest" : "lowest";
    }

    /**
     * {@code value} turned so that higher is better (minus it for {@link #LOG_LOSS}): what the kept epoch, early stopping,
     * a comparison's best configuration and a tuning's ranking maximise. NaN stays NaN.
     */
    public double oriented(double value) {
        return higherIsBetter ? value : -value;
    }

    /** Whether it judges the probabilities rather than the argmax class (log-loss, ROC AUC, average precision). */
    public boolean thresholdFree() {
        return this != ACCURACY && this != MACRO_F1;
    }

    /** The options accepted, for help and errors: {@code accuracy|macro-f1|log-loss|roc-auc|average-precision}. */
    public static String options() {
        return Arrays.stream(values()).map(EpochSelection::option).collect(Collectors.joining("|"));
    }

    /** The selection named by {@link #option} (any case, '_' for '-'), or an error naming what is accepted. */
    public static EpochSelection parse(String s) {
        String key = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (EpochSelection e : values()) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not an epoch selection (expected one of "
                + Arrays.stream(values()).map(EpochSelection::option).collect(Collectors.joining(", ")) + ")");
    }
}
