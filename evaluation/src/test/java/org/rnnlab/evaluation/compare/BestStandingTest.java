package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.TrainingConfig;

/**
 * The comparison's "best" says how far the data separate it from the rest (a trial: six configurations all at 1.0000 and
 * "Best: rnn", picked by the order of --cells; three configurations with no reliable difference and "best: lstm"), and
 * intervals that round to 0 are printed as +0.0000, not -0.0000.
 */
class BestStandingTest {

    private static final List<String> LABELS = List.of("a", "b");

    /** A run whose test confusion has {@code right} of 10 'a' and 10 of 10 'b' right. */
    private static RunResult run(String configuration, long seed, int right) {
        long[][] confusion = {{right, 10 - right}, {0, 10}};
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1),
                1, 1, 100, 10, null, List.of(), List.of(), null, null);
    }

    /** One run per seed of each configuration, {@code right[c][s]} right 'a's. */
    private static ComparisonResult result(String cells, int[][] right) {
        List<String> names = List.of(cells.split(","));
        List<RunResult> runs = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            List<RunResult> mine = new ArrayList<>();
            for (int s = 0; s < right[c].length; s++) {
                mine.add(run(names.get(c), s + 1, right[c][s]));
            }
            runs.addAll(mine);
            aggregates.add(Aggregate.of(mine));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList(cells), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), right[0].length, 1, 0);
        return new ComparisonResult("d", LABELS, null, config, runs, aggregates, 1);
    }

    @Test
    void aBestNoBetterThanTheMajorityClassIsSaidToHaveLearnedNothing() {
        // every 'a' wrong: always 'b', which is what the baseline predicts (accuracy 0.5, macro-F1 1/3)
        ComparisonResult chance = result("rnn,gru", new int[][] {{0, 0}, {0, 0}});
        MajorityBaseline baseline = new MajorityBaseline(List.of("b"), 0.5, 1.0 / 3, 1, List.of());
        ComparisonResult withBaseline = new ComparisonResult("d", LABELS, null, chance.config(), chance.runs(), chance.aggregates(),
                1, null, baseline);
        assertThat(TrainAgain.hint(withBaseline)).hasValueSatisfying(h -> assertThat(h).contains("; but no configuration scored "
                + "above always predicting the majority class (best mean test accuracy 0.5000 and macro-F1 0.3333 against the "
                + "baseline's 0.5000 and 0.3333): its model would have learned nothing these scores show"));
        // the chosen one at the baseline while another is above it on the test data: said so, not "no configuration"
        ComparisonResult mixed = validatedResult(org.rnnlab.training.EpochSelection.MACRO_F1, validated("gru", 1, 10, 0.6),
                validated("gru", 2, 10, 0.7), validated("lstm", 1, 0, 0.9), validated("lstm", 2, 0, 0.8));
        assertThat(TrainAgain.hint(new ComparisonResult("d", LABELS, null, mixed.config(), mixed.runs(), mixed.aggregates(), 1, null,
                baseline))).hasValueSatisfying(h -> assertThat(h).startsWith("lstm (").contains("; but this configuration scored "
                + "above always predicting the majority class (its mean test accuracy 0.5000").contains("(gru did, on the test data)"));
        // a validation leak alone does not make the test scores optimistic
        assertThat(TrainAgain.testHoldsTrainingData(List.of("csv f.csv: 3 of the 20 validation sequences share stretches of 3 "
                + "or more consecutive time steps"))).isFalse();
        assertThat(TrainAgain.testHoldsTrainingData(List.of("csv f.csv: 3 of the 20 test sequences share stretches of 3 "
                + "or more consecutive time steps"))).isTrue();
        assertThat(TrainAgain.testHoldsTrainingData(List.of("t.tsv: 2 of 3 test texts also occur in the training file x.tsv")))
                .isTrue();
        // copies too few to move the scores (a retail trial's 2 one-event sessions of 1274) are no leak
        assertThat(TrainAgain.testHoldsTrainingData(List.of("csv: 2 test sequence(s) are also in the training data with the same "
                + "values (2 under another id, e.g. a = b): 2 of 1274 (0.16%): too few to move the test scores much (short "
                + "sequences repeat by chance, such as one-event sessions)"))).isFalse();
        assertThat(TrainAgain.testHoldsTrainingData(List.of("csv: 20 test sequence(s) are also in the training data with the same "
                + "values (20 under another id, e.g. a = b): the test scores are optimistic"))).isTrue();
        // a column such as a speaker shared by training and test: named, conditionally, and no leak of training data
        String speaker = "csv f.csv: column 'speaker' holds one value per sequence, shared by several sequences (e.g. 's1' in column "
                + "'speaker': 6 of the 60 sequences; 10 values): 10 of the test data's 10 values (e.g. 's1') also have training "
                + "sequences (carved at random). If it names ...";
        assertThat(TrainAgain.testHoldsTrainingData(List.of(speaker))).isFalse();
        assertThat(TrainAgain.sharedGroupLikeColumns(List.of(speaker, speaker.replace("'speaker'", "'gain' (a feature)")
                .replace("column 'gain' (a feature) holds", "column 'gain' (a feature) holds")))).containsExactly("'speaker'", "'gain'");
        assertThat(TrainAgain.sharedGroupLikeColumns(List.of(speaker.replace("of the test data's", "of the validation data's"))))
                .isEmpty();
        assertThat(TrainAgain.testHoldsTrainingData(List.of("v.tsv: 2 of 3 validation texts also occur in the training file x.tsv",
                "x.tsv: 30 texts occur more than once (31 repeats, e.g. lines 1 and 31)"))).isFalse();
        ComparisonResult learned = result("rnn,gru", new int[][] {{5, 6}, {9, 10}});
        assertThat(TrainAgain.hint(new ComparisonResult("d", LABELS, null, learned.config(), learned.runs(), learned.aggregates(),
                1, null, baseline))).hasValueSatisfying(h -> assertThat(h).doesNotContain("majority class"));
    }

    @Test
    void tiedConfigurationsAreNamedAndThePickIsSaidToBeTheirOrder() {
        ComparisonResult r = result("rnn,gru,lstm", new int[][] {{10, 10, 10}, {10, 10, 10}, {9, 10, 10}});
        TrainAgain.Best b = r.best();
        assertThat(b.configuration()).isEqualTo("rnn");
        assertThat(b.tiedWith()).containsExactly("gru");
        assertThat(b.runnerUp()).isEqualTo("gru");
        assertThat(TrainAgain.hint(r)).hasValueSatisfying(h -> assertThat(h).startsWith("rnn (mean macro-F1 1.0000, chosen on the test "
                + "data: with no validation data the configuration itself and its seed were picked by their test macro-F1, so the "
                + "test scores are optimistic (give validation data for an unbiased estimate); tied with gru "
                + "(the same mean macro-F1): the pick among them is only the order of the configurations, not the data): rnnlab train"));
        assertThat(b.chosenBy()).isEqualTo("test macro-F1");
        assertThat(b.meanValidation()).isNull();
        assertThat(b.note()).contains("chosen on the test data").contains("optimistic");
    }

    @Test
    void aBestThatNoPairedTestSeparatesFromTheRunnerUpIsSaidToBeSo() {
        // gru ahead in 4 seeds, behind in 2: mean ahead, sign-flip p well above 0.05
        ComparisonResult r = result("gru,lstm", new int[][] {{10, 10, 10, 10, 9, 8}, {9, 9, 9, 9, 10, 10}});
        TrainAgain.Best b = r.best();
        assertThat(b.configuration()).isEqualTo("gru");
        assertThat(b.tiedWith()).isEmpty();
        assertThat(b.versusRunnerUp().pairs()).isEqualTo(6);
        assertThat(b.versusRunnerUp().reliable()).isFalse();
        assertThat(b.standing()).startsWith("not reliably better than the runner-up lstm (paired macro-F1 difference +")
                .endsWith(": the data do not separate them");
        assertThat(ComparisonFiles.table(r)).contains("best: gru (mean macro-F1 ").contains("; not reliably better than the runner-up lstm");
    }

    @Test
    void theVerdictLinesSayOnHowManyTestSequencesTheSeedPairsRest() {
        // trial 81c F8: "n=6 p=0.031  reliably better", the 146 test sequences (1-2 per class) said two paragraphs above
        ComparisonResult reliable = result("gru,lstm", new int[][] {{10, 10, 10, 10, 10, 10}, {8, 7, 9, 8, 7, 9}});
        String table = ComparisonFiles.table(reliable);
        assertThat(table).containsPattern("gru\\s+- lstm\\s+\\+0\\.\\d{4} \\[[^]]*] n=6 seed pairs on the same 20 test sequences "
                + "p=0\\.031  reliably better");
        assertThat(TrainAgain.hint(reliable)).hasValueSatisfying(h -> assertThat(h).contains("; reliably better than the runner-up "
                + "lstm (paired macro-F1 difference +").contains(", n=6 seed pairs on the same 20 test sequences, p=0.031)"));
        ComparisonResult few = result("gru,lstm", new int[][] {{10, 10, 10}, {8, 7, 9}});
        assertThat(TrainAgain.hint(few)).hasValueSatisfying(h -> assertThat(h).contains("n=3 seed pairs on the same 20 test "
                + "sequences, p=0.250): 3 paired runs, a verdict needs 6"));
        // runs of the two configurations on different numbers of sequences (not one test split): the pairs alone
        RunResult other = new RunResult("lstm", "lstm", "none", 1, Evaluator.fromConfusion(LABELS, new long[][] {{8, 4}, {0, 10}},
                List.of(), 0.1), 1, 1, 100, 10, null, List.of(), List.of(), null, null);
        List<RunResult> runs = new ArrayList<>(reliable.runs());
        runs.set(6, other);
        PairedDifference d = PairedDifference.all(new ComparisonResult("d", LABELS, null, reliable.config(), runs,
                reliable.aggregates(), 1), org.rnnlab.evaluation.metrics.Metric.ACCURACY).get(0);
        assertThat(ComparisonCaveats.pairsText(new ComparisonResult("d", LABELS, null, reliable.config(), runs,
                reliable.aggregates(), 1), d)).isEqualTo("n=6");
    }

    @Test
    void aReliablyBetterBestAndOneWithTooFewPairsSaySo() {
        ComparisonResult reliable = result("gru,lstm", new int[][] {{10, 10, 10, 10, 10, 10}, {8, 7, 9, 8, 7, 9}});
        assertThat(reliable.best().standing()).startsWith("reliably better than the runner-up lstm (paired macro-F1 difference +")
                .contains("n=6, p=0.031)");
        ComparisonResult few = result("gru,lstm", new int[][] {{10, 10, 10}, {8, 7, 9}});
        assertThat(few.best().standing()).startsWith("no verdict against the runner-up lstm (").endsWith(": 3 paired runs, a verdict needs 6 "
                + "(more --seeds)");
        ComparisonResult one = result("gru", new int[][] {{10, 9}});
        assertThat(one.best().runnerUp()).isNull();
        assertThat(one.best().standing()).isEmpty();
    }

    @Test
    void aBestWhoseMeanHoldsRunsTheRunnerUpLacksIsNotCalledBetterThanIt() {
        // a stopped comparison: gru has 13 runs, lstm the first 6, where lstm was ahead in every one (the review's case)
        ComparisonResult r = result("gru,lstm", new int[][] {{8, 8, 8, 8, 8, 8, 10, 10, 10, 10, 10, 10, 10}, {9, 9, 9, 9, 9, 9}});
        assertThat(r.best().configuration()).isEqualTo("gru");
        assertThat(r.best().standing()).startsWith("reliably worse than the runner-up lstm on the runs both have (")
                .endsWith("its higher mean comes from runs the runner-up lacks");
    }

    /** A run with a kept epoch 2 of validation accuracy and macro-F1 {@code validation}, and {@code right} test 'a's right. */
    private static RunResult validated(String configuration, long seed, int right, double validation) {
        long[][] confusion = {{right, 10 - right}, {0, 10}};
        List<org.rnnlab.training.EpochStats> history = List.of(
                new org.rnnlab.training.EpochStats(1, 0.9, 0.5, 1, 100, null, 0.5),
                new org.rnnlab.training.EpochStats(2, 0.5, validation, 1, 100, null, validation),
                new org.rnnlab.training.EpochStats(3, 0.4, validation - 0.1, 1, 100, null, validation - 0.1));
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1),
                2, 1, 100, 10, null, history, List.of(), null, null);
    }

    /** A run whose kept epoch 2 has validation log-loss {@code logLoss} and, to rank the other way, macro-F1 of the same value. */
    private static RunResult byLogLoss(String configuration, long seed, double logLoss) {
        long[][] confusion = {{8, 2}, {0, 10}};
        List<org.rnnlab.training.EpochStats> history = List.of(
                new org.rnnlab.training.EpochStats(1, 0.9, 0.5, 1, 100, null, 0.5, 0.69, 0.5, 0.5),
                new org.rnnlab.training.EpochStats(2, 0.5, 0.9, 1, 100, null, logLoss, logLoss, 0.8, 0.6),
                new org.rnnlab.training.EpochStats(3, 0.4, 0.8, 1, 100, null, 0.4, logLoss + 0.1, 0.8, 0.6));
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1),
                2, 1, 100, 10, null, history, List.of(), null, null);
    }

    @Test
    void byLogLossTheLowestMeanValidationLogLossIsTheBest() {
        // trial 65c (finding 4): a threshold-free selection; gru's log-loss is lower (better), its macro-F1 (the same numbers) lower too
        ComparisonResult r = validatedResult(org.rnnlab.training.EpochSelection.LOG_LOSS, byLogLoss("gru", 1, 0.20),
                byLogLoss("gru", 2, 0.15), byLogLoss("lstm", 1, 0.40), byLogLoss("lstm", 2, 0.50));
        TrainAgain.Best b = r.best();
        assertThat(b.configuration()).isEqualTo("gru");
        assertThat(b.chosenBy()).isEqualTo("validation log-loss");
        assertThat(b.meanValidation()).isCloseTo(0.175, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(b.runnerUpValidation()).isCloseTo(0.45, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(b.seed()).as("the seed of the lowest log-loss").isEqualTo(2);
        assertThat(r.aggregates().get(0).validation(org.rnnlab.training.EpochSelection.LOG_LOSS).mean())
                .isCloseTo(0.175, org.assertj.core.data.Offset.offset(1e-12));
        // by macro-F1 (the same values, higher better) the other way round
        ComparisonResult f1 = validatedResult(org.rnnlab.training.EpochSelection.MACRO_F1, byLogLoss("gru", 1, 0.20),
                byLogLoss("gru", 2, 0.15), byLogLoss("lstm", 1, 0.40), byLogLoss("lstm", 2, 0.50));
        assertThat(f1.best().configuration()).isEqualTo("lstm");
        // a small lead of a log-loss is the runner-up's minus the best's, positive
        ComparisonResult close = validatedResult(org.rnnlab.training.EpochSelection.LOG_LOSS, byLogLoss("gru", 1, 0.200),
                byLogLoss("gru", 2, 0.200), byLogLoss("lstm", 1, 0.205), byLogLoss("lstm", 2, 0.205));
        assertThat(close.best().configuration()).isEqualTo("gru");
        String csv = ComparisonFiles.csv(r);
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).endsWith(",0.2,0.8,0.6,,,,"
                + r.runs().get(0).test().macroF1() + ",1,4,0.001,0.0,last,false"); // no test log-loss measured (nor test_groups: no folds); then the macro-F1 (no class predicted but absent), the depth and width
    }

    /** {@code run} with test log-loss {@code logLoss} and the rarer class's test average precision {@code ap}. */
    private static RunResult withTestScores(RunResult run, double logLoss, double ap) {
        return new RunResult(run.configuration(), run.architecture(), run.clip(), run.seed(), run.test().withSelectionScores(
                new org.rnnlab.training.ValidationScores(Double.NaN, Double.NaN, logLoss, Double.NaN, ap)), run.bestEpoch(),
                run.trainSeconds(), run.samplesPerSecond(), run.parameters(), run.runMemoryMb(), run.history(), run.gradientNorms(),
                run.fold(), run.evaluatedOn());
    }

    @Test
    void chosenByAThresholdFreeScoreTheBestLineAndResultsCsvGiveItsTestValue() {
        // a parcel carrier's trial (finding 6): chosen by validation log-loss, reported by test macro-F1 only, and results.csv
        // had no test log-loss nor the rare class's test average precision
        RunResult[] runs = {withTestScores(byLogLoss("gru", 1, 0.20), 0.30, 0.70), withTestScores(byLogLoss("gru", 2, 0.15), 0.40, 0.80),
                withTestScores(byLogLoss("lstm", 1, 0.40), 0.50, 0.60), withTestScores(byLogLoss("lstm", 2, 0.50), 0.60, 0.50)};
        ComparisonResult r = validatedResult(org.rnnlab.training.EpochSelection.LOG_LOSS, runs);
        assertThat(TrainAgain.hint(r)).hasValueSatisfying(h -> assertThat(h).containsPattern("^gru \\(chosen by mean validation "
                + "log-loss 0\\.1750; mean test macro-F1 [0-9.]+, mean test log-loss 0\\.3500, an unbiased estimate"));
        assertThat(r.aggregates().get(0).mean(org.rnnlab.evaluation.metrics.Metric.LOG_LOSS)).isCloseTo(0.35,
                org.assertj.core.data.Offset.offset(1e-12));
        List<String> csv = ComparisonFiles.csv(r).lines().toList();
        assertThat(csv.get(0)).endsWith(",validation_average_precision,log_loss,average_precision,test_groups,macro_f1_present_or_predicted,layers,hidden,learning_rate,dropout,head,residual");
        assertThat(csv.get(1)).startsWith("gru,").contains(",0.2,0.8,0.6,0.3,0.7,," + r.runs().get(0).test().macroF1() + ",1,4,"); // no folds: an empty test_groups; then depth and width
        // by average precision: the rarer test class's, named ('b' on equal counts, as the selection takes it)
        ComparisonResult byAp = validatedResult(org.rnnlab.training.EpochSelection.AVERAGE_PRECISION, runs);
        assertThat(TrainAgain.hint(byAp)).hasValueSatisfying(h -> assertThat(h).contains("chosen by mean validation average "
                + "precision 0.6000; mean test macro-F1 ").contains(", mean test average precision of 'b' 0.7500, an unbiased estimate"));
        // by macro-F1: the line is as it was, its test macro-F1 being the score chosen by
        ComparisonResult byF1 = validatedResult(org.rnnlab.training.EpochSelection.MACRO_F1, runs);
        assertThat(TrainAgain.hint(byF1)).hasValueSatisfying(h -> assertThat(h).doesNotContain("mean test log-loss")
                .doesNotContain("mean test average precision"));
        // runs of an older rnnlab without the test log-loss: nothing said of it
        ComparisonResult old = validatedResult(org.rnnlab.training.EpochSelection.LOG_LOSS, byLogLoss("gru", 1, 0.20),
                byLogLoss("gru", 2, 0.15), byLogLoss("lstm", 1, 0.40), byLogLoss("lstm", 2, 0.50));
        assertThat(TrainAgain.hint(old)).hasValueSatisfying(h -> assertThat(h).doesNotContain("mean test log-loss"));
    }

    private static ComparisonResult validatedResult(org.rnnlab.training.EpochSelection selection, RunResult... runs) {
        List<RunResult> all = List.of(runs);
        List<Aggregate> aggregates = all.stream().map(RunResult::configuration).distinct()
                .map(c -> Aggregate.of(all.stream().filter(r -> r.configuration().equals(c)).toList())).toList();
        TrainingConfig t = TrainingConfig.defaults().withSelection(selection);
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), t, 2, 1, 0);
        return new ComparisonResult("d", LABELS, null, config, all, aggregates, 1);
    }

    /** Seeds of equal validation score: the first is taken and said to be so, not called the best (a trial's three seeds). */
    @Test
    void tiedSeedsAreSaidToTie() {
        ComparisonResult all = validatedResult(org.rnnlab.training.EpochSelection.MACRO_F1, validated("gru", 1, 10, 0.9),
                validated("gru", 2, 8, 0.9), validated("lstm", 1, 8, 0.5), validated("lstm", 2, 6, 0.5));
        assertThat(all.best().seedsTied()).isEqualTo(2);
        assertThat(TrainAgain.hint(all)).hasValueSatisfying(h -> assertThat(h)
                .contains("trains its run of seed 1 (the first seed: all 2 seeds tie by validation macro-F1) again"));
        ComparisonResult one = validatedResult(org.rnnlab.training.EpochSelection.MACRO_F1, validated("gru", 1, 10, 0.7),
                validated("gru", 2, 8, 0.9), validated("lstm", 1, 8, 0.5), validated("lstm", 2, 6, 0.5));
        assertThat(one.best().seedsTied()).isEqualTo(1);
        assertThat(TrainAgain.hint(one)).hasValueSatisfying(h -> assertThat(h)
                .contains("trains its run of seed 2 (its best seed by validation macro-F1) again"));
    }

    @Test
    void withValidationDataTheBestIsChosenByTheKeptEpochsValidationScoreAndItsTestScoreIsReported() {
        // gru: better on test (10, 10 right), worse on validation (0.6, 0.7); lstm: worse on test, better on validation
        ComparisonResult r = validatedResult(org.rnnlab.training.EpochSelection.MACRO_F1, validated("gru", 1, 10, 0.6),
                validated("gru", 2, 10, 0.7), validated("lstm", 1, 8, 0.9), validated("lstm", 2, 6, 0.8));
        TrainAgain.Best b = r.best();
        assertThat(b.configuration()).isEqualTo("lstm");
        assertThat(b.chosenBy()).isEqualTo("validation macro-F1");
        assertThat(b.meanValidation()).isCloseTo(0.85, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(b.seed()).as("the seed of the highest validation score, not of the highest test score").isEqualTo(1);
        assertThat(b.macroF1()).isEqualTo(r.runs().get(2).test().macroF1());
        assertThat(b.meanMacroF1()).isEqualTo(r.aggregates().get(1).mean(org.rnnlab.evaluation.metrics.Metric.MACRO_F1));
        assertThat(b.runnerUp()).isEqualTo("gru");
        assertThat(b.note()).contains("unbiased estimate").doesNotContain("optimistic");
        assertThat(b.standing()).startsWith("no verdict against gru, the runner-up by validation macro-F1 (paired test macro-F1 difference -");
        assertThat(TrainAgain.hint(r)).hasValueSatisfying(h -> assertThat(h).startsWith(
                "lstm (chosen by mean validation macro-F1 0.8500; mean test macro-F1 ").contains(", an unbiased estimate; ")
                .contains("--cell lstm --clip none --seed 1 trains its run of seed 1 (its best seed by validation macro-F1) again"));
        // beside the warning that the test split holds few groups, the estimate is said to be of those groups
        assertThat(TrainAgain.hint(r, null, List.of("the test split's 107 sequences come from only 2 group(s) of home_id: its scores "
                + "say how the model does on these 2"))).hasValueSatisfying(h -> assertThat(h)
                .contains("an unbiased estimate of only 2 group(s) of home_id, which it moves with"));
        // beside a data warning that the test data hold training data, the test scores are not called unbiased
        assertThat(TrainAgain.hint(r, null, List.of("csv f.csv: 20 of the 135 test sequences carved from it are copies of "
                + "training sequences, every value the same"))).hasValueSatisfying(h -> assertThat(h)
                .contains("mean test macro-F1 ").contains(", optimistic: the data warnings say the test data hold training data; ")
                .doesNotContain("unbiased"));
        // a feature that gives the label by its value alone: the best line says the score rests on it (a trial's next-hour
        // sign as a feature scored 0.99, warned of at load time only)
        String labelLeak = "csv f.csv: feature 'fwd_up' is constant within each training sequence, and its value alone gives "
                + "the label of 100% of them (each read as the label of the sequence nearest to it in this value; always the most "
                + "frequent label: 55%): if it is derived from the label ... it leaks the label into the input";
        assertThat(TrainAgain.hint(r, null, List.of(labelLeak))).hasValueSatisfying(h -> assertThat(h)
                .contains(", optimistic: a data warning says feature 'fwd_up' gives the label; ").doesNotContain("unbiased"));
        assertThat(TrainAgain.hint(r, null, List.of(labelLeak, "csv f.csv: 20 of the 135 test sequences carved from it are copies of "
                + "training sequences"))).hasValueSatisfying(h -> assertThat(h).contains(", optimistic: the data warnings say the "
                + "test data hold training data; a data warning says feature 'fwd_up' gives the label; "));
        // results.json's labelLeak holds the bare names (a review: "'fwd_up'" with its quotes; a name holding a quote was cut)
        assertThat(TrainAgain.labelLeakFeatures(List.of(labelLeak, labelLeak.replace("'fwd_up'", "'it's_up'"))))
                .containsExactly("fwd_up", "it's_up");
        assertThat(TrainAgain.leakWords(false, List.of("fwd_up", "it's_up"))).hasValue("optimistic: a data warning says features "
                + "'fwd_up', 'it's_up' give the label");
        // a value filling one label's sequences only (a trial's hours_to_death, -1 for every survivor): the same words
        String sentinel = new org.rnnlab.datasets.csv.LabelSentinels(0, -1f, "0", 584, 584, 56).warning("icu.csv",
                List.of("hours_to_death"));
        assertThat(TrainAgain.labelLeakFeatures(List.of(sentinel))).containsExactly("hours_to_death");
        assertThat(TrainAgain.hint(r, null, List.of(sentinel))).hasValueSatisfying(h -> assertThat(h)
                .contains(", optimistic: a data warning says feature 'hours_to_death' gives the label; "));
        assertThat(TrainAgain.labelLeakFeatures(List.of("csv f.csv: column(s) ['kind'] are not used", "csv f.csv: feature column(s) "
                + "['kind'] hold one value per sequence"))).isEmpty();
        // groups the training and test files share are a leak of a split, not of --cv by that group, which deals each group to
        // one fold (a review)
        String sharedGroups = "csv t.csv: 3 of the 20 groups of group column speaker have sequences in the training file and in "
                + "the test data, e.g. s1";
        assertThat(TrainAgain.hint(r, null, List.of(sharedGroups))).hasValueSatisfying(h -> assertThat(h)
                .contains("optimistic for new groups: 3 of the 20 training groups of group column speaker also have test sequences "
                        + "(a data warning; no test sequence is a training one)").doesNotContain("hold training data"));
        // shared group names are no leak of training data (two trials: pumps of one name in two plants, students in two semesters)
        assertThat(TrainAgain.testHoldsTrainingData(List.of(sharedGroups))).isFalse();
        ComparisonResult byGroup = new ComparisonResult(r.dataset(), r.labelNames(), r.data(), r.config().withCrossValidation(
                new org.rnnlab.datasets.CrossValidation(3, "speaker", 1)), r.runs(), r.aggregates(), r.seconds(), r.tuning());
        assertThat(TrainAgain.hint(byGroup, null, List.of(sharedGroups))).hasValueSatisfying(h -> assertThat(h)
                .doesNotContain("optimistic"));
        assertThat(TrainAgain.hint(r, null, List.of("csv f.csv: column(s) ['kind'] are not used"))).hasValueSatisfying(h ->
                assertThat(h).contains(", an unbiased estimate; "));
        // classes without a test sequence: said, as the macro-F1 averages the others only (a trial's 4 of 6 classes)
        assertThat(TrainAgain.hint(r, null, List.of("no test sequence of class(es) 'smooth', 'new-launch': the test scores cannot "
                + "say how well they are recognised"))).hasValueSatisfying(h -> assertThat(h).contains(", an unbiased estimate over "
                + "the classes the test data hold (none of 'smooth', 'new-launch'); "));
        // the aggregates and results.csv carry the kept epochs' validation scores (epoch 2, not the last)
        assertThat(r.aggregates().get(0).validationMacroF1().mean()).isCloseTo(0.65, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.aggregates().get(0).validationAccuracy().max()).isEqualTo(0.7);
        List<String> csv = ComparisonFiles.csv(r).lines().toList();
        assertThat(csv.get(0)).endsWith(",validation_accuracy,validation_macro_f1,macro_roc_auc,macro_average_precision,cohen_kappa,"
                + "validation_log_loss,validation_roc_auc,validation_average_precision,log_loss,average_precision,test_groups,"
                + "macro_f1_present_or_predicted,layers,hidden,learning_rate,dropout,head,residual");
        // results built by hand: no ranking, empty cells; Cohen's kappa of {{8, 2}, {0, 10}}: (20 * 18 - 200) / (400 - 200)
        assertThat(csv.get(3)).startsWith("lstm,").endsWith(",0.9,0.9,,,0.8,,,,,,," + r.runs().get(2).test().macroF1() + ",1,4,0.001,0.0,last,false");
        // with selection by accuracy the ranking goes by validation accuracy
        ComparisonResult byAccuracy = validatedResult(org.rnnlab.training.EpochSelection.ACCURACY, validated("gru", 1, 10, 0.6),
                validated("lstm", 1, 8, 0.9));
        assertThat(byAccuracy.best().configuration()).isEqualTo("lstm");
        assertThat(byAccuracy.best().chosenBy()).isEqualTo("validation accuracy");
    }

    @Test
    void aPickLowerOnTheTestDataIsSaidToBeLowerNotNotReliablyBetter() {
        // lstm leads gru on validation by 0.005 in every seed, but scores lower on the test data in 4 seeds of 6 (a trial:
        // "not reliably better on the test data than bigru" for a pick 0.0946 lower there)
        int[] lstmRight = {8, 10, 8, 10, 8, 9};
        int[] gruRight = {10, 9, 10, 9, 10, 10};
        List<RunResult> runs = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            runs.add(validated("lstm", s + 1, lstmRight[s], 0.805));
        }
        for (int s = 0; s < 6; s++) {
            runs.add(validated("gru", s + 1, gruRight[s], 0.8));
        }
        ComparisonResult r = validatedResult(org.rnnlab.training.EpochSelection.MACRO_F1, runs.toArray(RunResult[]::new));
        TrainAgain.Best b = r.best();
        assertThat(b.configuration()).isEqualTo("lstm");
        assertThat(b.runnerUpValidation()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(b.versusRunnerUp().meanDifference()).isNegative();
        assertThat(b.versusRunnerUp().reliable()).isFalse();
        assertThat(b.standing()).startsWith("lower on the test data than gru, the runner-up by validation macro-F1 (paired test "
                + "macro-F1 difference -").contains("n=6, p=").endsWith("), though not reliably; chosen by a validation macro-F1 "
                + "lead of only +0.0050").doesNotContain("better");
        // a larger validation lead is not commented on
        List<RunResult> clear = new ArrayList<>(runs.subList(0, 6));
        for (int s = 0; s < 6; s++) {
            clear.add(validated("gru", s + 1, gruRight[s], 0.7));
        }
        assertThat(validatedResult(org.rnnlab.training.EpochSelection.MACRO_F1, clear.toArray(RunResult[]::new)).best().standing())
                .startsWith("lower on the test data than gru").endsWith("), though not reliably");
        // chosen on the test data, a stopped comparison: its mean is higher through runs the runner-up lacks
        ComparisonResult stopped = result("gru,lstm", new int[][] {{8, 8, 8, 10, 10, 8, 10, 10, 10, 10, 10, 10, 10}, {9, 9, 9, 9, 9, 9}});
        assertThat(stopped.best().configuration()).isEqualTo("gru");
        assertThat(stopped.best().versusRunnerUp().reliable()).isFalse();
        assertThat(stopped.best().standing()).startsWith("lower than the runner-up lstm on the runs both have (paired macro-F1 "
                + "difference -").endsWith("though not reliably: its higher mean comes from runs the runner-up lacks");
    }

    @Test
    void aRunWithoutValidationDataMakesTheChoiceFallBackToTestAndSaySo() {
        ComparisonResult r = validatedResult(org.rnnlab.training.EpochSelection.MACRO_F1, validated("gru", 1, 10, 0.6),
                run("lstm", 1, 8));
        assertThat(r.aggregates().get(1).validationMacroF1()).isNull();
        assertThat(r.best().configuration()).isEqualTo("gru");
        assertThat(r.best().chosenOnTest()).isTrue();
        // the run without validation data: empty validation cells (Cohen's kappa, the last column, after them)
        List<String> header = List.of(ComparisonFiles.CSV_HEADER.split(","));
        String[] lstm = ComparisonFiles.csv(r).lines().toList().get(2).split(",", -1);
        assertThat(lstm[header.indexOf("validation_accuracy")]).isEmpty();
        assertThat(lstm[header.indexOf("validation_macro_f1")]).isEmpty();
        assertThat(ComparisonFiles.table(r)).contains("best: gru (mean macro-F1 1.0000, chosen on the test data: with no validation "
                + "data the configuration itself and its seed were picked by their test macro-F1, so the test scores are optimistic");
    }

    @Test
    void boundsWithinRoundingOfZeroArePrintedWithoutAMinusSign() {
        // differences 0.1 - 0.1 + ...: sums of doubles that are -2.8e-17, not 0
        PairedDifference d = new PairedDifference("a", "b", org.rnnlab.evaluation.metrics.Metric.ACCURACY, 6, -2.7755575615628914E-17,
                -2.7755575615628914E-17, 0.4222, 0.5, false);
        assertThat(d.low()).isEqualTo(0.0);
        assertThat(String.format(java.util.Locale.ROOT, "%+.4f", d.low())).isEqualTo("+0.0000");
        assertThat(d.high()).isEqualTo(0.4222);
    }
}
