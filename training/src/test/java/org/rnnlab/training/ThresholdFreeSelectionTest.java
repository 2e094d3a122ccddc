package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.training.TrainingState.BestEpoch;

/**
 * The threshold-free epoch selections (trial 65c, finding 4): rare defects that never cross p = 0.5 leave validation
 * macro-F1 flat, so the epoch kept by it was the first while the model went on learning; log-loss, ROC AUC and average
 * precision judge the probabilities, log-loss with lower better.
 */
class ThresholdFreeSelectionTest {

    /**
     * About 4% of the sequences of class 'defect', whose first feature is shifted up by a weak 0.7 sd over every step; the
     * rest 'pass'. No defect reaches p = 0.5 in the first epochs, as in the trial.
     */
    static SequenceDataset rareDefects(int n, long seed) {
        Random r = new Random(seed);
        List<List<Sequence>> splits = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<Sequence> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int label = i % 25 == 3 ? 1 : 0;
                int len = 4 + r.nextInt(3);
                float[][] v = new float[len][2];
                for (int t = 0; t < len; t++) {
                    v[t][0] = (float) (r.nextGaussian() + (label == 1 ? 0.7 : 0));
                    v[t][1] = (float) r.nextGaussian();
                }
                list.add(new Sequence(v, label));
            }
            splits.add(list);
        }
        return new InMemorySequenceDataset("rare-defects", InputDescription.dense(List.of("current", "voltage"), 6),
                List.of("pass", "defect"), new SequenceSet(splits.get(0)), new SequenceSet(splits.get(1)),
                new SequenceSet(splits.get(2)), new DatasetProvenance("rare-defects", "generated", Map.of("n", "" + n), List.of(), seed));
    }

    private static TrainedModel train(SequenceDataset data, EpochSelection selection) {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(8).withBatchSize(25).withEarlyStopping(2, 0.0)
                .withSelection(selection);
        return Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)).withUpdater(UpdaterKind.ADAM, 0.01), config, data,
                new Trainer.Listener() {
                });
    }

    @Test
    void logLossKeepsALaterEpochWhereMacroF1StaysFlatAndStopsEarly() {
        SequenceDataset data = rareDefects(200, 65);
        TrainedModel byF1 = train(data, EpochSelection.MACRO_F1);
        TrainedModel byLogLoss = train(data, EpochSelection.LOG_LOSS);

        // after the first epoch (probabilities still near 0.5) macro-F1 no longer moves: no defect crosses 0.5, every epoch
        // scores the same, the first is kept and the run stops
        List<Double> f1 = byF1.history().stream().map(EpochStats::validationMacroF1).toList();
        assertThat(f1.subList(1, f1.size())).containsOnly(f1.get(1));
        assertThat(f1.get(1)).isLessThanOrEqualTo(f1.get(0));
        assertThat(byF1.bestEpoch()).isEqualTo(1);
        assertThat(byF1.history()).hasSize(3);
        // the same training (same seed) judged by log-loss: it falls, a later epoch is kept, and the run goes on
        List<Double> losses = byLogLoss.history().stream().map(EpochStats::validationLogLoss).toList();
        assertThat(losses).doesNotContainNull();
        assertThat(losses.get(2)).isLessThan(losses.get(0));
        assertThat(byLogLoss.history().size()).isGreaterThan(byF1.history().size());
        assertThat(byLogLoss.bestEpoch()).isGreaterThan(byF1.bestEpoch());
        double lowest = losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(losses.get(byLogLoss.bestEpoch() - 1)).as("the kept epoch has the lowest log-loss").isEqualTo(lowest);
        assertThat(byLogLoss.history().get(0).trainLoss()).isEqualTo(byF1.history().get(0).trainLoss());
        assertThat(byLogLoss.history()).allSatisfy(e -> {
            assertThat(e.validationRocAuc()).isBetween(0.0, 1.0);
            assertThat(e.validationAveragePrecision()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void earlyStoppingByLogLossCountsARiseAsNoImprovementAndAFallAsOne() {
        MultiLayerNetwork net = EarlyStoppingTest.network();
        EarlyStopping rule = new EarlyStopping(TrainingConfig.defaults().withEarlyStopping(2, 0.01).withSelection(EpochSelection.LOG_LOSS),
                "gru", BestEpoch.none(), null);
        boolean validated = true;
        assertThat(rule.afterEpoch(1, EarlyStopping.score(logLoss(1, 0.30), validated, EpochSelection.LOG_LOSS), net, true)).isFalse();
        assertThat(rule.afterEpoch(2, EarlyStopping.score(logLoss(2, 0.20), validated, EpochSelection.LOG_LOSS), net, true)).isFalse();
        assertThat(rule.best().epoch()).as("a lower log-loss is better").isEqualTo(2);
        assertThat(rule.afterEpoch(3, EarlyStopping.score(logLoss(3, 0.195), validated, EpochSelection.LOG_LOSS), net, true)).isFalse();
        assertThat(rule.best()).as("a fall of 0.005 is below the minimum improvement 0.01").isEqualTo(new BestEpoch(true, 2, -0.20, 1));
        assertThat(rule.afterEpoch(4, EarlyStopping.score(logLoss(4, 0.50), validated, EpochSelection.LOG_LOSS), net, true))
                .as("a rise is no improvement: the patience of 2 is reached").isTrue();
        assertThat(rule.best().epoch()).isEqualTo(2);
    }

    @Test
    void theEpochScoreIsTurnedOnlyForLogLoss() {
        EpochStats e = new EpochStats(1, 0.4, 0.9, 1, 10, null, 0.6, 0.25, 0.8, 0.5);
        assertThat(EarlyStopping.score(e, true, EpochSelection.LOG_LOSS)).isEqualTo(-0.25);
        assertThat(EarlyStopping.score(e, true, EpochSelection.ROC_AUC)).isEqualTo(0.8);
        assertThat(EarlyStopping.score(e, true, EpochSelection.AVERAGE_PRECISION)).isEqualTo(0.5);
        assertThat(EarlyStopping.score(e, true, EpochSelection.MACRO_F1)).isEqualTo(0.6);
        assertThat(EarlyStopping.score(e, true, EpochSelection.ACCURACY)).isEqualTo(0.9);
        assertThat(EarlyStopping.score(e, false, EpochSelection.LOG_LOSS)).as("no validation data: minus the training loss").isEqualTo(-0.4);
    }

    private static EpochStats logLoss(int epoch, double value) {
        return new EpochStats(epoch, 0.3, 0.97, 1, 10, null, 0.49, value, 0.7, 0.2);
    }

    @Test
    void validationScoresAreTheEvaluationsNumbers() {
        // two classes: 4 examples, probabilities of class 1 0.1, 0.4, 0.35, 0.8 for classes 0, 0, 1, 1 (scikit-learn's example)
        int[] actual = {0, 0, 1, 1};
        double[][] p = {{0.9, 0.1}, {0.6, 0.4}, {0.65, 0.35}, {0.2, 0.8}};
        ValidationScores v = ValidationScores.of(2, actual, p);
        assertThat(v.rocAuc()).as("roc_auc_score: 0.75, either class's").isEqualTo(0.75);
        assertThat(v.logLoss()).isCloseTo(-(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4, org.assertj.core.data.Offset.offset(1e-12));
        // average_precision_score: class 1 0.8333 (0.8: 1/1, 0.4: 1/3 ... = 0.5 + 0.5 * 2/3), class 0 (0.9, 0.65, 0.6) the same
        assertThat(v.averagePrecision()).isCloseTo(5.0 / 6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(v.accuracy()).isEqualTo(0.75);
        assertThat(OneVsRest.logLoss(new int[] {0}, new double[][] {{0.0, 1.0}})).as("clipped, not infinite")
                .isCloseTo(-Math.log(1e-15), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ValidationScores.of(2, new int[] {0, 0}, new double[][] {{0.9, 0.1}, {0.6, 0.4}}).rocAuc())
                .as("one class only: undefined").isNaN();
    }

    @Test
    void aNaNProbabilityGivesNaNThresholdFreeScoresInsteadOfEndingTheRun() {
        // a review: scored after every epoch whatever --select is, a NaN output threw "a probability is NaN"
        ValidationScores v = ValidationScores.of(2, new int[] {0, 1, 1}, new double[][] {{Double.NaN, Double.NaN}, {0.2, 0.8},
            {0.6, 0.4}});
        assertThat(v.logLoss()).isNaN();
        assertThat(v.rocAuc()).isNaN();
        assertThat(v.averagePrecision()).isNaN();
        assertThat(v.accuracy()).isEqualTo(2.0 / 3);
        // finite outputs are scored as before
        assertThat(ValidationScores.of(2, new int[] {0, 1}, new double[][] {{0.7, 0.3}, {0.2, 0.8}}).rocAuc()).isEqualTo(1.0);
    }

    @Test
    void theNewSelectionsParseAndRoundTripInConfigJsonAndOldConfigsStillRead() throws Exception {
        assertThat(EpochSelection.parse("log-loss")).isEqualTo(EpochSelection.LOG_LOSS);
        assertThat(EpochSelection.parse("ROC_AUC")).isEqualTo(EpochSelection.ROC_AUC);
        assertThat(EpochSelection.parse("average-precision")).isEqualTo(EpochSelection.AVERAGE_PRECISION);
        assertThat(EpochSelection.options()).isEqualTo("accuracy|macro-f1|log-loss|roc-auc|average-precision");
        assertThatThrownBy(() -> EpochSelection.parse("auc")).hasMessageContaining("log-loss, roc-auc, average-precision");
        for (EpochSelection s : EpochSelection.values()) {
            TrainingConfig c = TrainingConfig.defaults().withSelection(s);
            String json = Json.write(c);
            assertThat(json).contains("\"selection\" : \"" + s.name() + "\"");
            assertThat(Json.mapper().readValue(json, TrainingConfig.class)).isEqualTo(c);
        }
        // the names older runs wrote are unchanged
        String old = Json.write(TrainingConfig.defaults().withSelection(EpochSelection.MACRO_F1));
        assertThat(old).contains("\"MACRO_F1\"");
        assertThat(Json.mapper().readValue(old, TrainingConfig.class).selection()).isEqualTo(EpochSelection.MACRO_F1);
    }

    @Test
    void epochStatsKeepTheThresholdFreeScoresInJsonAndReadOlderEpochsWithout() throws Exception {
        EpochStats e = new EpochStats(3, 0.2, 0.97, 1.5, 100, null, 0.49, 0.11, 0.83, 0.31);
        String json = Json.write(e);
        assertThat(json).contains("\"validationLogLoss\"").contains("\"validationRocAuc\"").contains("\"validationAveragePrecision\"");
        assertThat(Json.mapper().readValue(json, EpochStats.class)).isEqualTo(e);
        EpochStats before = new EpochStats(3, 0.2, 0.97, 1.5, 100, null, 0.49);
        String oldJson = Json.write(before);
        assertThat(oldJson).doesNotContain("validationLogLoss");
        EpochStats read = Json.mapper().readValue(oldJson, EpochStats.class);
        assertThat(read).isEqualTo(before);
        assertThat(read.validation(EpochSelection.LOG_LOSS)).as("not recorded then").isNaN();
    }

    @Test
    void aFixedAveragePrecisionClassIsJudgedWhateverTheSplitsRarerClassAndRoundTripsInConfigJson() throws Exception {
        // near-balanced: here class 0 is the rarer (2 of 5), while a comparison's training pool may have class 1 the rarer;
        // the class fixed for the comparison is judged in every split, not this split's rarer one
        int[] actual = {0, 0, 1, 1, 1};
        double[][] p = {{0.9, 0.1}, {0.3, 0.7}, {0.6, 0.4}, {0.2, 0.8}, {0.45, 0.55}};
        boolean[] one = {false, false, true, true, true};
        boolean[] zero = {true, true, false, false, false};
        double apOne = OneVsRest.averagePrecision(one, new double[] {0.1, 0.7, 0.4, 0.8, 0.55});
        double apZero = OneVsRest.averagePrecision(zero, new double[] {0.9, 0.3, 0.6, 0.2, 0.45});
        assertThat(apOne).isNotEqualTo(apZero);
        assertThat(ValidationScores.rarer(actual)).isZero();
        assertThat(ValidationScores.of(2, actual, p).averagePrecision()).as("no fixed class: this split's rarer").isEqualTo(apZero);
        assertThat(ValidationScores.of(2, actual, p, 1).averagePrecision()).isEqualTo(apOne);
        assertThat(ValidationScores.of(2, actual, p, 0).averagePrecision()).isEqualTo(apZero);
        // config.json: absent unless fixed (files written before it read as null), and read back as written
        TrainingConfig plain = TrainingConfig.defaults();
        String json = org.rnnlab.core.Json.mapper().writeValueAsString(plain);
        assertThat(json).doesNotContain("averagePrecisionClass");
        assertThat(org.rnnlab.core.Json.mapper().readValue(json, TrainingConfig.class).averagePrecisionClass()).isNull();
        TrainingConfig fixed = plain.withAveragePrecisionClass(1).withEpochs(3);
        String written = org.rnnlab.core.Json.mapper().writeValueAsString(fixed);
        assertThat(written).containsPattern("\"averagePrecisionClass\" ?: ?1");
        assertThat(org.rnnlab.core.Json.mapper().readValue(written, TrainingConfig.class)).isEqualTo(fixed);
        assertThatThrownBy(() -> plain.withAveragePrecisionClass(2)).hasMessageContaining("averagePrecisionClass must be 0 or 1");
    }
}
