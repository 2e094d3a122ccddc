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
 * sleep lab joined its subjects by hand). {@code evaluate --baseline-column} takes another method's labels so
 * ({@link Request} names the option in errors).
 */
public final class SequenceColumns {

    /** A kept name's suffix for the column's value at a sequence's first row (in time order): {@code time@first}. */
    public static final String FIRST = "@first";
    /** A kept name's suffix for the column's value at a sequence's last row: {@code time@last}, a window's end time. */
    public static final String LAST = "@last";

    private SequenceColumns() {
    }

    /**
     * The columns to take, with the option that named them and what their one value per sequence is for: the errors below
     * speak of that option ({@code evaluate --baseline-column}'s spoke of {@code --keep-columns} and {@code predict}, a
     * review's finding, though the user never gave either).
     *
     * @param names   header names, {@code NAME@first} or {@code NAME@last} as {@link #collect} reads them
     * @param option  the option as the user gave it, e.g. {@code --keep-columns}
     * @param purpose what the value is for, after "one value per sequence, ", e.g. {@code which predict copies beside its
     *                prediction}
     */
    public record Request(List<String> names, String option, String purpose) {
        public Request {
            names = List.copyOf(names);
        }

        /** {@code predict --keep-columns NAMES}. */
        public static Request keepColumns(List<String> names) {
            return new Request(names, "--keep-columns", "which predict copies beside its prediction");
        }

        /** Nothing to take. */
        public static Request none() {
            return keepColumns(List.of());
        }

        /** Whether no column is named. */
        public boolean isEmpty() {
            return names.isEmpty();
        }
    }

    /** The header name a kept name copies: {@code time} of {@code time@last}. */
    public static String column(String kept) {
        return kept.endsWith(FIRST) ? kept.substring(0, kept.length() - FIRST.length())
                : kept.endsWith(LAST) ? kept.substring(0, kept.length() - LAST.length()) : kept;
    }

    /** The output's name of a kept name: {@code time_last} for {@code time@last}, else the name itself. */
    public static String outputName(String kept) {
        return kept.endsWith(FIRST) ? column(kept) + "_first" : kept.endsWith(LAST) ? column(kept) + "_last" : kept;
    }

    /**
     * Per sequence id, the values of the columns {@code names}, in that order. A named column that the file lacks, or that
     * holds two values within one sequence, is an error naming the file, the line and the values: a column that varies
     * along a sequence has no one value to copy.
     *
     * @param table    the file as read, with its header
     * @param rowsById each sequence's rows, in file order
     * @param request  header names of the columns to copy, and the option that named them; {@code NAME@first} and {@code
     *                 NAME@last} copy the value at the sequence's first or last row (its rows are in time order) of a column
     *                 that may change along it
     */
    static Map<String, List<String>> collect(CsvTable table, Map<String, List<Integer>> rowsById, Request request) {
        List<String> names = request.names();
        int[] cols = columns(table, request);
        Map<String, List<String>> values = new LinkedHashMap<>();
        rowsById.forEach((id, rows) -> {
            int first = rows.get(0);
            List<String> kept = new ArrayList<>(cols.length);
            for (int k = 0; k < cols.length; k++) {
                boolean exact = table.header().contains(names.get(k)); // a header name that itself ends in @last is that column
                if (!exact && (names.get(k).endsWith(FIRST) || names.get(k).endsWith(LAST))) {
                    kept.add(table.cell(names.get(k).endsWith(FIRST) ? first : rows.get(rows.size() - 1), cols[k]));
                    continue;
                }
                String v = table.cell(first, cols[k]);
                for (int r : rows) {
                    String other = table.cell(r, cols[k]);
                    if (!other.equals(v)) {
                        throw new DatasetFormatException(table.file(), table.lines().get(r), request.option() + " " + names.get(k) + ": '"
                                + CsvTable.abbreviate(other) + "' here, but '" + CsvTable.abbreviate(v) + "' at line "
                                + table.lines().get(first) + " in the same sequence " + LabelCheck.quoted(id) + " (expected one "
                                + "value per sequence, " + request.purpose() + "; a column that changes along a "
                                + "sequence has none: " + names.get(k) + "@first or " + names.get(k) + "@last copies its value at the "
                                + "sequence's first or last row, e.g. a window's end time)");
                    }
                }
                kept.add(v);
            }
            values.put(id, kept);
        });
        return values;
    }

    /** The positions of the columns {@code names} in the file's header; an absent one is a usage error naming it and the file. */
    static int[] columns(CsvTable table, Request request) {
        List<String> names = request.names();
        List<String> header = table.header();
        if (header == null) {
            // a usage error (exit 2), as a misspelt --ignore-columns is: the command line, not the data, is to change
            throw new IllegalArgumentException(request.option() + " names columns by header name, and "
                    + org.rnnlab.datasets.InputNames.shown(table.file()) + " has no header");
        }
        int[] cols = new int[names.size()];
        for (int k = 0; k < cols.length; k++) {
            cols[k] = header.contains(names.get(k)) ? header.indexOf(names.get(k)) : header.indexOf(column(names.get(k)));
            if (cols[k] < 0) {
                throw new IllegalArgumentException(request.option() + " " + names.get(k) + ": no column named '" + column(names.get(k))
                        + "' in "
                        + org.rnnlab.datasets.InputNames.shown(table.file()) + " (expected one of " + String.join(", ", header)
                        + "; names must match the header as written)" + Column.closeHint(column(names.get(k)), header));
            }
        }
        return cols;
    }
}
