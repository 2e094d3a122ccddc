package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.LabelCheck;

/**
 * Columns of a long-layout CSV file that hold one value per sequence (a subject, a recording date, a true label), taken
 * while the sequences are read ({@link CsvSequenceDataset.Reading#keep}) so that {@code predict --keep-columns} can copy
 * them into its output: predictions joined back to what the user knows of each sequence without a second tool (a trial's
 * sleep lab joined its subjects by hand).
 */
final class SequenceColumns {

    private SequenceColumns() {
    }

    /**
     * Per sequence id, the values of the columns {@code names}, in that order. A named column that the file lacks, or that
     * holds two values within one sequence, is an error naming the file, the line and the values: a column that varies
     * along a sequence has no one value to copy.
     *
     * @param table    the file as read, with its header
     * @param rowsById each sequence's rows, in file order
     * @param names    header names of the columns to copy
     */
    static Map<String, List<String>> collect(CsvTable table, Map<String, List<Integer>> rowsById, List<String> names) {
        int[] cols = columns(table, names);
        Map<String, List<String>> values = new LinkedHashMap<>();
        rowsById.forEach((id, rows) -> {
            int first = rows.get(0);
            List<String> kept = new ArrayList<>(cols.length);
            for (int k = 0; k < cols.length; k++) {
                String v = table.cell(first, cols[k]);
                for (int r : rows) {
                    String other = table.cell(r, cols[k]);
                    if (!other.equals(v)) {
                        throw new DatasetFormatException(table.file(), table.lines().get(r), "--keep-columns " + names.get(k) + ": '"
                                + CsvTable.abbreviate(other) + "' here, but '" + CsvTable.abbreviate(v) + "' at line "
                                + table.lines().get(first) + " in the same sequence " + LabelCheck.quoted(id) + " (expected one "
                                + "value per sequence, which predict copies beside its prediction; a column that changes along a "
                                + "sequence has none)");
                    }
                }
                kept.add(v);
            }
            values.put(id, kept);
        });
        return values;
    }

    /** The positions of the columns {@code names} in the file's header; an absent one is a usage error naming it and the file. */
    static int[] columns(CsvTable table, List<String> names) {
        List<String> header = table.header();
        if (header == null) {
            // a usage error (exit 2), as a misspelt --ignore-columns is: the command line, not the data, is to change
            throw new IllegalArgumentException("--keep-columns names columns by header name, and "
                    + org.rnnlab.datasets.InputNames.shown(table.file()) + " has no header");
        }
        int[] cols = new int[names.size()];
        for (int k = 0; k < cols.length; k++) {
            cols[k] = header.indexOf(names.get(k));
            if (cols[k] < 0) {
                throw new IllegalArgumentException("--keep-columns " + names.get(k) + ": no column of that name in "
                        + org.rnnlab.datasets.InputNames.shown(table.file()) + " (expected one of " + String.join(", ", header)
                        + "; names must match the header as written)");
            }
        }
        return cols;
    }
}
