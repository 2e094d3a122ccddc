package org.rnnlab.training;

import java.util.Locale;

/**
 * What the epoch kept (and early stopping) is judged by on the validation split: its accuracy, or its macro-F1, the mean
 * of the classes' F1. With imbalanced classes accuracy rewards predicting the majority class (a model that always says
 * the class of 90% of the examples scores 0.90), and the epoch kept by it can be one that never predicts a rare class;
 * macro-F1 counts such a class at 0.
 */
public enum EpochSelection {
    /** The share of validation examples classified right. */
    ACCURACY("accuracy"),
    /** The unweighted mean over the classes of their F1 on the validation split (classes absent from it left out, predicted or not). */
    MACRO_F1("macro-F1");

    private final String label;

    EpochSelection(String label) {
        this.label = label;
    }

    /** How logs and reports name it: {@code accuracy}, {@code macro-F1}. */
    public String label() {
        return label;
    }

    /** As the command line spells it ({@code accuracy}, {@code macro-f1}). */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The selection named {@code accuracy} or {@code macro-f1} (any case, '_' for '-'), or an error naming what is accepted. */
    public static EpochSelection parse(String s) {
        String key = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (EpochSelection e : values()) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not an epoch selection (expected accuracy or macro-f1)");
    }
}
