package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceBatchIterator;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * DL4J's own bidirectional LSTM ({@code --impl dl4j}) reads padded steps wrongly, so in a padded minibatch a sequence's
 * prediction depended on the sequences beside it (a user's model gave one label alone and another in its test file, and
 * {@code serve} answered by what else a request held). Such a model is fed minibatches of one length.
 */
class PaddingDependentModelTest {

    @Test
    void onlyDl4jsBidirectionalLstmNeedsEqualLengthBatches() {
        ModelSpec lstm = ModelSpec.of(CellType.LSTM);
        assertThat(lstm.withBidirectional(true).withImplementation(Implementation.DL4J).needsEqualLengthBatches()).isTrue();
        assertThat(lstm.withBidirectional(true).needsEqualLengthBatches()).as("rnnlab's pads exactly").isFalse();
        assertThat(lstm.withImplementation(Implementation.DL4J).needsEqualLengthBatches()).isFalse();
        assertThat(ModelSpec.of(CellType.RNN).withBidirectional(true).withImplementation(Implementation.DL4J).needsEqualLengthBatches())
                .isFalse();
    }

    @Test
    void minibatchesOfOneLengthKeepEveryIndexOnce() {
        List<Sequence> s = new ArrayList<>();
        for (int len : new int[] {5, 3, 5, 4, 3, 5}) {
            s.add(new Sequence(new float[len][1], 0));
        }
        assertThat(SequenceBatchIterator.minibatches(s, 2, true)).containsExactly(List.of(1, 4), List.of(3), List.of(0, 2), List.of(5));
        assertThat(SequenceBatchIterator.minibatches(s, 4, false)).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5));
    }

    @Test
    void aDl4jBidirectionalLstmPredictsASequenceAloneAsInAMixedBatch(@TempDir Path dir) throws Exception {
        SequenceDataset data = TrainerTest.firstStepSign(48, 5);
        ModelSpec spec = ModelSpec.of(CellType.LSTM).withBidirectional(true).withImplementation(Implementation.DL4J)
                .withHiddenSizes(List.of(6)).withHead(SequenceHead.MEAN);
        TrainedModel trained = Trainer.train(spec, TrainingConfig.defaults().withEpochs(2), data);
        Path file = dir.resolve("model.rnnlab");
        ModelBundle.save(trained.network(), trained.normalizer(), ModelBundle.card(trained, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(1L)), 1, 9,
                Optional.empty()), file);
        SequenceClassifier model = ModelBundle.load(file);
        // test sequences cut to lengths 3..9, so that a minibatch of them is padded
        List<float[][]> sequences = new ArrayList<>();
        List<Sequence> test = data.split(Split.TEST).examples();
        for (int i = 0; i < 20; i++) {
            float[][] v = test.get(i).values();
            sequences.add(Arrays.copyOf(v, Math.min(v.length, 3 + i % 7)));
        }
        List<SequenceClassifier.Prediction> together = model.predict(sequences);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(together.get(i).probabilities()).as("sequence %d of %d steps", i, sequences.get(i).length)
                    .containsExactly(model.predict(sequences.get(i)).probabilities());
        }
    }
}
