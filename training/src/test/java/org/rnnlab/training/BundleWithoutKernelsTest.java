package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * A model saved where rnnlab's CPU kernels ran loads and predicts the same where they cannot run: the
 * kernels are switched off ({@code -Drnnlab.kernels=off}), as on a GPU backend, before loading.
 */
class BundleWithoutKernelsTest {

    @AfterEach
    void kernelsOn() {
        System.clearProperty(Nd4jRuntime.KERNELS_PROPERTY);
    }

    @ParameterizedTest(name = "{0} bidirectional={1}")
    @CsvSource({"LSTM, false", "GRU, false", "RNN, false", "GRU, true", "RNN, true"})
    void aSavedModelPredictsTheSameWithoutKernels(CellType cell, boolean bidirectional, @TempDir Path dir) throws Exception {
        SequenceDataset data = TrainerTest.firstStepSign(64, 9);
        ModelSpec spec = ModelSpec.of(cell).withBidirectional(bidirectional).withHiddenSizes(List.of(6))
                .withImplementation(Implementation.RNNLAB);
        TrainedModel trained = Trainer.train(spec, TrainingConfig.defaults().withEpochs(2), data);
        Path file = dir.resolve("model.rnnlab");
        ModelBundle.save(trained.network(), trained.normalizer(), ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(1L)), 1, 9,
                Optional.empty()), file);
        List<float[][]> sequences = data.split(Split.TEST).examples().stream().map(Sequence::values).toList();
        List<SequenceClassifier.Prediction> withKernels = ModelBundle.load(file).predict(sequences);

        System.setProperty(Nd4jRuntime.KERNELS_PROPERTY, "off");
        List<SequenceClassifier.Prediction> without = ModelBundle.load(file).predict(sequences);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(without.get(i).label()).isEqualTo(withKernels.get(i).label());
            for (int c = 0; c < 2; c++) {
                assertThat(Math.abs(without.get(i).probabilities()[c] - withKernels.get(i).probabilities()[c])).isLessThan(1e-5);
            }
        }
    }
}
