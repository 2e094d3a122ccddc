package org.rnnlab.evaluation.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code predict --columns}: the output columns chosen, among those predict writes for the model, the others left out. A
 * Kaggle-style submission ({@code id,label} or {@code id,p_<class>...}) needed a pandas step to drop the five diagnostic
 * columns (trial 79a F2). The choice filters whole rows as they are written, so that every column is still computed as
 * before (the warnings on standard error count the same marks) and the columns kept read as without {@code --columns}.
 *
 * @param chosen the names given: output column names and {@value #PROBABILITIES}
 */
record PredictColumns(Set<String> chosen) {

    /** The name that stands for every {@code p_<label>} column. */
    static final String PROBABILITIES = "probabilities";

    /**
     * The choice of {@code names}, checked against {@code available}, the model's output columns without those of
     * {@code --top} and {@code --keep-columns} (written whenever those options are given); a name twice, an empty name or
     * one not among them is refused naming the valid ones, before any work.
     *
     * @param probabilityColumns the model's {@code p_<label>} columns, which {@value #PROBABILITIES} stands for
     * @return the choice, or null when {@code names} is empty (no {@code --columns}: every column)
     * @throws IllegalArgumentException the refusal, worded for the command line
     */
    static PredictColumns of(List<String> names, List<String> available, List<String> probabilityColumns) {
        if (names.isEmpty()) {
            return null;
        }
        List<String> valid = new ArrayList<>();
        for (String a : available) {
            if (a.equals(probabilityColumns.isEmpty() ? null : probabilityColumns.get(0))) {
                valid.add(PROBABILITIES + " (every p_<label>)");
            }
            valid.add(a);
        }
        String given = "--columns " + String.join(",", names) + ": ";
        Set<String> chosen = new LinkedHashSet<>();
        for (String n : names) {
            if (n.isBlank()) {
                throw new IllegalArgumentException(given + "an empty name (expected output column names, each once)");
            }
            if (!chosen.add(n)) {
                throw new IllegalArgumentException(given + "'" + n + "' is named twice (expected output column names, each once)");
            }
            if (!n.equals(PROBABILITIES) && !available.contains(n)) {
                throw new IllegalArgumentException(given + "'" + n + "' is no column of this model's output (expected some of "
                        + String.join(", ", valid) + "; --top's and --keep-columns' columns are written whenever those options "
                        + "are given)");
            }
        }
        return new PredictColumns(Set.copyOf(chosen));
    }

    /**
     * Which cells of the output's {@code header} (a CSV line as predict writes it) are written: those chosen, every
     * {@code p_<label>} of {@code probabilityColumns} for {@value #PROBABILITIES}, and those of {@code alwaysWritten}
     * (--top's and --keep-columns' columns).
     */
    boolean[] mask(String header, List<String> probabilityColumns, List<String> alwaysWritten) {
        List<String> cells = cells(header);
        boolean[] keep = new boolean[cells.size()];
        for (int i = 0; i < keep.length; i++) {
            String name = unquoted(cells.get(i));
            keep[i] = chosen.contains(name) || alwaysWritten.contains(name)
                    || chosen.contains(PROBABILITIES) && probabilityColumns.contains(name);
        }
        return keep;
    }

    /** The cells of {@code row} that {@code keep} marks, as written (quoted where they were), joined by commas. */
    static String kept(String row, boolean[] keep) {
        List<String> cells = cells(row);
        if (cells.size() != keep.length) { // each row has the header's cells; anything else is a bug here, not in the data
            throw new IllegalStateException("an output row of " + cells.size() + " cells under a header of " + keep.length);
        }
        java.util.StringJoiner out = new java.util.StringJoiner(",");
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                out.add(cells.get(i));
            }
        }
        return out.toString();
    }

    /**
     * The cells of one CSV record as {@link PredictCommand#csv} writes them, each as written (a quoted cell with its quotes):
     * a comma inside quotes, a doubled quote and a line break inside quotes stay in their cell.
     */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '"') {
                quoted = !quoted; // a doubled quote toggles twice
            } else if (c == ',' && !quoted) {
                cells.add(row.substring(start, i));
                start = i + 1;
            }
        }
        cells.add(row.substring(start));
        return cells;
    }

    /** A header cell's name: without the quotes {@link PredictCommand#csv} put around it. */
    private static String unquoted(String cell) {
        return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")
                ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
    }
}
