package org.rnnlab.evaluation.metrics;

import java.util.List;

/**
 * A list of named entries (classes, with their counts) cut for a one-line message: the first {@value #SHOWN} and
 * {@code and N more (WHERE)}, where WHERE names the file or JSON field holding the full list. With many classes a line
 * naming every one ran to 6-13 KB on a single terminal line (trial 81c F4: 120 speakers); train's per-class line already
 * cut at 12 this way, and the other class lists now share its rule.
 */
public final class NamedList {
    /** Entries named before the rest are counted. */
    public static final int SHOWN = 12;
    /**
     * Fewer are named when the named ones reach this many characters: compare's never-predicted entries, each with its
     * training count and what it was taken for, made 12 of them a line of 2.7 KB (trial 81c's 120 classes).
     */
    public static final int MAX_CHARS = 1000;

    private NamedList() {
    }

    /**
     * The first {@value #SHOWN} of {@code entries} joined by {@code separator} (fewer, but at least one, where they reach
     * {@value #MAX_CHARS} characters), then {@code " and N more (where)"} when there are more ({@code " and N more"} when
     * {@code where} is null or empty); every entry when there are at most {@value #SHOWN}.
     */
    public static String join(List<String> entries, String separator, String where) {
        int named = named(entries, separator);
        if (named == entries.size()) {
            return String.join(separator, entries);
        }
        return String.join(separator, entries.subList(0, named)) + " and " + (entries.size() - named) + " more"
                + (where == null || where.isEmpty() ? "" : " (" + where + ")");
    }

    /**
     * How many of {@code entries} {@link #join} names with {@code separator}, for a line that states the count before them
     * (review 81b R4: train's "the 12 of the 30 classes" above 9 named, their names long).
     */
    public static int named(List<String> entries, String separator) {
        if (entries.size() <= SHOWN) {
            return entries.size();
        }
        int named = 0;
        int length = 0;
        while (named < SHOWN && (named == 0 || length < MAX_CHARS)) {
            length += entries.get(named).length() + separator.length();
            named++;
        }
        return named;
    }

    /** Whether {@link #join} would cut {@code entries}. */
    public static boolean cut(List<?> entries) {
        return entries.size() > SHOWN;
    }

    /** {@code low} or {@code low-high}, for a range of counts said in one summary sentence. */
    public static String range(long low, long high) {
        return low == high ? Long.toString(low) : low + "-" + high;
    }
}
