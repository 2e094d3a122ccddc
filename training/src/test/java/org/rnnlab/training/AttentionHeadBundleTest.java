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
import org.rnnlab.core.layers.AttentionPooling;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * A model with the attention head, trained by the {@link Trainer} and saved as a {@link ModelBundle}, loads
 * (rebuilt from its card's spec) to the same configuration and parameters and predicts bit for bit the same,
 * on a padded minibatch and sequence by sequence.
 */
class AttentionHeadBundleTest {

    @ParameterizedTest(name = "{0} bidirectional={1}")
    @CsvSource({"GRU, true", "LSTM, false"})
    void aSavedAttentionModelLoadsAndPredictsTheSame(CellType cell, boolean bidirectional, @TempDir Path dir) throws Exception {
        SequenceDataset data = TrainerTest.firstStepSign(64, 9);
        ModelSpec spec = ModelSpec.of(cell).withBidirectional(bidirectional).withHiddenSizes(List.of(6))
                .withHead(SequenceHead.ATTENTION);
        TrainedModel trained = Trainer.train(spec, TrainingConfig.defaults().withEpochs(2), data);
        assertThat(trained.network().getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(AttentionPooling.class);
        Path file = dir.resolve("model.rnnlab");
        ModelBundle.save(trained.network(), trained.normalizer(), ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(1L)), 1, 9,
                Optional.empty()), file);

        SequenceClassifier loaded = ModelBundle.load(file);
        assertThat(loaded.card().spec().head()).isEqualTo(SequenceHead.ATTENTION);
        MultiLayerConfiguration trainedConf = trained.network().getLayerWiseConfigurations().clone();
        trainedConf.setIterationCount(0);
        trainedConf.setEpochCount(0);
        assertThat(loaded.network().getLayerWiseConfigurations()).isEqualTo(trainedConf);
        assertThat(loaded.network().params().toFloatVector()).containsExactly(trained.network().params().toFloatVector());

        var it = data.iterator(Split.TEST, 1000, 0);
        trained.normalizer().ifPresent(it::setPreProcessor);
        var ds = it.next();
        double[][] expected = trained.network().output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null).toDoubleMatrix();
        double[][] got = loaded.network().output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null).toDoubleMatrix();
        assertThat(got).isDeepEqualTo(expected);

        List<float[][]> sequences = data.split(Split.TEST).examples().stream().map(Sequence::values).toList();
        SequenceClassifier inMemory = new SequenceClassifier(trained.network(), trained.normalizer().orElseThrow(), loaded.card());
        List<SequenceClassifier.Prediction> predictions = loaded.predict(sequences);
        List<SequenceClassifier.Prediction> reference = inMemory.predict(sequences);
        for (int i = 0; i < predictions.size(); i++) {
            assertThat(predictions.get(i).probabilities()).as("sequence %d", i).containsExactly(reference.get(i).probabilities());
        }
    }
}
