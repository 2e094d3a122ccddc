package org.rnnlab.datasets.csv;

import java.util.Locale;
import java.util.Set;

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

    /** Cell values read as missing (compared after trimming, case-sensitively). */
    public static final Set<String> MARKERS = Set.of("", "?", "NA", "N/A", "NaN", "nan", "NAN", "null", "NULL", "None");

    /** The markers as a message names them (all of {@link #MARKERS}). */
    public static String markersText() {
        return "empty, ?, NA, N/A, NaN, nan, NAN, null, NULL and None";
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
