package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.TrainingConfig;

/**
 * Per-class results of a comparison (a user's try: a class of 5% of the windows was never predicted, and compare showed
 * only accuracy 0.925 and macro-F1; the class's recall of 0 was in runs/lstm-seed1.json alone).
 */
class PerClassResultsTest {

    private static RunResult run(String configuration, long seed, long[][] confusion) {
        return new RunResult(configuration, configuration, "none", seed,
                Evaluator.fromConfusion(List.of("walk", "sit", "fall"), confusion, List.of(), 0.1), 1, 1, 100, 10, null, List.of(),
                List.of(), null, null);
    }

    private static ComparisonResult result(RunResult... runs) {
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 2, 1, 16);
        List<RunResult> all = List.of(runs);
        List<Aggregate> aggregates = List.of(Aggregate.of(all.stream().filter(r -> r.configuration().equals("rnn")).toList()),
                Aggregate.of(all.stream().filter(r -> r.configuration().equals("lstm")).toList()));
        return new ComparisonResult("csv", List.of("walk", "sit", "fall"), null, config, all, aggregates, 1);
    }

    // rows: actual walk, sit, fall; columns: predicted
    private static final long[][] NEVER_FALL = {{50, 0, 0}, {2, 40, 0}, {2, 1, 0}};
    private static final long[][] SOME_FALL = {{50, 0, 0}, {0, 42, 0}, {1, 0, 2}};
    private static final long[][] ALL_RIGHT = {{50, 0, 0}, {0, 42, 0}, {0, 0, 3}};

    @Test
    void aClassNeverPredictedInSomeRunIsCountedShownAndWarnedOf() {
        ComparisonResult r = result(run("rnn", 1, NEVER_FALL), run("rnn", 2, SOME_FALL), run("lstm", 1, ALL_RIGHT), run("lstm", 2, ALL_RIGHT));
        List<PerClassResults.Row> rows = PerClassResults.of(r);
        assertThat(rows).hasSize(6);
        PerClassResults.Row rnnFall = rows.stream().filter(x -> x.configuration().equals("rnn") && x.label().equals("fall")).findFirst().orElseThrow();
        assertThat(rnnFall.runs()).isEqualTo(2);
        assertThat(rnnFall.fewestExamples()).isEqualTo(3); // per run: a user's 2 examples read "4 test examples" over 2 seeds
        assertThat(rnnFall.mostExamples()).isEqualTo(3);
        assertThat(rnnFall.runsNeverPredicted()).isEqualTo(1);
        assertThat(rnnFall.recall().mean()).isEqualTo((0 + 2 / 3.0) / 2);
        assertThat(rnnFall.recall().min()).isZero();
        assertThat(rnnFall.precision().mean()).isEqualTo((0 + 1.0) / 2); // never predicted: precision 0 (0 of 0), F1 0
        assertThat(rnnFall.f1().mean()).isEqualTo((0 + 0.8) / 2, org.assertj.core.data.Offset.offset(1e-12));

        assertThat(PerClassResults.neverPredicted(r)).singleElement().satisfies(w -> assertThat(w)
                .startsWith("rnn never predicted class 'fall' in 1 of 2 runs (3 test examples per run)").contains("--class-weights balanced"));
        assertThat(PerClassResults.table(r)).contains("test recall by class").contains("walk").contains("fall")
                .containsPattern("rnn\\s+1\\.0000\\s+0\\.9762\\s+0\\.3333").containsPattern("lstm\\s+1\\.0000\\s+1\\.0000\\s+1\\.0000");
        assertThat(PerClassResults.csv(r).lines()).first().isEqualTo(PerClassResults.CSV_HEADER);
        assertThat(PerClassResults.csv(r)).containsPattern("\nrnn,fall,2,3,3,0.5,0.7071067811865476,0.0,0.3333333333333333,[^\n]*,1,1.0,0.3333333333333333,0.5,2,2\n")
                .containsPattern("\nlstm,fall,2,3,3,1.0,0.0,1.0,1.0,[^\n]*,0,1.0,1.0,1.0,6,6\n"); // pooled columns last: existing readers keep working
        // precision and F1 have sd and min over runs as recall has (a trial's paper table: "blast precision 0.91 +- x")
        List<String> header = List.of(PerClassResults.CSV_HEADER.split(","));
        assertThat(header).containsSubsequence("precision_mean", "precision_sd", "precision_min", "recall_mean", "recall_sd", "recall_min",
                "f1_mean", "f1_sd", "f1_min");
        String[] rnnFallCells = PerClassResults.csv(r).lines().filter(l -> l.startsWith("rnn,fall,")).findFirst().orElseThrow().split(",");
        assertThat(Double.parseDouble(rnnFallCells[header.indexOf("precision_min")])).isZero(); // the run that never predicted it
        assertThat(Double.parseDouble(rnnFallCells[header.indexOf("f1_min")])).isZero();
        assertThat(Double.parseDouble(rnnFallCells[header.indexOf("f1_sd")])).isCloseTo(0.8 / Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ComparisonFiles.table(r)).contains("test recall by class");
    }

    private static RunResult foldRun(String configuration, int fold, long[][] confusion) {
        return new RunResult(configuration, configuration, "none", 1, Evaluator.fromConfusion(List.of("walk", "sit", "fall"), confusion,
                List.of(), 0.1), 1, 1, 100, 10, null, List.of(), List.of(), fold, org.rnnlab.datasets.Split.TEST);
    }

    private static ComparisonResult weightedResult(List<Double> weights, List<List<String>> untrained, RunResult... runs) {
        ModelSpec base = ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4));
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn"), ClipSetting.parseList("none"),
                weights == null ? base : base.withClassWeights(weights), TrainingConfig.defaults(), 1, 1, 16);
        return new ComparisonResult("csv", List.of("walk", "sit", "fall"), null, config, List.of(runs), List.of(Aggregate.of(List.of(runs))),
                1, null, null, null, untrained);
    }

    @Test
    void aClassNeverPredictedInAFoldThatNeverTrainedOnItIsPutDownToTheFoldNotToClassWeights() {
        // a handwriting trial: 'x' (one writer's) had no training sequence in fold 0, and the warning advised class weights
        ComparisonResult r = weightedResult(null, List.of(List.of("fall"), List.of()), foldRun("rnn", 0, NEVER_FALL), foldRun("rnn", 1, SOME_FALL));
        assertThat(PerClassResults.neverPredicted(r)).singleElement().satisfies(w -> assertThat(w)
                .startsWith("rnn never predicted class 'fall' in 1 of 2 runs (3 test examples per run; it had no training sequence in that run's fold)")
                .contains("the fold warning at load").doesNotContain("--class-weights"));
        // the same miss in a fold that did train on it keeps the hint
        ComparisonResult trained = weightedResult(null, List.of(List.of(), List.of()), foldRun("rnn", 0, NEVER_FALL), foldRun("rnn", 1, SOME_FALL));
        assertThat(PerClassResults.neverPredicted(trained)).singleElement().satisfies(w -> assertThat(w)
                .contains("--class-weights balanced for rare classes").doesNotContain("no training sequence"));
        // both: the fold for the class it never saw, the hint for the one it trained on
        long[][] neverSitNorFall = {{50, 0, 0}, {2, 0, 0}, {3, 0, 0}};
        ComparisonResult both = weightedResult(null, List.of(List.of("fall"), List.of()), foldRun("rnn", 0, neverSitNorFall),
                foldRun("rnn", 1, SOME_FALL));
        assertThat(PerClassResults.neverPredicted(both)).singleElement().satisfies(w -> assertThat(w)
                .contains("class 'sit' in 1 of 2 runs (2-42 test examples per run), class 'fall' in 1 of 2 runs (3 test examples per run; "
                        + "it had no training sequence in that run's fold)")
                .endsWith("; for the other classes, --class-weights balanced for rare classes"));
    }

    private static ComparisonResult withTrainingCounts(List<Long> trainingCounts, RunResult... runs) {
        ComparisonResult r = result(runs);
        MajorityBaseline baseline = new MajorityBaseline(List.of("walk"), 0.5, 0.2, 1, List.of(), 0.4, trainingCounts);
        return new ComparisonResult(r.dataset(), r.labelNames(), r.data(), r.config(), r.runs(), r.aggregates(), r.seconds(), null,
                baseline);
    }

    @Test
    void aClassThatIsNotRareInTrainingIsNamedWithWhatItWasTakenForNotSentToClassWeights() {
        // trial 76c F3: 'travel' (34 of 126 training dives; foraging 57) was never predicted, and the hint was class weights
        // "for rare classes"; the dives were called foraging, which 3 epochs had not told apart from travel
        long[][] fallAsWalk = {{50, 0, 0}, {2, 40, 0}, {3, 0, 0}};
        long[][] fallAsSit = {{50, 0, 0}, {2, 40, 0}, {1, 2, 0}};
        ComparisonResult common = withTrainingCounts(List.of(57L, 35L, 34L), run("rnn", 1, fallAsWalk), run("rnn", 2, fallAsSit),
                run("lstm", 1, ALL_RIGHT), run("lstm", 2, ALL_RIGHT));
        assertThat(PerClassResults.neverPredicted(common)).singleElement().satisfies(w -> assertThat(w)
                .startsWith("rnn never predicted class 'fall' in 2 of 2 runs (3 test examples per run; not rare in training (34 of 126 "
                        + "training sequences; the largest class 57): predicted as 'walk' in 4 of its 6 pooled test examples)")
                .contains("the confusion chart").contains("more epochs").doesNotContain("--class-weights"));
        // under half the largest class's count: rare, and the hint stays
        ComparisonResult rare = withTrainingCounts(List.of(57L, 35L, 28L), run("rnn", 1, fallAsWalk), run("rnn", 2, fallAsSit),
                run("lstm", 1, ALL_RIGHT), run("lstm", 2, ALL_RIGHT));
        assertThat(PerClassResults.neverPredicted(rare)).singleElement().satisfies(w -> assertThat(w)
                .startsWith("rnn never predicted class 'fall' in 2 of 2 runs (3 test examples per run)")
                .endsWith("--class-weights balanced for rare classes").doesNotContain("not rare"));
        // one of each: the common class named, the hint for the rare one only
        long[][] neither = {{50, 0, 0}, {42, 0, 0}, {3, 0, 0}};
        ComparisonResult both = withTrainingCounts(List.of(57L, 10L, 34L), run("rnn", 1, neither), run("rnn", 2, fallAsSit),
                run("lstm", 1, ALL_RIGHT), run("lstm", 2, ALL_RIGHT));
        assertThat(PerClassResults.neverPredicted(both)).singleElement().satisfies(w -> assertThat(w)
                .contains("class 'sit' in 1 of 2 runs (42 test examples per run), class 'fall' in 2 of 2 runs (3 test examples per "
                        + "run; not rare in training (34 of 101 training sequences; the largest class 57): predicted as 'walk' in 4 "
                        + "of its 6 pooled test examples)")
                .endsWith("; for the rare classes, --class-weights balanced for rare classes"));
    }

    @Test
    void trainAndEvaluateJudgeRarityByTheTrainingCountsAsCompareDoes() {
        // trial 81c F2: 120 speakers, 1-2 test sequences each: a class tied for the largest in training, never predicted with
        // 1 test sequence (under the mean test count here), was sent to class weights as "rare" by train and evaluate, while
        // compare said "not rare in training"
        long[][] fallAsWalk = {{50, 0, 0}, {2, 40, 0}, {1, 0, 0}};
        var never = Evaluator.fromConfusion(List.of("walk", "sit", "fall"), fallAsWalk, List.of(), 0.1);
        assertThat(never.neverPredictedWarning("the test split", false)).as("without the training counts: the test counts, as before")
                .hasValueSatisfying(w -> assertThat(w).endsWith("; --class-weights balanced weighs rare classes up in training"));
        java.util.Map<String, Long> notRare = java.util.Map.of("walk", 57L, "sit", 35L, "fall", 57L);
        assertThat(never.neverPredictedWarning("the test split", false, notRare)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("the model never predicted class 'fall' (1 example) of the test split: its recall is 0")
                .doesNotContain("--class-weights")
                .endsWith("; it is not rare in training (each at least half the largest class's 57 training sequences), so class "
                        + "weights are no cure: a class the model has not yet told apart from what it was taken for needs more epochs "
                        + "(--epochs), or a model that reads the part of the sequence that differs"));
        // compare, on the same counts, says the same
        ComparisonResult compared = withTrainingCounts(List.of(57L, 35L, 57L), run("rnn", 1, fallAsWalk), run("rnn", 2, fallAsWalk),
                run("lstm", 1, ALL_RIGHT), run("lstm", 2, ALL_RIGHT));
        assertThat(PerClassResults.neverPredicted(compared)).singleElement().satisfies(w -> assertThat(w).contains("not rare in training")
                .doesNotContain("--class-weights"));
        // under half the largest class's training sequences: rare, the hint given, as compare gives it
        java.util.Map<String, Long> rare = java.util.Map.of("walk", 57L, "sit", 35L, "fall", 28L);
        assertThat(never.neverPredictedWarning("these data", false, rare)).hasValueSatisfying(w -> assertThat(w)
                .endsWith("; --class-weights balanced weighs rare classes up in training"));
        ComparisonResult comparedRare = withTrainingCounts(List.of(57L, 35L, 28L), run("rnn", 1, fallAsWalk),
                run("rnn", 2, fallAsWalk), run("lstm", 1, ALL_RIGHT), run("lstm", 2, ALL_RIGHT));
        assertThat(PerClassResults.neverPredicted(comparedRare)).singleElement().satisfies(w -> assertThat(w)
                .endsWith("--class-weights balanced for rare classes"));
        // the majority of the test data but rare in training: the training counts decide
        long[][] walkNever = {{0, 40, 10}, {0, 5, 0}, {0, 1, 2}};
        assertThat(Evaluator.fromConfusion(List.of("walk", "sit", "fall"), walkNever, List.of(), 0.1)
                .neverPredictedWarning("these data", false, java.util.Map.of("walk", 5L, "sit", 57L, "fall", 40L)))
                .hasValueSatisfying(w -> assertThat(w).endsWith("--class-weights balanced weighs rare classes up in training"));
        // two classes, neither rare; a weighted model gets neither the hint nor the sentence
        long[][] twoNever = {{50, 0, 0}, {2, 0, 0}, {1, 0, 0}};
        var two = Evaluator.fromConfusion(List.of("walk", "sit", "fall"), twoNever, List.of(), 0.1);
        assertThat(two.neverPredictedWarning("the test split", false, notRare)).hasValueSatisfying(w -> assertThat(w)
                .contains("; none of them is rare in training (each at least half the largest class's 57 training sequences)"));
        assertThat(two.neverPredictedWarning("the test split", true, notRare)).hasValueSatisfying(w -> assertThat(w)
                .endsWith("which accuracy hides (macro-F1 counts it)"));
        // counts that lack a class (a card of other labels): the test counts, as without them
        assertThat(never.neverPredictedWarning("the test split", false, java.util.Map.of("walk", 57L)))
                .hasValueSatisfying(w -> assertThat(w).endsWith("; --class-weights balanced weighs rare classes up in training"));
    }

    @Test
    void aWeightedComparisonGetsNoClassWeightsHintButTheHeavyWeightsSideEffect() {
        // a trial's balanced run was still told to try --class-weights balanced; its 'x' (weight ~38) was predicted for 19
        // test sequences of other classes in a fold without an 'x'
        long[][] overPredicted = {{40, 0, 10}, {0, 33, 9}, {0, 0, 0}};
        ComparisonResult r = weightedResult(List.of(1.0, 1.0, 38.0), null, foldRun("rnn", 0, NEVER_FALL), foldRun("rnn", 1, overPredicted));
        assertThat(PerClassResults.neverPredicted(r)).singleElement().satisfies(w -> assertThat(w)
                .startsWith("rnn never predicted class 'fall'").doesNotContain("--class-weights"));
        assertThat(PerClassResults.weightSideEffects(r)).singleElement().satisfies(w -> assertThat(w)
                .contains("'fall' (weight 38.0) predicted for 19 test examples of other classes in fold 1, against 0 of its own there"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("predicted for 19 test examples of other classes"));
        // a light weight, or no weights, says nothing of side effects
        assertThat(PerClassResults.weightSideEffects(weightedResult(List.of(1.0, 1.0, 3.0), null, foldRun("rnn", 1, overPredicted)))).isEmpty();
        assertThat(PerClassResults.weightSideEffects(weightedResult(null, null, foldRun("rnn", 1, overPredicted)))).isEmpty();
    }

    @Test
    void theHeavyWeightsSideEffectNamesTheSeedOfEachRun() {
        // a network-flow trial: 'bruteforce' was listed twice (seed 1: 31, seed 2: 27) with nothing saying which run was which
        long[][] seed1 = {{40, 0, 10}, {0, 33, 9}, {0, 0, 2}};
        long[][] seed2 = {{44, 0, 6}, {0, 35, 7}, {0, 0, 2}};
        RunResult one = new RunResult("rnn", "rnn", "none", 1, Evaluator.fromConfusion(List.of("walk", "sit", "fall"), seed1, List.of(), 0.1),
                1, 1, 100, 10, null, List.of(), List.of(), null, org.rnnlab.datasets.Split.TEST);
        RunResult two = new RunResult("rnn", "rnn", "none", 2, Evaluator.fromConfusion(List.of("walk", "sit", "fall"), seed2, List.of(), 0.1),
                1, 1, 100, 10, null, List.of(), List.of(), null, org.rnnlab.datasets.Split.TEST);
        assertThat(PerClassResults.weightSideEffects(weightedResult(List.of(1.0, 1.0, 38.0), null, one, two))).singleElement()
                .satisfies(w -> assertThat(w).contains("'fall' (weight 38.0) predicted for 19 test examples of other classes with seed 1, "
                        + "against 2 of its own there; 'fall' (weight 38.0) predicted for 13 test examples of other classes with seed 2, "
                        + "against 2 of its own there"));
        // one seed: nothing to tell apart, no seed named
        assertThat(PerClassResults.weightSideEffects(weightedResult(List.of(1.0, 1.0, 38.0), null, two))).singleElement()
                .satisfies(w -> assertThat(w).contains("predicted for 13 test examples of other classes, against 2").doesNotContain("seed"));
    }

    @Test
    void aClassWithFewTestExamplesPerRunGetsEvaluatesFewSequencesCaveatWithThePooledRecallInterval() {
        // a trial's rare blasts had 3-7 test windows per fold; evaluate said "few sequences", compare nothing
        ComparisonResult r = result(run("rnn", 1, NEVER_FALL), run("rnn", 2, SOME_FALL), run("lstm", 1, ALL_RIGHT), run("lstm", 2, ALL_RIGHT));
        assertThat(PerClassResults.fewSequences(r)).hasSize(2).first().satisfies(w -> assertThat(w)
                .startsWith("rnn: few sequences: 'fall' 3 test examples per run, pooled 2 of 6 recalled (summed over 2 seeds), "
                        + "95% interval over the 3 sequences [0.")
                .contains("rest on so few that one sequence moves them far").doesNotContain("'walk'").doesNotContain("'sit'"));
        // 10 examples or more in every run: no caveat (evaluate's rule)
        long[][] tenFalls = {{50, 0, 0}, {0, 42, 0}, {1, 0, 9}};
        assertThat(PerClassResults.fewSequences(result(run("rnn", 1, tenFalls), run("lstm", 1, tenFalls)))).isEmpty();
    }

    @Test
    void oneEvaluationNamesTheClassesItNeverPredicted() {
        // train and evaluate said nothing of a rare class never predicted (compare did)
        var never = Evaluator.fromConfusion(List.of("walk", "sit", "fall"), NEVER_FALL, List.of(), 0.1);
        assertThat(never.neverPredicted()).containsExactly("'fall' (3 examples)");
        assertThat(never.neverPredictedWarning("the test split")).hasValueSatisfying(w -> assertThat(w)
                .startsWith("the model never predicted class 'fall' (3 examples) of the test split").contains("--class-weights balanced"));
        assertThat(never.neverPredictedWarning("the test split")).hasValueSatisfying(w -> assertThat(w).contains(": its recall is 0"));
        // a user's try named two classes and said "its recall is 0"
        long[][] neverSitNorFall = {{50, 0, 0}, {2, 0, 0}, {1, 0, 0}};
        assertThat(Evaluator.fromConfusion(List.of("walk", "sit", "fall"), neverSitNorFall, List.of(), 0.1).neverPredictedWarning("the test split"))
                .hasValueSatisfying(w -> assertThat(w).startsWith("the model never predicted class 'sit' (2 examples), class 'fall' (1 example) of the test split: their recall is 0,"));
        // a model trained with class weights, or a never-predicted class that is the majority, gets no class-weights hint
        // (a user's balanced model was told to weigh up its majority class)
        assertThat(never.neverPredictedWarning("the test split", true)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("the model never predicted class 'fall'").doesNotContain("--class-weights"));
        long[][] neverWalk = {{0, 40, 10}, {0, 5, 0}, {0, 1, 2}};
        assertThat(Evaluator.fromConfusion(List.of("walk", "sit", "fall"), neverWalk, List.of(), 0.1).neverPredictedWarning("these data"))
                .hasValueSatisfying(w -> assertThat(w).startsWith("the model never predicted class 'walk' (50 examples)")
                        .doesNotContain("--class-weights"));
        assertThat(Evaluator.fromConfusion(List.of("walk", "sit", "fall"), SOME_FALL, List.of(), 0.1).neverPredicted()).isEmpty();
        long[][] absent = {{50, 0, 0}, {0, 42, 0}, {0, 0, 0}}; // no example of the class: nothing to predict
        assertThat(Evaluator.fromConfusion(List.of("walk", "sit", "fall"), absent, List.of(), 0.1).neverPredicted()).isEmpty();
    }

    @Test
    void noWarningWhenEveryClassIsPredictedAndAClassAbsentFromATestSetIsLeftOut() {
        long[][] noFallInTest = {{50, 0, 0}, {0, 42, 0}, {0, 0, 0}};
        ComparisonResult r = result(run("rnn", 1, ALL_RIGHT), run("rnn", 2, noFallInTest), run("lstm", 1, SOME_FALL), run("lstm", 2, ALL_RIGHT));
        assertThat(PerClassResults.neverPredicted(r)).isEmpty();
        PerClassResults.Row rnnFall = PerClassResults.of(r).stream().filter(x -> x.configuration().equals("rnn") && x.label().equals("fall"))
                .findFirst().orElseThrow();
        assertThat(rnnFall.runs()).isEqualTo(1); // the run without a test example of the class has no recall for it
        assertThat(rnnFall.recall().mean()).isEqualTo(1.0);
    }

    @Test
    void pooledColumnsAndAWarningWhenFewPredictionsLiftTheMeanPrecision() {
        // a trial's leave-cows-out folds: drinking precisions 2/300, 4/4, 3/78, 0 (never predicted), 10/248: mean 0.217,
        // pooled 19/630 = 0.030 (only the confusion chart showed the pooled counts)
        List<String> labels = List.of("grazing", "drinking");
        long[][][] folds = {{{700, 298}, {4, 2}}, {{900, 0}, {0, 4}}, {{800, 75}, {2, 3}}, {{990, 0}, {6, 0}}, {{600, 238}, {0, 10}}};
        List<RunResult> runs = new java.util.ArrayList<>();
        for (int f = 0; f < folds.length; f++) {
            runs.add(new RunResult("rnn", "rnn", "none", 1, Evaluator.fromConfusion(labels, folds[f], List.of(), 0.1), 1, 1, 100, 10, null,
                    List.of(), List.of(), null, null));
        }
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 1, 1, 16);
        ComparisonResult r = new ComparisonResult("csv", labels, null, config, runs, List.of(Aggregate.of(runs)), 1);
        PerClassResults.Row drinking = PerClassResults.of(r).stream().filter(x -> x.label().equals("drinking")).findFirst().orElseThrow();
        assertThat(drinking.precision().mean()).isCloseTo((2 / 300.0 + 1 + 3 / 78.0 + 0 + 10 / 248.0) / 5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(drinking.pooled().predicted()).isEqualTo(630);
        assertThat(drinking.pooled().truePositives()).isEqualTo(19);
        assertThat(drinking.pooled().precision()).isEqualTo(19 / 630.0);
        assertThat(drinking.pooled().recall()).isEqualTo(19 / 31.0);
        double p = 19 / 630.0;
        double rec = 19 / 31.0;
        assertThat(drinking.pooled().f1()).isCloseTo(2 * p * rec / (p + rec), org.assertj.core.data.Offset.offset(1e-12));
        String csv = PerClassResults.csv(r);
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",runs_never_predicted,pooled_precision,pooled_recall,pooled_f1,pooled_predicted,pooled_true_positives");
        assertThat(csv).contains("\nrnn,drinking,5,4,10,").containsPattern("\nrnn,drinking,[^\n]*,1," + (19 / 630.0) + "," + (19 / 31.0) + ",[^,\n]+,630,19\n");
        assertThat(PerClassResults.pooledBelowMean(r)).singleElement().satisfies(w -> assertThat(w)
                .startsWith("class 'drinking': precision 0.217 as a mean over runs, 0.030 pooled over them (19 of 630 predictions right): "
                        + "a few runs with few predictions lift the mean"));
        // grazing's pooled precision is near its mean: no warning for it; and none with one run
        ComparisonResult one = new ComparisonResult("csv", labels, null, config, runs.subList(0, 1), List.of(Aggregate.of(runs.subList(0, 1))), 1);
        assertThat(PerClassResults.pooledBelowMean(one)).isEmpty();
    }

    /** 120 classes (trial 81c's speakers): classes 0-103 with {@code each} test examples (the first 10 with {@code first10}), 104-119 none. */
    private static ComparisonResult manyClasses(int first10, int each) {
        List<String> labels = java.util.stream.IntStream.range(0, 120).mapToObj(i -> String.format(java.util.Locale.ROOT, "spk%03d", i)).toList();
        long[][] m = new long[120][120];
        for (int c = 0; c < 104; c++) {
            m[c][c] = c < 10 ? first10 : each;
        }
        // 20 classes read as class 0, never predicted; one example of class 0 read as 'spk110', which the test data do not hold
        for (int c = 30; c < 50; c++) {
            m[c][0] = m[c][c];
            m[c][c] = 0;
        }
        m[0][110] = 1;
        m[0][0] -= 1;
        ComparisonConfig config = new ComparisonConfig(Architecture.parseList("rnn"), ClipSetting.parseList("none"),
                ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4)), TrainingConfig.defaults(), 2, 1, 16);
        List<RunResult> runs = new java.util.ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            runs.add(new RunResult("rnn", "rnn", "none", seed, Evaluator.fromConfusion(labels, m, List.of(), 0.1), 1, 1, 100, 10, null,
                    List.of(), List.of(), null, null));
        }
        return new ComparisonResult("csv", labels, null, config, runs, List.of(Aggregate.of(runs)), 1);
    }

    @Test
    void withManyClassesPerClassCsvHasThePredictedButAbsentClassesAndTheTerminalSaysHowManyClassesItHolds() {
        // trial 81c F5: "test recall by class: 120 classes, see per-class.csv" over a file of 104 rows, without the classes
        // predicted though absent from the test data (their false positives, the reason scikit-learn's macro-F1 is lower)
        ComparisonResult r = manyClasses(2, 2);
        List<String> lines = PerClassResults.csv(r).lines().toList();
        int columns = PerClassResults.CSV_HEADER.split(",", -1).length;
        assertThat(lines).as("header, 104 classes with test examples and 'spk110', predicted in both runs").hasSize(1 + 104 + 1);
        assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).as(l).hasSize(columns));
        // runs 0 (none held it), 0 test examples, precision 0 in both runs, no recall or F1, 2 pooled false positives
        assertThat(lines).contains("rnn,spk110,0,0,0,0.0,0.0,0.0,,,,,,,0,0.0,,,2,0");
        assertThat(lines).noneMatch(l -> l.startsWith("rnn,spk111,")); // neither tested nor predicted
        assertThat(PerClassResults.of(r)).as("the tables and warnings: tested classes only").hasSize(104);
        assertThat(PerClassResults.table(r)).contains("test recall by class: see per-class.csv, which has 104 of the 120 classes with "
                + "test sequences, and 1 more without any, predicted in some run (their false positives); the other 15 neither in the "
                + "test data nor predicted are not in it");
    }

    @Test
    void withManyClassesTheTerminalsClassListsAreCutAndAllOfOneSmallCountAreOneSentence() {
        // trial 81c F4: compare's "never predicted" warning of 8-9 KB and its "few sequences" note of 13 KB on one line
        ComparisonResult r = manyClasses(1, 1);
        String full = PerClassResults.neverPredicted(r).get(0);
        String cut = PerClassResults.neverPredicted(r, ComparisonFiles.WARNINGS).get(0);
        assertThat(full).contains("'spk049' in 2 of 2 runs").doesNotContain(" more (");
        assertThat(cut).startsWith("rnn never predicted class 'spk030' in 2 of 2 runs (1 test example per run), class 'spk031'")
                .contains("'spk041' in 2 of 2 runs (1 test example per run) and 8 more (result-warnings.txt): its recall there is 0")
                .doesNotContain("'spk042'");
        assertThat(r.warnings()).contains(full);
        assertThat(r.warnings(ComparisonFiles.WARNINGS)).contains(cut);
        // every class with test examples has 1 per run: one sentence, not 104 entries
        assertThat(PerClassResults.fewSequences(r)).singleElement().satisfies(w -> assertThat(w)
                .startsWith("few sequences: every one of the 104 classes with test examples has 1 test example per run (each one's "
                        + "pooled recall in per-class.csv); each run's precision, recall and F1 of these classes rest on so few")
                .hasSizeLessThan(400));
        // 10 classes of 20: the other 94 are named up to 12, here 8, as their entries reach 1000 characters
        assertThat(PerClassResults.fewSequences(manyClasses(20, 2))).singleElement().satisfies(w -> assertThat(w)
                .startsWith("few sequences: 'spk010' 2 test examples per run, pooled 4 of 4 recalled (summed over 2 seeds)")
                .contains("'spk017' 2 test examples per run").contains(" and 86 more (per-class.csv); each run's")
                .doesNotContain("'spk018'").doesNotContain("'spk000'").hasSizeLessThan(1400));
    }
}
