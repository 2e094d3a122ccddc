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

    private NamedList() {
    }

    /**
     * The first {@value #SHOWN} of {@code entries} joined by {@code separator}, then {@code " and N more (where)"} when there
     * are more ({@code " and N more"} when {@code where} is null or empty); every entry when there are at most {@value #SHOWN}.
     */
    public static String join(List<String> entries, String separator, String where) {
        if (entries.size() <= SHOWN) {
            return String.join(separator, entries);
        }
        return String.join(separator, entries.subList(0, SHOWN)) + " and " + (entries.size() - SHOWN) + " more"
                + (where == null || where.isEmpty() ? "" : " (" + where + ")");
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
