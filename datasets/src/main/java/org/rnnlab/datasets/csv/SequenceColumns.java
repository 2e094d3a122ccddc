package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.LabelCheck;

/**
 * Columns of a long-layout CSV file that hold one value per sequence (a subject, a recording date, a true label), read
 * beside the sequences so that {@code predict --keep-columns} can copy them into its output: predictions joined back to
 * what the user knows of each sequence without a second tool (a trial's sleep lab joined its subjects by hand).
 */
public final class SequenceColumns {

    private SequenceColumns() {
    }

    /**
     * Per sequence id (as the model's sequence id column writes it), the values of the columns {@code names}, in that order.
     * A named column that the file lacks, or that holds two values within one sequence, is an error naming the file, the
     * line and the values: a column that varies along a sequence has no one value to copy.
     *
     * @param file   a long-layout CSV file read with {@code schema}'s delimiter and header
     * @param schema the model's CSV contract (long layout, with a header)
     * @param names  header names of the columns to copy
     */
    public static Map<String, List<String>> read(Path file, CsvSchema schema, List<String> names) {
        if (!CsvSchema.LONG.equals(schema.layout())) {
            throw new IllegalArgumentException("--keep-columns copies columns of a long-layout CSV file (one row per time step), "
                    + "and this model reads a folder of one file per sequence");
        }
        if (!schema.header()) {
            throw new IllegalArgumentException("--keep-columns names columns by header name, but this model reads files without "
                    + "a header (columns by position)");
        }
        if (schema.sequenceId() == null) {
            throw new IllegalArgumentException("--keep-columns copies one value per sequence, and this model has no sequence id column");
        }
        CsvTable table = CsvTable.readWithLayout(file, schema.delimiterChar(), true);
        int id = schema.sequenceId().resolve(table.header(), table.width(), file);
        int[] cols = new int[names.size()];
        for (int k = 0; k < cols.length; k++) {
            cols[k] = table.header().indexOf(names.get(k));
            if (cols[k] < 0) {
                throw new DatasetFormatException(file, 1, "--keep-columns " + names.get(k) + ": no column of that name (expected one "
                        + "of " + String.join(", ", table.header()) + ")");
            }
        }
        Map<String, List<String>> values = new HashMap<>();
        Map<String, Long> firstLine = new HashMap<>();
        for (int r = 0; r < table.rows().size(); r++) {
            String seq = table.cell(r, id);
            List<String> row = new ArrayList<>(cols.length);
            for (int c : cols) {
                row.add(table.cell(r, c));
            }
            List<String> seen = values.putIfAbsent(seq, row);
            if (seen == null) {
                firstLine.put(seq, table.lines().get(r));
                continue;
            }
            for (int k = 0; k < cols.length; k++) {
                if (!seen.get(k).equals(row.get(k))) {
                    throw new DatasetFormatException(file, table.lines().get(r), "--keep-columns " + names.get(k) + ": '"
                            + CsvTable.abbreviate(row.get(k)) + "' here, but '" + CsvTable.abbreviate(seen.get(k)) + "' at line "
                            + firstLine.get(seq) + " in the same sequence " + LabelCheck.quoted(seq) + " (expected one value per "
                            + "sequence, which predict copies beside its prediction; a column that changes along a sequence has none)");
                }
            }
        }
        return values;
    }
}
