package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.training.TrainingState.BestEpoch;

class EarlyStoppingTest {
    static MultiLayerNetwork network() {
        return NetworkFactory.build(ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(2)), 1, 2);
    }

    static EarlyStopping patience(int patience, double minImprovement) {
        return new EarlyStopping(TrainingConfig.defaults().withEarlyStopping(patience, minImprovement), "rnn-2", BestEpoch.none(), null);
    }

    @Test
    void countsEpochsWithoutImprovementAndStopsAtThePatience() {
        MultiLayerNetwork net = network();
        EarlyStopping rule = patience(2, 0.0);
        assertThat(rule.afterEpoch(1, 0.5, net, true)).isFalse();
        assertThat(rule.best()).isEqualTo(BestEpoch.at(1, 0.5));
        assertThat(rule.afterEpoch(2, 0.5, net, true)).as("equal is no improvement").isFalse();
        assertThat(rule.best()).isEqualTo(new BestEpoch(true, 1, 0.5, 1));
        assertThat(rule.afterEpoch(3, 0.6, net, true)).isFalse();
        assertThat(rule.best()).as("an improvement resets the count").isEqualTo(BestEpoch.at(3, 0.6));
        assertThat(rule.afterEpoch(4, 0.55, net, true)).isFalse();
        assertThat(rule.afterEpoch(5, 0.6, net, true)).isTrue();
        assertThat(rule.best()).isEqualTo(new BestEpoch(true, 3, 0.6, 2));
    }

    @Test
    void anExactTieOfTheScoreIsBrokenByTheLowerValidationLogLossAndIsAGainForThePatience() {
        // a trial's macro-F1 saturated at 0.9955 from epoch 1 (log-loss 0.43) to epoch 6 (0.0076): epoch 1 was kept
        MultiLayerNetwork net = network();
        EarlyStopping rule = patience(3, 0.0);
        INDArray atEpoch1 = net.params().dup();
        assertThat(rule.afterEpoch(1, 1.0, 0.43, net, true)).isFalse();
        net.setParams(atEpoch1.add(1.0));
        INDArray atEpoch2 = net.params().dup();
        assertThat(rule.afterEpoch(2, 1.0, 0.05, net, true)).isFalse();
        // trial 77a F4: a tie kept by the lower log-loss was no gain for the patience, so a run stopped "without gain for 8
        // epochs" at the very epoch it kept; the two rules agree now: the count starts again from the epoch kept
        assertThat(rule.best()).as("the tie goes to the lower log-loss, and is a gain for the patience")
                .isEqualTo(BestEpoch.at(2, 1.0));
        assertThat(rule.bestParameters()).isEqualTo(atEpoch2);
        net.setParams(atEpoch1.add(2.0));
        assertThat(rule.afterEpoch(3, 1.0, 0.09, net, true)).as("a higher log-loss at the same score").isFalse();
        assertThat(rule.best()).isEqualTo(new BestEpoch(true, 2, 1.0, 1));
        assertThat(rule.afterEpoch(4, 0.99, 0.01, net, true)).as("a lower score is no tie, whatever its log-loss").isFalse();
        assertThat(rule.afterEpoch(5, 1.0, 0.06, net, true)).as("3 epochs without gain since epoch 2, the one kept").isTrue();
        assertThat(rule.best()).isEqualTo(new BestEpoch(true, 2, 1.0, 3));
        assertThat(rule.bestParameters()).isEqualTo(atEpoch2);
        // without a log-loss (no validation data, old history) the first of equal scores stays
        EarlyStopping unknown = patience(0, 0.0);
        unknown.afterEpoch(1, 1.0, Double.NaN, net, true);
        unknown.afterEpoch(2, 1.0, 0.01, net, true);
        assertThat(unknown.best().epoch()).isEqualTo(1);
        // a score within the minimum improvement but not equal is no tie either
        EarlyStopping within = patience(0, 0.05);
        within.afterEpoch(1, 0.90, 0.5, net, true);
        within.afterEpoch(2, 0.92, 0.1, net, true);
        assertThat(within.best().epoch()).isEqualTo(1);
    }

    @Test
    void underTheRuleOf62dd0b01To35658db4ATieAtLowerLogLossIsKeptButIsNoGainForThePatience() {
        // trial 78j F4: a run of ceb1bf21 (--patience 2) kept epoch 3 of a validation accuracy tied at epochs 1-3 and stopped
        // there; its replay counted each tie as a gain, trained all 12 epochs and kept epoch 12
        MultiLayerNetwork net = network();
        EarlyStopping rule = new EarlyStopping(TrainingConfig.defaults().withEarlyStopping(2, 0.0)
                .withSelectionTies(SelectionTies.LOWER_LOG_LOSS_NO_PATIENCE_GAIN), "gru-16", BestEpoch.none(), null);
        assertThat(rule.afterEpoch(1, 0.9167, 0.60, net, true)).isFalse();
        INDArray atEpoch1 = net.params().dup();
        net.setParams(atEpoch1.add(1.0));
        assertThat(rule.afterEpoch(2, 0.9167, 0.50, net, true)).isFalse();
        assertThat(rule.best()).as("the tie goes to the lower log-loss, but the count goes on")
                .isEqualTo(new BestEpoch(true, 2, 0.9167, 1));
        net.setParams(atEpoch1.add(2.0));
        INDArray atEpoch3 = net.params().dup();
        assertThat(rule.afterEpoch(3, 0.9167, 0.40, net, true)).as("2 epochs without a gain of the score: stops").isTrue();
        assertThat(rule.best()).isEqualTo(new BestEpoch(true, 3, 0.9167, 2));
        assertThat(rule.bestParameters()).isEqualTo(atEpoch3);
    }

    @Test
    void anAccuracyFlatWhileTheLogLossFallsIsKeptAndCountedAsAGainEveryEpoch() {
        // trial 77a F4: validation accuracy 0.5714 from epoch 2 to 10 while the log-loss fell every epoch (1.0748 -> 0.9558);
        // epoch 10 was kept, and the run stopped after it "with no validation gain for 8 epochs"
        MultiLayerNetwork net = network();
        EarlyStopping rule = patience(8, 0.0);
        assertThat(rule.afterEpoch(1, 0.5, 1.10, net, true)).isFalse();
        for (int epoch = 2; epoch <= 10; epoch++) {
            double logLoss = 1.0748 - (epoch - 2) * (1.0748 - 0.9558) / 8;
            assertThat(rule.afterEpoch(epoch, 0.5714, logLoss, net, true)).as("epoch %d", epoch).isFalse();
            assertThat(rule.best()).as("epoch %d: kept, and a gain", epoch).isEqualTo(BestEpoch.at(epoch, 0.5714));
        }
        // the log-loss rises: the count runs from epoch 10, the one kept
        for (int epoch = 11; epoch < 18; epoch++) {
            assertThat(rule.afterEpoch(epoch, 0.5714, 0.97, net, true)).as("epoch %d", epoch).isFalse();
        }
        assertThat(rule.afterEpoch(18, 0.5714, 0.97, net, true)).isTrue();
        assertThat(rule.best()).isEqualTo(new BestEpoch(true, 10, 0.5714, 8));
    }

    @Test
    void whereItMayNotStopItOnlyKeepsTheBestEpoch() {
        MultiLayerNetwork net = network();
        EarlyStopping rule = patience(1, 0.0);
        rule.afterEpoch(1, -0.5, net, false);
        assertThat(rule.afterEpoch(2, -0.7, net, false)).as("no validation data, or the budget's last epoch").isFalse();
        assertThat(rule.afterEpoch(3, -0.8, net, false)).isFalse();
        assertThat(rule.best()).isEqualTo(BestEpoch.at(1, -0.5));
        assertThat(rule.afterEpoch(4, -0.9, net, true)).as("where it may stop, the patience of 1 is reached").isTrue();
    }

    @Test
    void epochStatsWriteAnUndefinedValidationAccuracyAsNullAndReadItBack() throws Exception {
        EpochStats none = new EpochStats(2, 0.5, Double.NaN, 1.5, 100);
        String json = org.rnnlab.core.Json.write(none);
        assertThat(json).contains("\"validationAccuracy\" : null").doesNotContain("NaN");
        assertThat(org.rnnlab.core.Json.mapper().readValue(json, EpochStats.class).validationAccuracy()).isNaN();
        assertThat(org.rnnlab.core.Json.mapper().readValue(json.replace("null", "\"NaN\""), EpochStats.class).validationAccuracy())
                .as("files written before").isNaN();
        EpochStats some = new EpochStats(2, 0.5, 0.75, 1.5, 100);
        assertThat(org.rnnlab.core.Json.mapper().readValue(org.rnnlab.core.Json.write(some), EpochStats.class)).isEqualTo(some);
        assertThatThrownBy(() -> org.rnnlab.core.Json.mapper().readValue(json.replace("null", "\"high\""), EpochStats.class))
                .hasMessageContaining("high");
    }

    @Test
    void aGainCountsOnlyAboveTheMinimumImprovement() {
        MultiLayerNetwork net = network();
        EarlyStopping rule = patience(1, 0.1);
        rule.afterEpoch(1, 0.5, net, true);
        assertThat(rule.afterEpoch(2, 0.6, net, true)).as("0.6 is not above 0.5 + 0.1").isTrue();
        assertThat(rule.best().epoch()).isEqualTo(1);
    }

    @Test
    void withoutPatienceItNeverStopsNorCountsButStillKeepsTheBestEpoch() {
        MultiLayerNetwork net = network();
        EarlyStopping rule = patience(0, 0.0);
        rule.afterEpoch(1, 0.7, net, true);
        for (int epoch = 2; epoch <= 20; epoch++) {
            assertThat(rule.afterEpoch(epoch, 0.1, net, true)).isFalse();
        }
        assertThat(rule.best()).isEqualTo(BestEpoch.at(1, 0.7));
    }

    @Test
    void restoresTheParametersOfTheBestEpoch() {
        MultiLayerNetwork net = network();
        EarlyStopping rule = patience(0, 0.0);
        INDArray atEpoch1 = net.params().dup();
        rule.afterEpoch(1, 0.8, net, true);
        net.setParams(atEpoch1.add(1.0));
        rule.afterEpoch(2, 0.6, net, true);
        assertThat(rule.bestParameters()).isEqualTo(atEpoch1);
        rule.restoreBest(net);
        assertThat(net.params()).isEqualTo(atEpoch1);
    }

    @Test
    void aResumedRunCountsOnFromItsCheckpoint() {
        MultiLayerNetwork net = network();
        EarlyStopping resumed = new EarlyStopping(TrainingConfig.defaults().withEarlyStopping(2, 0.0), "rnn-2",
                new BestEpoch(true, 3, 0.375, 1), net.params().dup());
        assertThat(resumed.afterEpoch(5, 0.375, net, true)).isTrue();
        assertThat(resumed.best()).isEqualTo(new BestEpoch(true, 3, 0.375, 2));
    }

    @Test
    void theScoreIsValidationAccuracyOrMinusTheTrainingLoss() {
        EpochStats stats = new EpochStats(1, 0.25, 0.75, 1, 1);
        assertThat(EarlyStopping.score(stats, true)).isEqualTo(0.75);
        assertThat(EarlyStopping.score(new EpochStats(1, 0.25, Double.NaN, 1, 1), false)).isEqualTo(-0.25);
        // by macro-F1 (--select macro-f1): the epoch's validation macro-F1; without validation data, still the loss
        EpochStats both = new EpochStats(1, 0.25, 0.9, 1, 1, null, 0.6);
        assertThat(EarlyStopping.score(both, true, EpochSelection.MACRO_F1)).isEqualTo(0.6);
        assertThat(EarlyStopping.score(both, true, EpochSelection.ACCURACY)).isEqualTo(0.9);
        assertThat(EarlyStopping.score(both, false, EpochSelection.MACRO_F1)).isEqualTo(-0.25);
        assertThat(EarlyStopping.score(stats, true, EpochSelection.MACRO_F1)).as("not recorded").isNaN();
    }
}
