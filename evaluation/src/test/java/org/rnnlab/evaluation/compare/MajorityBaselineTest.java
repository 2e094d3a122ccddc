package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.CrossValidation;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.Metric;
import org.rnnlab.training.TrainingConfig;

/**
 * The majority-class baseline of a comparison (a user's try on fault data, 90% ok: {@code gru 0.8667 +- 0.0118} looked
 * good, and 0.8667 was the share of the majority class in the test split), the paired macro-F1 differences beside the
 * accuracy ones, and the hint to train the best configuration again.
 */
class MajorityBaselineTest {

    private static final List<String> LABELS = List.of("bearing_wear", "misalignment", "ok");

    private static List<Sequence> examples(int... perClass) {
        List<Sequence> out = new ArrayList<>();
        for (int c = 0; c < perClass.length; c++) {
            for (int i = 0; i < perClass[c]; i++) {
                out.add(new Sequence(new float[][] {{c}, {i}}, c, Map.of()));
            }
        }
        return out;
    }

    private static InMemorySequenceDataset faults(int[] train, int[] test) {
        return new InMemorySequenceDataset("faults", InputDescription.dense(List.of("x"), 2), LABELS,
                new SequenceSet(examples(train)), new SequenceSet(List.of()), new SequenceSet(examples(test)),
                new DatasetProvenance("faults", "generated", Map.of(), List.of(), 1));
    }

    private static ComparisonConfig config() {
        return new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 2, 1, 0);
    }

    @Test
    void alwaysTheMostFrequentTrainingClassScoredOnTheTestSplit() {
        // 90% / 7% / 3% in training; the test split holds 26 ok of 30
        MajorityBaseline b = MajorityBaseline.of(config(), faults(new int[] {21, 9, 270}, new int[] {3, 1, 26})).orElseThrow();
        assertThat(b.labels()).containsExactly("ok");
        assertThat(b.accuracy()).isCloseTo(26 / 30.0, within(1e-12));
        double okF1 = 2 * (26 / 30.0) / (26 / 30.0 + 1); // precision 26/30, recall 1; the other two classes 0
        assertThat(b.macroF1()).isCloseTo(okF1 / 3, within(1e-12));
        assertThat(b.parts()).isEqualTo(1);
        assertThat(b.describe()).isEqualTo("always 'ok' (the most frequent training class): test accuracy 0.8667, macro-F1 0.3095");

        // the class is the training split's, whatever the test split's majority
        MajorityBaseline other = MajorityBaseline.of(config(), faults(new int[] {5, 2, 30}, new int[] {20, 5, 5})).orElseThrow();
        assertThat(other.labels()).containsExactly("ok");
        assertThat(other.accuracy()).isCloseTo(5 / 30.0, within(1e-12));
    }

    @Test
    void aRunsTestScoresNotAboveTheBaselineGetANoteNamingTheScoresThatAreNot() {
        // a trial's train run: test accuracy 0.1429, macro-F1 0.1059 under always 'none''s 0.6000, 0.1875, and no verdict
        MajorityBaseline none = new MajorityBaseline(List.of("none"), 0.6, 0.1875, 1);
        assertThat(none.notAbove(0.1429, 0.1059, true)).hasValue("test accuracy 0.1429 and macro-F1 0.1059 are not above the "
                + "baseline's 0.6000 and 0.1875: no evidence that this model learned anything always 'none' does not do; read the "
                + "data warnings, then train it otherwise (cells, sizes, epochs) or on other features");
        // equal to 4 digits is not above, as compare's notAbove reads it
        assertThat(none.notAbove(0.60004, 0.1875, false)).hasValueSatisfying(n -> assertThat(n).startsWith("test accuracy 0.6000 and "
                + "macro-F1 0.1875 are not above"));
        // accuracy alone: macro-F1 is the score to read, the more so with class weights (compare's words)
        assertThat(none.notAbove(0.55, 0.41, true)).hasValue("test accuracy 0.5500 is not above the baseline's 0.6000, that of "
                + "always 'none': its accuracy shows nothing learned; macro-F1 (0.4100 against the baseline's 0.1875) says whether "
                + "the other classes are found; trained with class weights, which trade accuracy for the rare classes' recall, "
                + "macro-F1 is the score to read");
        assertThat(none.notAbove(0.55, 0.41, false).orElseThrow()).endsWith("says whether the other classes are found");
        // macro-F1 alone
        assertThat(none.notAbove(0.62, 0.18, false)).hasValue("test macro-F1 0.1800 is not above the baseline's 0.1875, that of "
                + "always 'none', which finds none of the other classes: they are found no better than that, whatever the "
                + "accuracy (0.6200 against 0.6000)");
        assertThat(none.notAbove(0.9429, 0.9065, false)).isEmpty();
        assertThat(none.notAbove(0.60006, 0.18756, false)).as("above to 4 digits").isEmpty();
    }

    @Test
    void aTieIsSaidWithTheTiedClassesTheirCountAndWhichOneIsTakenAndWhy() throws Exception {
        // a trial's three classes of 68 training sequences each: "always '-3' (the most frequent training class)"
        MajorityBaseline all = MajorityBaseline.of(config(), faults(new int[] {68, 68, 68}, new int[] {10, 5, 15})).orElseThrow();
        assertThat(all.labels()).containsExactly("bearing_wear");
        assertThat(all.ties()).singleElement().satisfies(t -> {
            assertThat(t.classes()).containsExactly("bearing_wear", "misalignment", "ok");
            assertThat(t.sequences()).isEqualTo(68);
            assertThat(t.chosen()).isEqualTo("bearing_wear");
        });
        assertThat(all.describe()).isEqualTo("always 'bearing_wear' (no class is the most frequent in training: all 3 classes tied "
                + "at 68 training sequences each; it takes 'bearing_wear', the first in the classes' order, and another of them would "
                + "score differently on the test data): test accuracy 0.3333, macro-F1 0.1667").doesNotContain("the most frequent training class)");
        // two of three tied
        MajorityBaseline two = MajorityBaseline.of(config(), faults(new int[] {9, 30, 30}, new int[] {1, 1, 1})).orElseThrow();
        assertThat(two.labels()).containsExactly("misalignment");
        assertThat(two.describe()).contains("'misalignment', 'ok' tied at 30 training sequences each; it takes 'misalignment'");
        // results.json and --json carry it (the record is written whole)
        String json = org.rnnlab.core.Json.write(all);
        assertThat(org.rnnlab.core.Json.mapper().readTree(json).at("/ties/0/classes").size()).isEqualTo(3);
        assertThat(org.rnnlab.core.Json.mapper().readTree(json).at("/ties/0/sequences").asInt()).isEqualTo(68);
        assertThat(org.rnnlab.core.Json.mapper().readTree(json).at("/ties/0/chosen").asText()).isEqualTo("bearing_wear");
        // without a tie: none, and the old wording
        assertThat(MajorityBaseline.of(config(), faults(new int[] {21, 9, 270}, new int[] {3, 1, 26})).orElseThrow().ties()).isEmpty();
        // over parts: the parts that tied are counted
        MajorityBaseline parts = MajorityBaseline.of(LABELS, List.of(faults(new int[] {5, 5, 1}, new int[] {1, 1, 1}),
                faults(new int[] {1, 2, 9}, new int[] {1, 1, 1}))).orElseThrow();
        assertThat(parts.ties()).singleElement().extracting(MajorityBaseline.Tie::part).isEqualTo(0);
        assertThat(parts.describe()).contains("tied in 1 of the 2 parts, e.g. part 1: 'bearing_wear', 'misalignment' tied at 5 "
                + "training sequences each, where it takes the first in the classes' order, 'bearing_wear'");
    }

    @Test
    void withCrossValidationItIsTheMeanOverTheFoldsTrainedOnEachFoldsTrainingPart() {
        var data = ComparisonTest.tiny();
        ComparisonConfig cv = new ComparisonConfig(Architecture.parseList("rnn"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 1, 1, 0,
                new CrossValidation(4, null, 7), null);
        MajorityBaseline b = MajorityBaseline.of(cv, data).orElseThrow();
        assertThat(b.parts()).isEqualTo(4);
        double sum = 0;
        for (int f = 0; f < 4; f++) {
            sum += MajorityBaseline.of(List.of("neg", "pos"), List.of(cv.crossValidation().fold(data, f))).orElseThrow().accuracy();
        }
        assertThat(b.accuracy()).isCloseTo(sum / 4, within(1e-12));
        assertThat(b.describe()).contains("(mean over 4 test parts)");
    }

    @Test
    void aBaselineBelowGuessingByTheClassSharesSaysSo() {
        // folds that keep groups together: each part's most frequent training class is the one its test part holds fewer
        // of; a trial's 4 classes of about equal size had a majority baseline of 0.15, below the 0.25 of guessing
        MajorityBaseline below = MajorityBaseline.of(LABELS, List.of(faults(new int[] {6, 5, 5}, new int[] {1, 4, 4}),
                faults(new int[] {5, 6, 5}, new int[] {4, 1, 4}))).orElseThrow();
        double shares = (6 / 16.0 * 1 / 9 + 5 / 16.0 * 4 / 9 + 5 / 16.0 * 4 / 9 + 5 / 16.0 * 4 / 9 + 6 / 16.0 * 1 / 9 + 5 / 16.0 * 4 / 9) / 2;
        assertThat(below.accuracy()).isCloseTo(1 / 9.0, within(1e-12));
        assertThat(below.sharesAccuracy()).isCloseTo(shares, within(1e-12));
        assertThat(below.describe()).contains(String.format(java.util.Locale.ROOT, "; below guessing each class at its training "
                + "share (test accuracy %.4f): in each part the most frequent training class is one its test part holds fewer of", shares));
        // the usual case, a majority class that is also the test data's: no such words
        MajorityBaseline usual = MajorityBaseline.of(LABELS, List.of(faults(new int[] {1, 2, 9}, new int[] {1, 1, 6}))).orElseThrow();
        assertThat(usual.describe()).doesNotContain("below guessing");
    }

    private static RunResult run(String configuration, long seed, long[][] confusion) {
        return new RunResult(configuration, configuration, "none", seed, Evaluator.fromConfusion(LABELS, confusion, List.of(), 0.1),
                1, 1, 100, 10, null, List.of(), List.of(), null, null);
    }

    private static ComparisonResult result() {
        // gru always says ok: 26 of 30, the baseline's accuracy; lstm finds the faults
        long[][] alwaysOk = {{0, 0, 3}, {0, 0, 1}, {0, 0, 26}};
        long[][] finds = {{3, 0, 0}, {0, 1, 0}, {1, 0, 25}};
        List<RunResult> runs = List.of(run("gru", 1, alwaysOk), run("gru", 2, alwaysOk), run("lstm", 1, finds), run("lstm", 2, alwaysOk));
        List<Aggregate> aggregates = List.of(Aggregate.of(runs.subList(0, 2)), Aggregate.of(runs.subList(2, 4)));
        MajorityBaseline b = MajorityBaseline.of(config(), faults(new int[] {21, 9, 270}, new int[] {3, 1, 26})).orElseThrow();
        return new ComparisonResult("faults", LABELS, null, config(), runs, aggregates, 1, null, b);
    }

    @Test
    void theTableShowsTheBaselineFlagsWhatDoesNotBeatItAndComparesMacroF1ToConfigurationsPairedBySeed() {
        ComparisonResult r = result();
        assertThat(MajorityBaseline.notAbove(r)).containsExactly("gru");
        String table = ComparisonFiles.table(r);
        assertThat(table).containsPattern("gru\\s+2\\s+0\\.8667 \\+- 0\\.0000\\s+0\\.3095 \\+- 0\\.0000 .*  accuracy not above the baseline\n")
                .doesNotContainPattern("lstm .*not above")
                .contains("majority-class baseline: always 'ok' (the most frequent training class): test accuracy 0.8667, macro-F1 0.3095\n")
                .contains("(gru has a mean test accuracy not above 0.8667, that of always predicting the most frequent training class: "
                        + "its accuracy shows nothing learned").doesNotContain("class weights");
        // trained with class weights: trading accuracy for the rare classes is the point, and the warning says to read macro-F1
        ComparisonConfig weighted = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)).withClassWeights(List.of(5.0, 10.0, 1.0)),
                TrainingConfig.defaults(), 2, 1, 0);
        assertThat(MajorityBaseline.warning(new ComparisonResult("faults", LABELS, null, weighted, r.runs(), r.aggregates(), 1, null,
                r.baseline())).orElseThrow()).endsWith("; trained with class weights, which trade accuracy for the rare classes' "
                + "recall, macro-F1 is the score to read");
        // the accuracy lines as before, then the same test on macro-F1
        int accuracy = table.indexOf("paired accuracy differences (a - b, same seed;");
        int macroF1 = table.indexOf("paired macro-F1 differences (a - b, same seed;");
        assertThat(accuracy).isPositive().isLessThan(macroF1);
        PairedDifference f1 = PairedDifference.all(r, Metric.MACRO_F1).get(0);
        assertThat(table.substring(macroF1)).contains(String.format(java.util.Locale.ROOT, "%+.4f", f1.meanDifference()));
        assertThat(f1.meanDifference()).isNegative(); // gru - lstm: lstm found the faults once
        assertThat(ComparisonFiles.differences(r)).extracting(PairedDifference::metric).containsExactly(Metric.ACCURACY, Metric.MACRO_F1);
    }

    @Test
    void theBestConfigurationByMacroF1IsNamedWithTheTrainOptionsOfItsBestRun() {
        ComparisonResult r = result();
        assertThat(TrainAgain.hint(r)).hasValueSatisfying(h -> assertThat(h).startsWith("lstm (mean macro-F1 ")
                .contains("--cell lstm --clip none --seed 1 trains its run of seed 1 (the best seed on the test data) again")
                .contains("chosen on the test data"));
        assertThat(ComparisonFiles.table(r)).contains("to keep a model: compare saves none; best: lstm");
        assertThat(TrainAgain.best(r)).hasValueSatisfying(b -> {
            assertThat(b.configuration()).isEqualTo("lstm");
            assertThat(b.seed()).isEqualTo(1);
            assertThat(b.trainOptions()).containsExactly("--cell", "lstm", "--clip", "none", "--seed", "1");
        });
        assertThat(r.best()).isEqualTo(TrainAgain.best(r).orElseThrow());
        assertThat(r.clipping()).isNull(); // no clip threshold
        ComparisonConfig c = config();
        ComparisonResult cv = new ComparisonResult(r.dataset(), r.labelNames(), null, new ComparisonConfig(c.architectures(), c.clips(),
                c.base(), c.training(), 2, 1, 0, new CrossValidation(2, null, 1), null), r.runs(), r.aggregates(), 1);
        // a fold's run is not train's: the configuration is named, and train trains it on the dataset's own split
        assertThat(TrainAgain.hint(cv)).hasValueSatisfying(h -> assertThat(h).startsWith("lstm (mean macro-F1 ")
                .contains("--cell lstm --clip none --seed 1 trains this configuration with seed 1").contains("on the dataset's own "
                        + "training split, not a fold"));
        assertThat(cv.best().note()).contains("not a fold's run, so not with the folds' test scores");
    }

    @Test
    void withoutAMeasuredBaselineNothingIsFlagged() {
        ComparisonResult r = result();
        ComparisonResult old = new ComparisonResult(r.dataset(), r.labelNames(), null, r.config(), r.runs(), r.aggregates(), 1);
        assertThat(MajorityBaseline.notAbove(old)).isEmpty();
        assertThat(ComparisonFiles.table(old)).doesNotContain("baseline");
    }

    @Test
    void theSettingsNameTheClassWeightsByLabel() {
        ComparisonConfig c = config();
        ComparisonConfig weighted = new ComparisonConfig(c.architectures(), c.clips(), c.base().withClassWeights(List.of(5.21, 9.26, 0.370)),
                c.training(), 2, 1, 0);
        assertThat(weighted.describeModel(LABELS)).isEqualTo(c.describeModel()
                + ", class weights bearing_wear=5.21, misalignment=9.26, ok=0.370");
        assertThat(c.describeModel(LABELS)).isEqualTo(c.describeModel());
    }

    /**
     * A run that predicted a class its test data hold none of: rnnlab's macro-F1 over the classes present (0.3397, the
     * wind-farm trial's) is above the baseline's 0.3266, scikit-learn's (0.2548) is not: the verdict takes the lower and
     * says so; with both above there is none.
     */
    @Test
    void aClassPredictedButAbsentIsJudgedByTheScikitLearnMacroF1() {
        MajorityBaseline normal = new MajorityBaseline(List.of("normal"), 0.9606, 0.3266, 1);
        assertThat(normal.notAbove(0.7162, 0.3397, false).orElseThrow()).contains("macro-F1 (0.3397 against the baseline's 0.3266)");
        String note = normal.notAbove(0.7162, 0.3397, 0.2548, false).orElseThrow();
        assertThat(note).startsWith("test accuracy 0.7162 and macro-F1 0.2548 (counting the class(es) predicted here but absent, "
                + "F1 0 each, as scikit-learn's f1_score(average='macro') does; 0.3397 over the classes present, which leaves those "
                + "predictions out: the verdict takes the lower) are not above the baseline's 0.9606 and 0.3266: no evidence");
        // accuracy above, the scikit-learn macro-F1 not: the macro-F1 branch
        assertThat(normal.notAbove(0.97, 0.3397, 0.2548, false).orElseThrow()).startsWith("test macro-F1 0.2548 (counting the "
                + "class(es) predicted here but absent");
        assertThat(normal.notAbove(0.97, 0.45, 0.40, false)).isEmpty();
        assertThat(normal.notAbove(0.97, 0.3397, null, false)).isEmpty();
    }

    /** {@code count} sequences of {@code steps} steps each, of the classes in turn. */
    private static SequenceSet ofLength(int count, int steps) {
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Sequence(new float[steps][1], i % LABELS.size(), Map.of()));
        }
        return new SequenceSet(out);
    }

    /**
     * Trial 74c F2: on 240-336-step batches every configuration of the default last head was at or below the baseline, where
     * --head max gave 0.8750, and nothing pointed there: after the verdict of nothing learned, long sequences (median over
     * 100 steps) read at their last step get a hint of the pooling heads (and of --tune, unless a tuning chose them).
     */
    @Test
    void everyConfigurationAtTheBaselineOnLongSequencesReadAtTheLastStepIsPointedToThePoolingHeads() {
        InMemorySequenceDataset batches = new InMemorySequenceDataset("batches", InputDescription.dense(List.of("x"), 336), LABELS,
                ofLength(20, 240), ofLength(3, 300), ofLength(5, 336), new DatasetProvenance("batches", "generated", Map.of(),
                List.of(), 1));
        assertThat(MajorityBaseline.medianSteps(batches)).isEqualTo(240);
        long[][] alwaysOk = {{0, 0, 3}, {0, 0, 1}, {0, 0, 26}};
        List<RunResult> runs = List.of(run("gru", 1, alwaysOk), run("lstm", 1, alwaysOk));
        List<Aggregate> aggregates = List.of(Aggregate.of(runs.subList(0, 1)), Aggregate.of(runs.subList(1, 2)));
        MajorityBaseline b = MajorityBaseline.of(config(), faults(new int[] {21, 9, 270}, new int[] {3, 1, 26})).orElseThrow();
        ComparisonResult none = new ComparisonResult("batches", LABELS, null, config(), runs, aggregates, 1, null, b);
        assertThat(MajorityBaseline.notAbove(none)).containsExactly("gru", "lstm");
        assertThat(MajorityBaseline.longSequenceHint(none, batches)).hasValue("the sequences are long (median 240 steps, over 100) "
                + "and the last head reads the last step only: what happened earlier in a sequence reaches it only through the "
                + "cell's state; an event somewhere in a long run is found better pooled over every step: try --head max (or mean, "
                + "or attention), or --tune, which searches the head too");
        // short sequences, a pooling head, or one configuration above the baseline: no hint
        assertThat(MajorityBaseline.longSequenceHint(none, faults(new int[] {21, 9, 270}, new int[] {3, 1, 26}))).isEmpty();
        ComparisonConfig max = new ComparisonConfig(Architecture.parseList("gru,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)).withHead(org.rnnlab.core.SequenceHead.MAX),
                TrainingConfig.defaults(), 2, 1, 0);
        assertThat(MajorityBaseline.longSequenceHint(new ComparisonResult("batches", LABELS, null, max, runs, aggregates, 1, null, b),
                batches)).isEmpty();
        assertThat(MajorityBaseline.longSequenceHint(result(), batches)).isEmpty(); // lstm found the faults
        // train's case: the verdict's run alone
        assertThat(MajorityBaseline.longSequenceHint(101, org.rnnlab.core.SequenceHead.LAST, false)).isPresent();
        assertThat(MajorityBaseline.longSequenceHint(100, org.rnnlab.core.SequenceHead.LAST, false)).isEmpty();
        assertThat(MajorityBaseline.longSequenceHint(300, org.rnnlab.core.SequenceHead.ATTENTION, false)).isEmpty();
        assertThat(MajorityBaseline.longSequenceHint(300, org.rnnlab.core.SequenceHead.LAST_STEP, true).orElseThrow())
                .contains("the last-step head reads the last step only")
                .endsWith("add \"head\": [\"max\", \"mean\", \"attention\"] to the --space file (--tune refuses --head: it tunes the head)")
                .doesNotContain("try --head"); // trial 81f F6: --tune refuses --head
        assertThat(MajorityBaseline.longSequenceHint(300, org.rnnlab.core.SequenceHead.LAST, false).orElseThrow())
                .endsWith("try --head max (or mean, or attention), or --tune, which searches the head too");
    }

    /**
     * Trial 79k F3: a music trial's 305-step pieces left lstm far under the summary-feature baseline and only gru at or below
     * the majority's, and compare gave no hint of the pooling heads: a configuration at or below either baseline counts.
     */
    @Test
    void everyConfigurationAtOrBelowEitherBaselineOnLongSequencesGetsTheHint() {
        InMemorySequenceDataset pieces = new InMemorySequenceDataset("pieces", InputDescription.dense(List.of("x"), 336), LABELS,
                ofLength(20, 305), ofLength(3, 305), ofLength(5, 305), new DatasetProvenance("pieces", "generated", Map.of(),
                List.of(), 1));
        ComparisonResult r = result(); // gru at the majority's accuracy, lstm above it
        assertThat(MajorityBaseline.notAbove(r)).containsExactly("gru");
        assertThat(MajorityBaseline.longSequenceHint(r, pieces)).isEmpty();
        // lstm at or below a summary-feature baseline of 1.0000: every configuration is at or below one of the two
        SummaryBaseline perfect = new SummaryBaseline(2, 1.0, 1.0, null, null, 1);
        ComparisonResult both = new ComparisonResult(r.dataset(), r.labelNames(), r.data(), r.config(), r.runs(), r.aggregates(),
                r.seconds(), r.tuning(), r.baseline(), null, null, perfect);
        assertThat(SummaryBaseline.notAbove(both)).containsExactly("gru", "lstm");
        assertThat(MajorityBaseline.longSequenceHint(both, pieces)).hasValueSatisfying(h -> assertThat(h)
                .startsWith("the sequences are long (median 305 steps, over 100) and the last head reads the last step only"));
        // a summary-feature baseline that lstm is above: the hint stays away
        SummaryBaseline low = new SummaryBaseline(2, 0.1, 0.1, null, null, 1);
        assertThat(MajorityBaseline.longSequenceHint(new ComparisonResult(r.dataset(), r.labelNames(), r.data(), r.config(),
                r.runs(), r.aggregates(), r.seconds(), r.tuning(), r.baseline(), null, null, low), pieces)).isEmpty();
    }

    /**
     * Trial 77a F1: train's warning before training on long sequences read at the last step, by the hint's rule (median over
     * 100 steps, a head that reads the last step), with what the trial measured and the pooling head to use.
     */
    @Test
    void theLastHeadWarningIsGivenByTheHintsRuleAndSaysHowFarBackTheCellReads() {
        org.rnnlab.core.SequenceHead last = org.rnnlab.core.SequenceHead.LAST;
        String w = MajorityBaseline.lastHeadWarning(5139, last, false).orElseThrow();
        assertThat(w).startsWith("the sequences are long (median 5139 steps, over 100) and the last head reads the last step "
                + "only: what happened earlier reaches the answer only through the cell's state")
                .contains("in a small GRU or LSTM typically carries back tens to hundreds of steps and in a vanilla RNN fewer")
                .contains("an event thousands of steps before the end cannot reach the answer")
                .contains("--head max (or mean) pools every step, so an event anywhere in the sequence counts")
                // trial 77f F8: said from the length alone; a lasting trace reaches the last step: compare the heads
                .endsWith("This is said from the length alone: an event that leaves a lasting trace, a level shift or a running "
                        + "count that keeps its total to the end, does reach the last step; to see which head reads these data "
                        + "better, run the same compare with --head last and with --head max (with --cv K for a steadier verdict) "
                        + "and keep the better").doesNotContain("train with --head max");
        assertThat(MajorityBaseline.lastHeadWarning(101, last, false)).isPresent();
        assertThat(MajorityBaseline.lastHeadWarning(100, last, false)).isEmpty();
        for (org.rnnlab.core.SequenceHead pooled : List.of(org.rnnlab.core.SequenceHead.MAX, org.rnnlab.core.SequenceHead.MEAN,
                org.rnnlab.core.SequenceHead.ATTENTION)) {
            assertThat(MajorityBaseline.lastHeadWarning(5139, pooled, false)).as(pooled.id()).isEmpty();
        }
        // a bidirectional layer's last head reads both ends; last-step reads the last step of both directions
        assertThat(MajorityBaseline.lastHeadWarning(5139, last, true).orElseThrow())
                .contains("the last head reads each direction's last step only (the last step forwards, the first backwards): "
                        + "what happened in between reaches the answer").contains("thousands of steps from both ends");
        assertThat(MajorityBaseline.lastHeadWarning(5139, org.rnnlab.core.SequenceHead.LAST_STEP, true).orElseThrow())
                .contains("the last-step head reads the last step only").contains("before the end");
    }
}
