package org.rnnlab.evaluation.train;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@value #FILE} of a training run ({@value #VALIDATION_FILE} for the validation split): each test sequence's id, true label ({@code actual}), predicted label and the model's probability of each
 * class ({@code p_<label>}, as {@code predict} names them, after the model's calibration), so that the ranking scores,
 * average precision and log-loss of {@code results.json} can be recomputed from the run folder alone (trial 72c: an auditor
 * had to run {@code predict} on the test file for them). The true label's column is {@code actual}, not {@code label}: in
 * {@code predict}'s output {@code label} is the predicted class, and a trial's script read both files alike (trial 73b F4).
 */
public final class TestPredictions {
    /** The file's name in the run folder. */
    public static final String FILE = "test-predictions.csv";

    /**
     * The same for the validation split, the split a cut-off is chosen on ({@code evaluate --target-recall}): a trial
     * (75c F5) joined splits.csv with its data in pandas to score the validation windows again for it.
     */
    public static final String VALIDATION_FILE = "validation-predictions.csv";

    private TestPredictions() {
    }

    /**
     * The file's text: a header {@code id,actual,predicted,p_<label>...} and one row per sequence of the split, in its order.
     *
     * @param labels        the model's labels, in output order
     * @param ids           the sequences' ids (empty: numbered from 1 in the split's order)
     * @param truth         each sequence's label index
     * @param predicted     each sequence's predicted label index
     * @param probabilities each sequence's probabilities, in label order (full precision, as Java prints a double)
     */
    public static String csv(List<String> labels, List<String> ids, int[] truth, int[] predicted, double[][] probabilities) {
        return csv(labels, List.of(), List.of(), ids, truth, predicted, probabilities);
    }

    /**
     * {@link #csv(List, List, int[], int[], double[][])} with columns before {@code id}, each row's values of them in
     * {@code leading} (a comparison's: configuration, seed, fold, group, whose runs' rows the file holds one after the other).
     *
     * @param leadingHeader the names of the leading columns
     * @param leading       each row's values of them (empty lists: none)
     */
    public static String csv(List<String> labels, List<String> leadingHeader, List<List<String>> leading, List<String> ids,
                             int[] truth, int[] predicted, double[][] probabilities) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').build())) {
            List<String> header = new ArrayList<>(leadingHeader);
            header.addAll(List.of("id", "actual", "predicted"));
            labels.forEach(l -> header.add("p_" + l));
            p.printRecord(header);
            for (int i = 0; i < truth.length; i++) {
                List<String> row = new ArrayList<>(leading.isEmpty() ? List.of() : leading.get(i));
                row.add(ids.isEmpty() ? String.valueOf(i + 1) : ids.get(i));
                row.add(labels.get(truth[i]));
                row.add(labels.get(predicted[i]));
                for (double x : probabilities[i]) {
                    row.add(Double.toString(x));
                }
                p.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
