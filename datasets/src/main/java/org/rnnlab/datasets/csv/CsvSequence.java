package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import org.rnnlab.datasets.Split;

/**
 * One sequence read from a CSV file, before its label is turned into an index.
 *
 * @param id     sequence id (long layout) or file name (folder layout)
 * @param values {@code [time][feature]}, in the model's feature order
 * @param label  label as written, or null when the file has no label column (prediction)
 * @param split  the split column's value, or null without one
 * @param group  the group column's value, or null without one
 * @param file   the file it was read from (the labels file in the folder layout)
 * @param line   1-based line of its first row
 * @param start  its first row's time as written, or null without a time column (orders a group's sequences for
 *               {@link LevelShifts})
 * @param times  its first and last time in the time column (long layout), or null without one
 */
public record CsvSequence(String id, float[][] values, String label, Split split, String group, Path file, long line, String start,
                          Times times) {

    /** A sequence read without a time column (the folder layout, row order as time order). */
    public CsvSequence(String id, float[][] values, String label, Split split, String group, Path file, long line) {
        this(id, values, label, split, group, file, line, null, null);
    }

    /**
     * A sequence's first and last time, in the time column's unit (seconds since the epoch for date-times): what a carve
     * by time orders sequences by ({@code --set splitBy=time}), and what tells a split column's test part that starts
     * after all training from one that mixes dates (a quant's trial: a time-ordered split was called optimistic).
     *
     * @param first     its first row's time
     * @param last      its last row's time
     * @param dateTimes whether the column holds date-times (absolute dates), not numbers such as seconds from a start
     * @param utc       whether they were written with an offset ({@code 2024-05-03T01:00:00+02:00}, {@code ...Z}): read as
     *                  instants, counted in UTC, so shown with "UTC" (an agronomist read a UTC time shown bare as a local
     *                  time 2 h off); date-times without an offset are counted and shown as written
     */
    public record Times(double first, double last, boolean dateTimes, boolean utc) {
        /** Times without an offset (or numbers). */
        public Times(double first, double last, boolean dateTimes) {
            this(first, last, dateTimes, false);
        }
    }

    /** Where it was read, for messages: {@code file:line (sequence 'id')}. */
    public String where() {
        return file + ":" + line + " (sequence " + org.rnnlab.datasets.LabelCheck.quoted(id) + ")";
    }
}
