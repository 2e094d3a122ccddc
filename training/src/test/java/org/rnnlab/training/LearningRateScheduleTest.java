package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.UpdaterKind;

class LearningRateScheduleTest {

    @Test
    void ratesFollowTheFormulas() {
        assertThat(LearningRateSchedule.constant().rate(0.1, 7, 10)).isEqualTo(0.1);
        LearningRateSchedule step = LearningRateSchedule.parse("step:2:0.5");
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(e -> step.rate(0.1, e, 10)).toList()).containsExactly(0.1, 0.1, 0.05, 0.05, 0.025);
        LearningRateSchedule cosine = LearningRateSchedule.parse("cosine");
        assertThat(cosine.rate(0.1, 1, 4)).isEqualTo(0.1);
        assertThat(cosine.rate(0.1, 3, 4)).isCloseTo(0.05, within(1e-15));
        assertThat(cosine.rate(0.1, 4, 4)).isCloseTo(0.1 * 0.5 * (1 + Math.cos(Math.PI * 3 / 4)), within(1e-15));
        assertThatThrownBy(() -> LearningRateSchedule.parse("warmup")).hasMessageContaining("expected constant, cosine or step:EVERY:FACTOR");
        assertThatThrownBy(() -> LearningRateSchedule.parse("step:2:1.5")).hasMessageContaining("factor must be in (0, 1]");
        TrainingConfig config = TrainingConfig.defaults().withSchedule(step);
        assertThat(Json.read(Json.write(config), TrainingConfig.class)).isEqualTo(config);
    }

    @Test
    void theTrainerSetsEachEpochsRateOnTheNetwork() {
        List<Double> seen = new ArrayList<>();
        MultiLayerNetwork[] net = new MultiLayerNetwork[1];
        Trainer.Listener listener = new Trainer.Listener() {
            @Override
            public void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
                if (batch == 1) {
                    seen.add(net[0].getLearningRate(net[0].getnLayers() - 1));
                }
            }
        };
        Trainer.train(ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(3)).withUpdater(UpdaterKind.SGD, 0.08),
                TrainingConfig.defaults().withEpochs(3).withSchedule(LearningRateSchedule.parse("step:1:0.5")),
                TrainerTest.firstStepSign(16, 1), new Trainer.Options(listener, null, null, n -> net[0] = n));
        assertThat(seen).hasSize(3);
        // setting the rate rebuilds DL4J's updater: rnnlab's is installed again over its state
        assertThat(net[0].getUpdater()).isInstanceOf(org.rnnlab.core.ViewGradientUpdater.class);
        assertThat(seen.get(0)).isCloseTo(0.08, within(1e-9));
        assertThat(seen.get(1)).isCloseTo(0.04, within(1e-9));
        assertThat(seen.get(2)).isCloseTo(0.02, within(1e-9));
    }

    @Test
    void everyMinibatchOfTrainTakesTheUpdatersStandardPath() {
        List<Integer> batches = new ArrayList<>();
        Trainer.Listener listener = new Trainer.Listener() {
            @Override
            public void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
                batches.add(batch);
            }
        };
        long before = org.rnnlab.core.ViewGradientUpdater.standardUpdates();
        Trainer.train(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)).withUpdater(UpdaterKind.ADAM, 0.01),
                TrainingConfig.defaults().withEpochs(2).withSchedule(LearningRateSchedule.parse("step:1:0.5")),
                TrainerTest.firstStepSign(16, 1), new Trainer.Options(listener, null, null, n -> { }));
        assertThat(batches).isNotEmpty();
        assertThat(org.rnnlab.core.ViewGradientUpdater.standardUpdates() - before).isEqualTo(batches.size());
    }
}
