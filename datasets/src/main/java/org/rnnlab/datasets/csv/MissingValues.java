package org.rnnlab.datasets.csv;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What to do with a missing feature value: an empty cell or one of {@link #MARKERS} ({@code ?},
 * {@code NA}, {@code NaN}, ...). Chosen at training time, stored in the model's {@link CsvSchema}, and
 * applied the same way by {@code evaluate} and {@code predict}.
 */
public enum MissingValues {
    /** An error naming file, line and column (the default: nothing is filled in silently). */
    ERROR,
    /** The last observed value of the same feature in the same sequence; leading gaps take the first observed one. */
    FFILL,
    /** Zero (in the raw units, before standardisation). */
    ZERO,
    /** The whole sequence is dropped, with a warning that counts them. */
    DROP;

    /** The written markers, in the order messages name them. */
    private static final List<String> NAMED = List.of("?", "NA", "N/A", "NaN", "nan", "NAN", "null", "NULL", "None");
    /** Cell values read as missing (compared after trimming, case-sensitively): the empty cell and {@link #NAMED}. */
    public static final Set<String> MARKERS = Stream.concat(Stream.of(""), NAMED.stream()).collect(Collectors.toUnmodifiableSet());

    /** The markers as a message names them (all of {@link #MARKERS}): {@code empty, ?, NA, ... and None}. */
    public static String markersText() {
        return "empty, " + String.join(", ", NAMED.subList(0, NAMED.size() - 1)) + " and " + NAMED.get(NAMED.size() - 1);
    }

    /** Whether a (trimmed) cell is missing. */
    public static boolean isMissing(String cell) {
        return MARKERS.contains(cell);
    }

    /** Parses {@code error|ffill|zero|drop}, case-insensitively. */
    public static MissingValues parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("missing-value policy '" + s + "' is unknown (expected error, ffill, zero or drop)");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
