package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * One training value of 1e30: its square overflows float, and the standardiser ND4J fits in float had an
 * infinite standard deviation, so the feature was 0 for every sequence and the saved model was refused as
 * damaged when read back.
 */
class HugeFeatureValueTest {

    @Test
    void aModelTrainedWithA1e30ValueKeepsTheFeatureAndReadsBack(@TempDir Path dir) throws Exception {
        SequenceDataset data = TrainerTest.firstStepSign(32, 4);
        data.split(Split.TRAIN).get(0).values()[1][0] = 1e30f;
        TrainedModel trained = Trainer.train(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1), data);
        NormalizerStandardize n = trained.normalizer().orElseThrow();
        assertThat(Arrays.stream(n.getStd().toDoubleVector()).allMatch(Double::isFinite)).isTrue();

        Path file = dir.resolve("model.rnnlab");
        ModelCard card = ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(4L)), 3, 6, Optional.empty());
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);
        SequenceClassifier loaded = ModelBundle.load(file); // an infinite std was refused here: "... a damaged file"
        assertThat(loaded.normalizer().getStd().toFloatVector()).containsExactly(n.getStd().toFloatVector());

        // the feature still reaches the network: a value on the scale of the training values changes the prediction
        float[][] small = {{0f, 0f}, {0f, 0.5f}, {0f, -0.5f}};
        float[][] large = {{1e30f, 0f}, {0f, 0.5f}, {0f, -0.5f}};
        assertThat(loaded.predict(large).probabilities()).isNotEqualTo(loaded.predict(small).probabilities());
    }

    @Test
    void valuesThatOverflowTheNetworkAreRefusedNotAnsweredWithNaN(@TempDir Path dir) throws Exception {
        // a user's 3e38 (within the float range) came back as the first label with NaN probabilities
        SequenceDataset data = TrainerTest.firstStepSign(32, 4);
        TrainedModel trained = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(16)),
                TrainingConfig.defaults().withEpochs(1), data);
        Path file = dir.resolve("model.rnnlab");
        ModelCard card = ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(4L)), 3, 6, Optional.empty());
        ModelBundle.save(trained.network(), trained.normalizer(), card, file);
        SequenceClassifier loaded = ModelBundle.load(file);
        float[][] fine = {{0.5f, -0.5f}, {0.1f, 0.2f}};
        float[][] huge = {{3e38f, 3e38f}, {3e38f, 3e38f}};
        assertThatThrownBy(() -> loaded.predict(List.of(fine, huge)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence 1: the model's output is not a number")
                .hasMessageContaining("after standardisation");
        assertThat(java.util.Arrays.stream(loaded.predict(fine).probabilities()).allMatch(p -> p >= 0 && p <= 1)).isTrue();
        // a part of a longer input (rnnlab predict classifies large inputs part by part): the sequence is named by its place
        // in the whole input, and the part's answers are those of the whole
        assertThatThrownBy(() -> loaded.predictUnwarned(List.of(fine, huge), 4096))
                .hasMessageContaining("sequence 4097: the model's output is not a number");
        List<float[][]> all = List.of(fine, new float[][] {{0.2f, 0.1f}}, new float[][] {{-0.3f, 0.4f}, {0.1f, 0.1f}, {0f, 1f}}, fine);
        List<SequenceClassifier.Prediction> whole = loaded.predictUnwarned(all);
        List<SequenceClassifier.Prediction> parts = new java.util.ArrayList<>(loaded.predictUnwarned(all.subList(0, 2), 0));
        parts.addAll(loaded.predictUnwarned(all.subList(2, 4), 2));
        for (int i = 0; i < all.size(); i++) {
            assertThat(parts.get(i).label()).isEqualTo(whole.get(i).label());
            assertThat(parts.get(i).probabilities()).containsExactly(whole.get(i).probabilities(), org.assertj.core.data.Offset.offset(1e-6));
        }
    }
}
