package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.training.TrainingConfig;

/**
 * A music trial (composers as groups, 12 composers, so some test splits lacked a style) read compare's paired macro-F1 test
 * on rnnlab's macro-F1 (over the classes present) and the baseline verdicts on scikit-learn's (present or predicted), a
 * different macro-F1 for the same runs a line apart; the summary-feature baseline's verdicts compared rnnlab's figure on
 * both sides. Here a class ('c') is absent from the test split and both some runs and the summary-feature regression
 * predict it: every comparison must use scikit-learn's {@code f1_score(average='macro')} on both sides, recomputed here
 * from the confusion matrices without rnnlab's metrics code ({@link #sklearnMacroF1}).
 */
class MacroF1DefinitionTest {

    private static final List<String> LABELS = List.of("a", "b", "c");

    /**
     * scikit-learn's {@code f1_score(y_true, y_pred, average='macro')} (zero_division 0) from a confusion matrix
     * {@code [actual][predicted]}: the mean F1 over the labels in y_true or y_pred, F1 0 where a class has no true positive.
     */
    static double sklearnMacroF1(long[][] confusion) {
        int k = confusion.length;
        double sum = 0;
        int labels = 0;
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long support = Arrays.stream(confusion[c]).sum();
            long predicted = 0;
            for (long[] row : confusion) {
                predicted += row[c];
            }
            if (support == 0 && predicted == 0) {
                continue; // not in unique_labels(y_true, y_pred)
            }
            labels++;
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return sum / labels;
    }

    /** rnnlab's macro-F1 (the classes present only), recomputed likewise, to show the two differ in these data. */
    static double presentMacroF1(long[][] confusion) {
        double sum = 0;
        int labels = 0;
        for (int c = 0; c < confusion.length; c++) {
            long support = Arrays.stream(confusion[c]).sum();
            if (support == 0) {
                continue;
            }
            long predicted = 0;
            for (long[] row : confusion) {
                predicted += row[c];
            }
            double precision = predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
            double recall = (double) confusion[c][c] / support;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            labels++;
        }
        return sum / labels;
    }

    /**
     * The runs' confusions on a test split of 10 'a' and 10 'b' and no 'c': gru finds every 'b' and calls 1 or 2 'a' 'c'
     * (a class the test data hold none of), lstm calls 2 or 3 'a' 'b'. Over the classes present gru is the better in every
     * seed; counting 'c' at F1 0, as scikit-learn does, it is the worse.
     */
    static long[][] confusion(String configuration, long seed) {
        int wrong = (int) (seed % 2);
        return configuration.equals("gru")
                ? new long[][] {{9 - wrong, 0, 1 + wrong}, {0, 10, 0}, {0, 0, 0}}
                : new long[][] {{8 - wrong, 2 + wrong, 0}, {0, 10, 0}, {0, 0, 0}};
    }

    /** A run kept at epoch 2, of validation accuracy 0.60 (gru) or 0.55 (lstm). */
    private static RunResult run(String configuration, long seed) {
        double v = configuration.equals("gru") ? 0.6 : 0.55;
        return run(configuration, seed, List.of(new org.rnnlab.training.EpochStats(1, 0.9, 0.5, 1, 100, null, 0.5),
                new org.rnnlab.training.EpochStats(2, 0.5, v, 1, 100, null, v)));
    }

    /** A run with the given epochs ({@code List.of()}: no validation score, as without validation data). */
    private static RunResult run(String configuration, long seed, List<org.rnnlab.training.EpochStats> history) {
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(LABELS,
                confusion(configuration, seed), List.of(), 0.1), 2, 1, 100, 10, null, history, List.of(), null, null);
    }

    /**
     * One feature per step: 'a' about 0, 'b' about 5, 'c' about 10; the training split has 'c' the most frequent (so the
     * majority baseline always predicts a class the test split holds none of), and the test split has no 'c' but two 'a'
     * sequences at the level of 'c', which the summary-feature regression calls 'c'.
     */
    private static SequenceDataset data() {
        List<Sequence> train = new ArrayList<>();
        int[] counts = {10, 10, 12};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < counts[c]; i++) {
                train.add(sequence(c * 5f, i, c));
            }
        }
        List<Sequence> test = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            test.add(sequence(i < 2 ? 10f : 0f, i, 0));
            test.add(sequence(5f, i, 1));
        }
        return new InMemorySequenceDataset("styles", InputDescription.dense(List.of("x"), 3), LABELS, new SequenceSet(train),
                new SequenceSet(List.of()), new SequenceSet(test), new DatasetProvenance("styles", "generated", Map.of(), List.of(), 1));
    }

    private static Sequence sequence(float level, int i, int label) {
        float noise = (i % 5 - 2) * 0.1f;
        return new Sequence(new float[][] {{level + noise}, {level - noise}, {level + 2 * noise}}, label, Map.of());
    }

    @Test
    void everyMacroF1ComparisonUsesScikitLearnsDefinitionOnBothSides(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        SequenceDataset data = data();
        List<SequenceDataset> parts = List.of(data);
        MajorityBaseline majority = MajorityBaseline.of(LABELS, parts).orElseThrow();
        SummaryBaseline summary = SummaryBaseline.of(LABELS, parts).orElseThrow();
        List<RunResult> runs = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            runs.add(run("gru", seed));
            runs.add(run("lstm", seed));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 6, 1, 0);
        List<RunResult> gru = runs.stream().filter(r -> r.configuration().equals("gru")).toList();
        List<RunResult> lstm = runs.stream().filter(r -> r.configuration().equals("lstm")).toList();
        ComparisonResult result = new ComparisonResult("styles", LABELS, null, config, runs,
                List.of(Aggregate.of(gru), Aggregate.of(lstm)), 1, null, majority, null, null, summary);

        // the runs: rnnlab's figure is over the classes present, the scikit-learn figure lower for gru
        for (RunResult r : runs) {
            long[][] c = confusion(r.configuration(), r.seed());
            assertThat(r.test().macroF1()).as("rnnlab's macro-F1 of %s seed %d", r.configuration(), r.seed())
                    .isCloseTo(presentMacroF1(c), within(1e-12));
            assertThat(PresentOrPredicted.of(r)).as("scikit-learn's macro-F1 of %s seed %d", r.configuration(), r.seed())
                    .isCloseTo(sklearnMacroF1(c), within(1e-12));
        }
        assertThat(presentMacroF1(confusion("gru", 1))).isGreaterThan(presentMacroF1(confusion("lstm", 1)));
        assertThat(sklearnMacroF1(confusion("gru", 1))).isLessThan(sklearnMacroF1(confusion("lstm", 1)));

        // 1. the paired test between configurations (differences.csv's macro_f1 rows, the console, summary.md): scikit-learn
        // on both sides, each pair's difference and their mean as recomputed
        double[] expected = new double[6];
        for (int s = 0; s < 6; s++) {
            expected[s] = sklearnMacroF1(confusion("gru", s + 1)) - sklearnMacroF1(confusion("lstm", s + 1));
        }
        PairedDifference d = ComparisonFiles.differences(result).stream().filter(x -> x.metric() == Metric.MACRO_F1)
                .findFirst().orElseThrow();
        assertThat(PairedDifference.unitDifferences(result, d)).as("per-seed macro-F1 differences gru - lstm")
                .containsExactly(expected, within(1e-12));
        assertThat(d.meanDifference()).isCloseTo(Arrays.stream(expected).average().orElseThrow(), within(1e-12));
        assertThat(d.verdict()).as("all 6 pairs lower on scikit-learn's figure (higher on rnnlab's)").isEqualTo("reliably worse");
        // Holm over the macro-F1 family: the same pair's p (one pair), on the same differences
        assertThat(d.pHolm()).isEqualTo(d.pValue());
        assertThat(d.pValue()).isEqualTo(PairedDifference.signFlipP(expected, PairedDifference.RESAMPLES,
                PairedDifference.BOOTSTRAP_SEED));
        // named so where it differs from the table's macro-F1 column (over the classes present)
        assertThat(ComparisonFiles.table(result)).contains("paired " + PresentOrPredicted.LABEL + " differences")
                .contains("the paired macro-F1 differences and the verdicts against the baselines compare this figure");
        assertThat(ComparisonSummary.markdown(result)).contains(PresentOrPredicted.LABEL);
        // differences.csv: the macro_f1 row's difference as recomputed, and which figure it is (an added last column)
        ComparisonFiles.write(result, dir);
        List<String> csv = java.nio.file.Files.readAllLines(dir.resolve("differences.csv"));
        assertThat(csv.get(0)).endsWith(",p_holm,definition");
        String row = csv.stream().filter(l -> l.startsWith("gru,lstm,macro_f1,")).findFirst().orElseThrow();
        assertThat(row).endsWith("," + ComparisonFiles.PRESENT_OR_PREDICTED);
        assertThat(Double.parseDouble(row.split(",")[4])).isCloseTo(Arrays.stream(expected).average().orElseThrow(), within(1e-12));
        assertThat(csv.stream().filter(l -> l.startsWith("gru,lstm,accuracy,")).findFirst().orElseThrow()).endsWith(",");

        // 2. the majority baseline: always 'c', absent from the test split; its macro-F1 is scikit-learn's too (0: every
        // class present has F1 0, and so has the 'c' it predicts)
        assertThat(majority.labels()).containsExactly("c");
        long[][] always = {{0, 0, 10}, {0, 0, 10}, {0, 0, 0}};
        assertThat(majority.macroF1()).isCloseTo(sklearnMacroF1(always), within(1e-12));
        // a run's verdict against it takes scikit-learn's figure: the lstm run of seed 1 is judged by its own
        RunResult lstm1 = lstm.get(0);
        MajorityBaseline level = new MajorityBaseline(List.of("a"), 0.5, PresentOrPredicted.of(gru.get(1)), 1);
        assertThat(level.notAbove(0.9, gru.get(1).test().macroF1(), gru.get(1).test().macroF1PresentOrPredicted(), false))
                .as("gru seed 2's scikit-learn figure equal to the baseline's: not above it, whatever rnnlab's says").isPresent();

        // 3. the summary-feature baseline: its regression calls the two 'c'-like test sequences 'c'
        SummaryFeatures regression = SummaryFeatures.fit(data.split(Split.TRAIN).examples(), 3);
        List<Sequence> test = data.split(Split.TEST).examples();
        int[] predicted = regression.predict(test);
        long[][] regressionConfusion = new long[3][3];
        for (int i = 0; i < predicted.length; i++) {
            regressionConfusion[test.get(i).label()][predicted[i]]++;
        }
        assertThat(regressionConfusion[0][2]).as("test 'a' sequences the regression calls 'c'").isEqualTo(2);
        assertThat(summary.macroF1()).isCloseTo(presentMacroF1(regressionConfusion), within(1e-12));
        assertThat(summary.macroF1PresentOrPredicted()).isCloseTo(sklearnMacroF1(regressionConfusion), within(1e-12));
        assertThat(summary.judgedMacroF1()).isEqualTo(summary.macroF1PresentOrPredicted());
        assertThat(summary.describe()).contains(String.format(java.util.Locale.ROOT, "macro-F1 %.4f (macro-F1 %.4f counting the "
                + "class(es) predicted here but absent", summary.macroF1(), summary.macroF1PresentOrPredicted()));
        // results.json keeps it (added; macroF1 stays rnnlab's)
        SummaryBaseline read = Json.read(Json.write(summary), SummaryBaseline.class);
        assertThat(read).isEqualTo(summary);

        // the configurations not above it: each configuration's mean scikit-learn figure against the baseline's
        double baselineSk = sklearnMacroF1(regressionConfusion);
        List<String> notAbove = new ArrayList<>();
        for (String c : List.of("gru", "lstm")) {
            double meanSk = runs.stream().filter(r -> r.configuration().equals(c))
                    .mapToDouble(r -> sklearnMacroF1(confusion(c, r.seed()))).average().orElseThrow();
            double accuracy = result.aggregates().stream().filter(a -> a.configuration().equals(c)).findFirst().orElseThrow()
                    .mean(Metric.ACCURACY);
            if (Math.round(meanSk * 1e4) <= Math.round(baselineSk * 1e4) || Math.round(accuracy * 1e4) <= Math.round(summary.accuracy() * 1e4)) {
                notAbove.add(c);
            }
        }
        assertThat(SummaryBaseline.notAbove(result)).isEqualTo(notAbove);
        // lstm's mean over the classes present (0.87) is below the regression's (0.94), its scikit-learn figure (0.87) above
        // the regression's (0.63): compared like with like, only lstm's accuracy (0.8750 against 0.9000) is not above it
        assertThat(presentMacroF1(confusion("lstm", 1))).isLessThan(presentMacroF1(regressionConfusion));
        assertThat(SummaryBaseline.notAbove(result)).containsExactly("lstm");
        assertThat(SummaryBaseline.warning(result)).hasValue("lstm's mean test accuracy (0.8750) is not above the "
                + String.format(java.util.Locale.ROOT, "summary-feature baseline's (0.9000, %.4f): no evidence that it uses the "
                + "order of the steps beyond what each feature's mean and sd give", baselineSk));
        // one run's verdict (train's line): the same
        assertThat(summary.notAbove(0.99, lstm1.test().macroF1(), lstm1.test().macroF1PresentOrPredicted(), 20)).isEmpty();
        // a run whose scikit-learn figure is not above the regression's is named with that figure and the regression's
        long[][] poor = {{6, 0, 4}, {0, 10, 0}, {0, 0, 0}};
        var poorRun = Evaluator.fromConfusion(LABELS, poor, List.of(), 0);
        assertThat(sklearnMacroF1(poor)).isLessThan(baselineSk);
        assertThat(summary.notAbove(0.99, poorRun.macroF1(), poorRun.macroF1PresentOrPredicted(), 20)).hasValueSatisfying(w ->
                assertThat(w).startsWith(String.format(java.util.Locale.ROOT, "test %s %.4f is not above the summary-feature "
                        + "baseline's %.4f", PresentOrPredicted.LABEL, sklearnMacroF1(poor), baselineSk)));

        // 4. the best line: chosen by validation here, its test against the runner-up on scikit-learn's figure
        TrainAgain.Best best = TrainAgain.best(result).orElseThrow();
        PairedDifference versus = best.versusRunnerUp();
        double sign = best.configuration().equals("gru") ? 1 : -1;
        assertThat(versus.meanDifference()).isCloseTo(sign * Arrays.stream(expected).average().orElseThrow(), within(1e-12));
        assertThat(versus.pHolm()).isEqualTo(d.pHolm());
        assertThat(best.configuration()).isEqualTo("gru");
        assertThat(TrainAgain.hint(result)).hasValueSatisfying(h -> assertThat(h).contains("reliably worse on the test data than lstm")
                .contains("paired test " + PresentOrPredicted.LABEL + " difference")
                .contains(String.format(java.util.Locale.ROOT, "macro-F1 0.9444, 0.6296 as scikit-learn computes it")));

        // 5. without validation data the pick is on the test data, by the same figure the paired test compares: lstm's
        // scikit-learn mean (0.87) above gru's (0.64), though gru's over the classes present (0.96) is above lstm's (0.87)
        List<RunResult> unvalidated = runs.stream().map(r -> run(r.configuration(), r.seed(), List.of())).toList();
        ComparisonResult onTest = new ComparisonResult("styles", LABELS, null, config, unvalidated,
                List.of(Aggregate.of(unvalidated.stream().filter(r -> r.configuration().equals("gru")).toList()),
                        Aggregate.of(unvalidated.stream().filter(r -> r.configuration().equals("lstm")).toList())),
                1, null, majority, null, null, summary);
        assertThat(onTest.aggregates().get(0).mean(Metric.MACRO_F1)).isGreaterThan(onTest.aggregates().get(1).mean(Metric.MACRO_F1));
        TrainAgain.Best picked = TrainAgain.best(onTest).orElseThrow();
        assertThat(picked.chosenOnTest()).isTrue();
        assertThat(picked.configuration()).as("the best on test data by scikit-learn's macro-F1").isEqualTo("lstm");
        assertThat(picked.versusRunnerUp().meanDifference()).isCloseTo(-Arrays.stream(expected).average().orElseThrow(),
                within(1e-12));
        assertThat(picked.versusRunnerUp().verdict()).isEqualTo("reliably better");
    }

    /** Without a class predicted but absent, nothing is renamed: the two definitions agree and the words are as before. */
    @Test
    void withoutAClassPredictedButAbsentTheWordsAreUnchanged() {
        List<RunResult> runs = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            runs.add(run("lstm", seed));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 6, 1, 0);
        ComparisonResult result = new ComparisonResult("styles", LABELS, null, config, runs, List.of(Aggregate.of(runs)), 1);
        assertThat(PresentOrPredicted.label(result)).isEqualTo("macro-F1");
        assertThat(ComparisonSummary.label(result, Metric.MACRO_F1)).isEqualTo("macro-F1");
        SummaryBaseline plain = new SummaryBaseline(1, 0.9, 0.8, null, null, 1, 0.8);
        assertThat(plain.differs()).isFalse();
        assertThat(plain.describe()).doesNotContain("scikit-learn");
        assertThat(plain.notAbove(0.5, 0.5, null, 20)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("test accuracy 0.5000 and macro-F1 0.5000 are not above the summary-feature baseline's 0.9000 and 0.8000"));
    }
}
