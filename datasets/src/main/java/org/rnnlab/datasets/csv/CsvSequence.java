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
 */
public record CsvSequence(String id, float[][] values, String label, Split split, String group, Path file, long line, String start) {

    /** A sequence without a time read (the folder layout, generated data). */
    public CsvSequence(String id, float[][] values, String label, Split split, String group, Path file, long line) {
        this(id, values, label, split, group, file, line, null);
    }

    /** Where it was read, for messages: {@code file:line (sequence 'id')}. */
    public String where() {
        return file + ":" + line + " (sequence " + org.rnnlab.datasets.LabelCheck.quoted(id) + ")";
    }
}
