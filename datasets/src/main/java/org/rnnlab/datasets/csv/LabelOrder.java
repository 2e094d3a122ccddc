package org.rnnlab.datasets.csv;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The order of a new model's classes (its outputs, and every table, confusion matrix, per-class file and {@code p_}
 * column after them): by number when every label is a plain decimal number ({@code 1, 2, ..., 10, 11}; {@code -1, 1}),
 * else as text. Why: a UCR trial (66a) with 11 classes {@code 1..11} had them as {@code 1, 10, 11, 2, ...} everywhere,
 * and many UCR sets have 10 to 60 integer classes. Labels stay labels (text): {@code 1} and {@code 1.0} are two classes,
 * ordered by their text when their numbers tie. A trained model keeps the order it stores (predict and evaluate of a
 * file); only new training uses this, and data it orders otherwise than text order record it ({@link #PROVENANCE_KEY}),
 * so that the training split of a model made before is refused with the reason rather than carved otherwise.
 */
public final class LabelOrder {

    /**
     * The provenance parameter of data whose classes this order puts otherwise than text order did (a later rule, {@link
     * org.rnnlab.datasets.DatasetProvenance#LATER_RULES}): the model's outputs and the stratified carve follow the order, so
     * that a model or run made before it is told apart by its checksum, not given other splits or outputs silently.
     */
    public static final String PROVENANCE_KEY = "labelOrder";
    /** Its value. */
    public static final String PROVENANCE_VALUE = "by number";

    private LabelOrder() {
    }

    /** Whether {@code ordered} (distinct labels) is not their text order. */
    static boolean differsFromText(List<String> ordered) {
        return !ordered.equals(List.copyOf(new TreeSet<>(ordered)));
    }

    /** By number, then by text: for labels that are all plain decimals. */
    private static final Comparator<String> NUMERIC = Comparator.<String, BigDecimal>comparing(l -> new BigDecimal(l.strip()))
            .thenComparing(Comparator.naturalOrder());

    /** Whether a label is a plain decimal that {@link BigDecimal} reads (an exponent beyond its range is text). */
    private static boolean number(String label) {
        if (!CsvTable.isDecimal(label.strip())) {
            return false;
        }
        try {
            new BigDecimal(label.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The distinct labels in order: numerically when every one is a decimal number ({@link CsvTable#isDecimal}), else as text. */
    static List<String> of(Collection<String> labels) {
        boolean numbers = !labels.isEmpty() && labels.stream().allMatch(LabelOrder::number);
        TreeSet<String> sorted = new TreeSet<>(numbers ? NUMERIC : Comparator.naturalOrder());
        sorted.addAll(labels);
        return List.copyOf(sorted);
    }
}
