package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * A trained residual stack ({@code ModelSpec.residual}, with a skip projection where the widths change) survives
 * the model bundle: rebuilt from the card's spec by {@code NetworkFactory}, parameters set, the same
 * configuration and the same predictions, bit for bit.
 */
class ResidualBundleTest {

    @ParameterizedTest(name = "{0} bi={1} {2}")
    @CsvSource({"LSTM, false, LAST", "GRU, true, MEAN", "RNN, true, LAST"})
    void aTrainedResidualModelRoundTripsThroughTheBundle(CellType cell, boolean bidirectional, SequenceHead head,
                                                         @TempDir Path dir) throws Exception {
        SequenceDataset data = TrainerTest.firstStepSign(48, 9);
        ModelSpec spec = ModelSpec.of(cell).withBidirectional(bidirectional).withHiddenSizes(List.of(6, 6, 4))
                .withHead(head).withResidual(true);
        TrainedModel trained = Trainer.train(spec, TrainingConfig.defaults().withEpochs(2).withBatchSize(16), data);
        assertThat(trained.network().paramTable()).containsKey("2_P").doesNotContainKey("1_P");

        Path file = dir.resolve("model.rnnlab");
        ModelCard card = ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(42L)), 3, 6, Optional.empty());
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);
        SequenceClassifier loaded = ModelBundle.load(file);

        assertThat(loaded.card().spec()).isEqualTo(spec);
        MultiLayerConfiguration trainedConf = trained.network().getLayerWiseConfigurations().clone();
        trainedConf.setIterationCount(0);
        trainedConf.setEpochCount(0);
        assertThat(loaded.network().getLayerWiseConfigurations()).isEqualTo(trainedConf);
        assertThat(loaded.network().params().toFloatVector()).containsExactly(trained.network().params().toFloatVector());

        List<float[][]> sequences = data.split(Split.TEST).examples().stream().map(Sequence::values).toList();
        SequenceClassifier inMemory = new SequenceClassifier(trained.network(), trained.normalizer().orElseThrow(), loaded.card());
        List<SequenceClassifier.Prediction> got = loaded.predict(sequences);
        List<SequenceClassifier.Prediction> expected = inMemory.predict(sequences);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).probabilities()).as("sequence %d", i).containsExactly(expected.get(i).probabilities());
        }
    }
}
