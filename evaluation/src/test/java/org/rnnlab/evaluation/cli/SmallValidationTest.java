package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;

/**
 * A UCR trial's 20-series TRAIN: compare carved 3 validation series, each a third of validation accuracy, that decided early
 * stopping and the best configuration without a word, and recorded no file of which TRAIN series they were; its
 * {@code --json} had no macro-F1 sd.
 */
class SmallValidationTest {

    /** {@code n} sequences of labels a, b alternating (class b every {@code bEvery}-th from the second). */
    private static SequenceSet sequences(int n, int bEvery) {
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Sequence(new float[][] {{i}, {1}}, i % bEvery == 1 ? 1 : 0));
        }
        return new SequenceSet(out);
    }

    private static InMemorySequenceDataset data(int validation, int bEvery) {
        return new InMemorySequenceDataset("v", InputDescription.dense(List.of("x"), 2), List.of("a", "b"), sequences(40, 2),
                sequences(validation, bEvery), sequences(40, 2), new DatasetProvenance("v", "generated", Map.of(), List.of(), 1));
    }

    @Test
    void aHandfulOfValidationSequencesIsWarnedOfWithWhatOneIsWorth() {
        assertThat(BudgetOptions.smallValidation(data(3, 2)).orElseThrow()).contains("the validation split holds only 3 sequences "
                + "(only 1 of 'b'): one of them moves validation accuracy by 0.333", "decide early stopping, the epoch kept",
                "--set validationFraction=0 trains on all of the training data for a fixed epoch budget (no early stopping",
                "--set validationFraction=0.24 where rnnlab carves it");
        // enough sequences, but a class of one: its one sequence is all the validation knows of it
        assertThat(BudgetOptions.smallValidation(data(20, 19)).orElseThrow()).startsWith("the validation split holds only 20 sequences "
                + "(only 1 of 'b'): one of them moves validation accuracy by 0.050");
    }

    @Test
    void aValidationOfTenWithTwoPerClassOrOfThirtyOrNoneIsNotWarnedOf() {
        assertThat(BudgetOptions.smallValidation(data(10, 2))).isEmpty();
        assertThat(BudgetOptions.smallValidation(data(30, 29))).isEmpty(); // 30: one 'b', but 30 sequences are not a handful
        assertThat(BudgetOptions.smallValidation(data(60, 2))).isEmpty();
        assertThat(BudgetOptions.smallValidation(data(0, 2))).isEmpty(); // no validation data: nothing is chosen on it
    }

    /** UCR-style rows: label, then 12 values; class 1 rises, class 2 falls. */
    private static Path ucr(Path dir, String name, int n, long seed) throws Exception {
        Random random = new Random(seed);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2 + 1;
            StringBuilder row = new StringBuilder(Integer.toString(label));
            for (int t = 0; t < 12; t++) {
                row.append('\t').append(String.format(Locale.ROOT, "%.4f", (label == 1 ? 0.1 : -0.1) * t + 0.3 * random.nextGaussian()));
            }
            rows.add(row.toString());
        }
        return Files.write(dir.resolve(name), rows);
    }

    private static List<String> args(Path train, Path test, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--dataset", "csv", "--train", train.toString(), "--test", test.toString(),
                "--set", "layout=wide", "--set", "delimiter=tab", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static TrainEvaluatePredictTest.Run run(String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        return TrainEvaluatePredictTest.run(all.toArray(String[]::new));
    }

    @Test
    void compareAndTrainWarnOfThreeCarvedSeriesAndCompareRecordsWhichTheyWere(@TempDir Path dir) throws Exception {
        Path train = ucr(dir, "Tiny_TRAIN.tsv", 20, 1);
        Path test = ucr(dir, "Tiny_TEST.tsv", 40, 2);
        Path cmp = dir.resolve("cmp");
        TrainEvaluatePredictTest.Run compare = run("compare", args(train, test, cmp, "--cells", "rnn", "--seeds", "2", "--json"));
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.err()).contains("compare: warning: the validation split holds only 3 sequences", "one of them moves "
                + "validation accuracy by 0.333", "--set validationFraction=0 trains on all of the training data");
        assertThat(Files.readString(cmp.resolve("data-warnings.txt"))).contains("the validation split holds only 3 sequences");
        // which TRAIN series were carved for validation, as train records them
        List<String> splits = Files.readAllLines(cmp.resolve("splits.csv"));
        assertThat(splits.get(0)).isEqualTo("id,split,fingerprint");
        assertThat(splits.stream().filter(l -> l.contains(",validation,"))).hasSize(3);
        assertThat(splits.stream().filter(l -> l.contains(",train,"))).hasSize(17);
        assertThat(splits.stream().filter(l -> l.contains(",test,"))).hasSize(40);
        // --json: macroF1Sd beside accuracySd, as summary.csv has it
        JsonNode row = Json.mapper().readTree(compare.out()).get("configurations").get(0);
        List<String> summary = Files.readAllLines(cmp.resolve("summary.csv"));
        int sd = Arrays.asList(summary.get(0).split(",")).indexOf("macro_f1_sd");
        assertThat(row.get("macroF1Sd").isNumber()).as(row.toString()).isTrue();
        assertThat(row.get("macroF1Sd").asDouble()).isEqualTo(Double.parseDouble(summary.get(1).split(",", -1)[sd]));
        // train says it too
        TrainEvaluatePredictTest.Run trained = run("train", args(train, test, dir.resolve("tr"), "--cell", "rnn"));
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.err()).contains("train: warning: the validation split holds only 3 sequences");
        // all of TRAIN, a fixed budget: nothing to warn of
        TrainEvaluatePredictTest.Run all = run("train", args(train, test, dir.resolve("all"), "--cell", "rnn", "--set",
                "validationFraction=0"));
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.err()).doesNotContain("validation split holds only");
    }

    @Test
    void aCrossValidatedCompareWritesFoldsNotSplits(@TempDir Path dir) throws Exception {
        Path train = ucr(dir, "Tiny_TRAIN.tsv", 20, 1);
        Path test = ucr(dir, "Tiny_TEST.tsv", 40, 2);
        Path cmp = dir.resolve("cv");
        TrainEvaluatePredictTest.Run cv = run("compare", args(train, test, cmp, "--cells", "rnn", "--seeds", "1", "--cv", "2"));
        assertThat(cv.code()).as(cv.err()).isZero();
        assertThat(cmp.resolve("folds.csv")).exists();
        assertThat(cmp.resolve("splits.csv")).doesNotExist(); // the folds, not the carve, are what the runs trained on
    }
}
