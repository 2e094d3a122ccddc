package org.rnnlab.datasets;

/**
 * Whether a column read as labels looks like something else (ids, texts, measurements): more than
 * {@value #MANY} distinct values, and more than half as many as there are examples. Classes are shared by
 * many examples; a column that is not a label column rarely is.
 */
public final class LabelCheck {
    /** Distinct labels up to which any column passes. */
    public static final int MANY = 20;

    private LabelCheck() {
    }

    /** Whether {@code distinct} labels over {@code examples} examples look like a wrong label column. */
    public static boolean looksLikeNoLabel(int distinct, int examples) {
        return distinct > MANY && distinct * 2 > examples;
    }
}
