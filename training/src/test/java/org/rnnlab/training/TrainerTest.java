package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;

class TrainerTest {

    /** Label = sign of the first step's first feature; the other steps are noise. Lengths vary (masks). */
    static SequenceDataset firstStepSign(int n, long seed) {
        Random r = new Random(seed);
        List<List<Sequence>> splits = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<Sequence> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int len = 3 + r.nextInt(4);
                float[][] v = new float[len][2];
                int label = r.nextInt(2);
                v[0][0] = label == 1 ? 1f : -1f;
                for (int t = 1; t < len; t++) {
                    v[t][0] = (float) (0.3 * r.nextGaussian());
                    v[t][1] = (float) r.nextGaussian();
                }
                list.add(new Sequence(v, label));
            }
            splits.add(list);
        }
        return new InMemorySequenceDataset("first-step-sign", InputDescription.dense(List.of("a", "b"), 6),
                List.of("neg", "pos"), new SequenceSet(splits.get(0)), new SequenceSet(splits.get(1)),
                new SequenceSet(splits.get(2)), new DatasetProvenance("first-step-sign", "generated", Map.of("n", "" + n), List.of(), seed));
    }

    @Test
    void lstmLearnsAShortLagTaskAndKeepsTheBestEpoch() {
        SequenceDataset data = firstStepSign(128, 1);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(12).withBatchSize(16);
        List<EpochStats> seen = new ArrayList<>();
        TrainedModel model = Trainer.train(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(8))
                .withUpdater(UpdaterKind.ADAM, 0.02), config, data, new Trainer.Listener() {
                    @Override
                    public void onEpoch(EpochStats stats) {
                        seen.add(stats);
                    }
                });
        assertThat(model.history()).isEqualTo(seen).hasSize(12);
        assertThat(model.bestValidationAccuracy()).isGreaterThan(0.9);
        assertThat(model.history().get(model.bestEpoch() - 1).validationAccuracy()).isEqualTo(model.bestValidationAccuracy());
        assertThat(model.history()).allSatisfy(e -> assertThat(e.validationAccuracy()).isLessThanOrEqualTo(model.bestValidationAccuracy()));
        // the kept parameters are those of the best epoch
        var validation = data.iterator(Split.VALIDATION, 64, 0);
        model.normalizer().ifPresent(validation::setPreProcessor);
        assertThat(Trainer.accuracy(model.network(), validation)).isEqualTo(model.bestValidationAccuracy());
        assertThat(model.samplesPerSecond()).isPositive();
    }

    @Test
    void theReportedLossIsTheCrossEntropyWithoutTheWeightDecayPenalty() {
        // a user's try: --weight-decay 0.5 reported a training loss of 130 where the cross-entropy was about 1
        SequenceDataset data = firstStepSign(32, 5);
        ModelSpec spec = ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(6));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withBatchSize(8);
        List<Double> plain = new ArrayList<>();
        List<Double> decayed = new ArrayList<>();
        for (Object[] run : new Object[][] {{spec, plain}, {spec.withWeightDecay(0.5), decayed}}) {
            @SuppressWarnings("unchecked")
            List<Double> losses = (List<Double>) run[1];
            Trainer.train((ModelSpec) run[0], config, data, new Trainer.Listener() {
                @Override
                public void onIteration(int epoch, int batch, int batches, double loss) {
                    losses.add(loss);
                }
            });
        }
        // the first minibatch's loss is computed at the same initial parameters in both runs: the same cross-entropy
        assertThat(decayed.get(0)).isCloseTo(plain.get(0), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(plain.get(0)).isBetween(0.3, 1.5); // about ln 2 for two classes
        assertThat(decayed).allSatisfy(l -> assertThat(l).isLessThan(2.0));
    }

    @Test
    void sameSeedGivesIdenticalParameters() {
        SequenceDataset data = firstStepSign(40, 2);
        ModelSpec spec = ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(5));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withBatchSize(8);
        TrainedModel a = Trainer.train(spec, config, data);
        TrainedModel b = Trainer.train(spec, config, data);
        TrainedModel c = Trainer.train(spec, config.withSeed(7), data);
        assertThat(a.network().params()).isEqualTo(b.network().params());
        assertThat(a.network().params()).isNotEqualTo(c.network().params());
    }

    @Test
    void earlyStoppingStopsWhenValidationStallsAndTheBudgetStopsEarly() {
        SequenceDataset data = firstStepSign(32, 3);
        ModelSpec spec = ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4));
        TrainedModel stalled = Trainer.train(spec, TrainingConfig.defaults().withEpochs(50).withEarlyStopping(2, 1.0), data);
        assertThat(stalled.history()).hasSize(3); // epoch 1 is best; 2 epochs without a gain of 1.0 stop it
        TrainedModel budget = Trainer.train(spec, TrainingConfig.defaults().withEpochs(50).withTimeBudgetSeconds(1e-9), data);
        assertThat(budget.history()).hasSize(1);
    }

    @Test
    void divergenceStopsAtTheFirstNonFiniteLoss() {
        SequenceDataset clean = firstStepSign(64, 4);
        List<Sequence> train = new ArrayList<>(clean.split(Split.TRAIN).examples());
        float[][] poisoned = {{0f, 0f}, {0f, 0f}, {0f, 0f}};
        train.set(10, new Sequence(poisoned, 1));
        SequenceDataset data = new InMemorySequenceDataset("poisoned", clean.input(), clean.labelNames(), new SequenceSet(train),
                clean.split(Split.VALIDATION), clean.split(Split.TEST), clean.provenance());
        poisoned[0][0] = Float.NaN; // after the dataset's checks, which refuse a NaN (InMemorySequenceDatasetTest)
        ModelSpec spec = ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(4));
        // the standardiser fitted on NaN data is NaN too: every step of the first epoch is poisoned
        assertThatThrownBy(() -> Trainer.train(spec, TrainingConfig.defaults().withEpochs(3).withBatchSize(8), data))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("training diverged at epoch 1, iteration 1: loss is NaN")
                .hasMessageContaining("gradient clipping")
                .satisfies(e -> assertThat(((TrainingDivergedException) e).epoch()).isEqualTo(1));
    }

    @Test
    void theTrainedModelCarriesTheProvenanceOfItsRun(@TempDir Path dir) throws Exception {
        SequenceDataset data = firstStepSign(16, 6);
        ModelSpec spec = ModelSpec.of(CellType.RNN).withHiddenSizes(List.of(3)).withSeed(11);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withSeed(12);
        Provenance captured = Trainer.train(spec, config, data).provenance();
        assertThat(captured.dataset()).isEqualTo(data.name());
        assertThat(captured.datasetChecksum()).isEqualTo(data.provenance().checksum());
        assertThat(captured.seeds()).containsExactly(11L, 12L);
        assertThat(captured.commandLine()).isEmpty();
        assertThat(captured.rnnlabVersion()).isNotBlank();

        Provenance given = Trainer.provenance(spec, config, data, List.of("rnnlab", "train"));
        assertThat(Trainer.train(spec, config, data, Trainer.Options.none().withProvenance(given)).provenance()).isSameAs(given);
        AtomicBoolean stop = new AtomicBoolean(true);
        assertThatThrownBy(() -> Trainer.train(spec, config, data, new Trainer.Options(null, dir, stop)))
                .isInstanceOf(TrainingInterruptedException.class);
        Provenance resumed = Trainer.resume(dir, data, Trainer.Options.none()).provenance();
        assertThat(resumed.seeds()).containsExactly(11L, 12L);
        assertThat(resumed.datasetChecksum()).isEqualTo(data.provenance().checksum());
    }

    @Test
    void configValidationNamesTheField() {
        assertThatThrownBy(() -> TrainingConfig.defaults().withEpochs(0)).hasMessageContaining("TrainingConfig.epochs must be in [1, 100000], got 0");
        assertThatThrownBy(() -> TrainingConfig.defaults().withTimeBudgetSeconds(-1)).hasMessageContaining("timeBudgetSeconds must be >= 0");
    }

    @Test
    void nullArgumentsAreNamed() {
        SequenceDataset data = firstStepSign(8, 5);
        assertThatThrownBy(() -> Trainer.train(null, TrainingConfig.defaults(), data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Trainer.train: 'spec' is null");
        assertThatThrownBy(() -> Trainer.train(ModelSpec.of(CellType.GRU), TrainingConfig.defaults(),
                (SequenceDataset) null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Trainer.train: 'data' is null");
    }
}
