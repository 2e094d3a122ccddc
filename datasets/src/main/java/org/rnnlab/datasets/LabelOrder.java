package org.rnnlab.datasets;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The order of a dataset's classes (their indices, the probability columns of {@code predict}, the rows of a confusion
 * matrix) when the data name them: integer labels ({@code 1, 2, 10}) in numeric order, any other labels in
 * {@link String#compareTo} order. A set of integer codes sorted as text read {@code 1, 10, 2}.
 */
public final class LabelOrder {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /** Numerically, then as written (so {@code 1} and {@code 01}, two classes, keep a fixed order). */
    private static final Comparator<String> NUMERIC = Comparator.<String, BigInteger>comparing(BigInteger::new)
            .thenComparing(Comparator.naturalOrder());

    private LabelOrder() {
    }

    /** The distinct labels, in numeric order when every one is an integer, else in text order. */
    public static List<String> sorted(Collection<String> labels) {
        boolean integers = !labels.isEmpty() && labels.stream().allMatch(l -> INTEGER.matcher(l).matches());
        return labels.stream().distinct().sorted(integers ? NUMERIC : Comparator.naturalOrder()).toList();
    }
}
