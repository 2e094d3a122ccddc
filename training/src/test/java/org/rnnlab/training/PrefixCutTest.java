package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** {@code --augment prefix=R}: training sequences cut to random prefixes by their masks. */
class PrefixCutTest {

    /** 64 sequences of 2 features over 10 steps, value = 1 + step; sequence i has 10 - (i % 4) valid steps (padded after). */
    private static DataSet batch(boolean masked) {
        int b = 64;
        int t = 10;
        float[] x = new float[b * 2 * t];
        float[] m = new float[b * t];
        for (int i = 0; i < b; i++) {
            int valid = masked ? t - i % 4 : t;
            for (int s = 0; s < t; s++) {
                m[i * t + s] = s < valid ? 1 : 0;
                for (int c = 0; c < 2; c++) {
                    x[(i * 2 + c) * t + s] = s < valid ? 1 + s : 0;
                }
            }
        }
        INDArray labels = Nd4j.zeros(DataType.FLOAT, b, 2);
        return new DataSet(Nd4j.create(x, new long[] {b, 2, t}, 'c'), labels,
                masked ? Nd4j.create(m, new long[] {b, t}, 'c') : null, null);
    }

    private static int[] validSteps(DataSet d) {
        INDArray mask = d.getFeaturesMaskArray();
        int b = (int) d.getFeatures().size(0);
        int[] out = new int[b];
        for (int i = 0; i < b; i++) {
            out[i] = mask.getRow(i).sumNumber().intValue();
        }
        return out;
    }

    @Test
    void eachSequenceKeepsAPrefixOfAtLeastTheShareAndTheStepsAfterItBecomePadding() {
        for (boolean masked : new boolean[] {false, true}) {
            DataSet d = batch(masked);
            Augmenter.apply(Augmentation.none().withPrefix(0.3), d, 7, 1, 0);
            int[] kept = validSteps(d);
            Set<Integer> lengths = new HashSet<>();
            for (int i = 0; i < kept.length; i++) {
                int valid = masked ? 10 - i % 4 : 10;
                assertThat(kept[i]).as("sequence %d of %d valid steps", i, valid).isBetween((int) Math.ceil(0.3 * valid), valid);
                lengths.add(kept[i]);
                for (int s = 0; s < 10; s++) {
                    float want = s < kept[i] ? 1 + s : 0;
                    assertThat(d.getFeatures().getFloat(i, 1, s)).as("sequence %d step %d", i, s).isEqualTo(want);
                    assertThat(d.getFeaturesMaskArray().getFloat(i, s)).isEqualTo(s < kept[i] ? 1f : 0f);
                }
            }
            assertThat(lengths).as("random lengths, not one cut").hasSizeGreaterThan(4);
        }
    }

    @Test
    void theCutIsSeededByTheMinibatchAndLeavesTheOtherTransformsNumbersAsTheyWere() {
        DataSet a = batch(true);
        DataSet b = batch(true);
        DataSet c = batch(true);
        Augmenter.apply(Augmentation.none().withPrefix(0.5), a, 3, 2, 5);
        Augmenter.apply(Augmentation.none().withPrefix(0.5), b, 3, 2, 5);
        Augmenter.apply(Augmentation.none().withPrefix(0.5), c, 3, 2, 6);
        assertThat(validSteps(a)).containsExactly(validSteps(b));
        assertThat(validSteps(a)).isNotEqualTo(validSteps(c));
        // jitter draws the same numbers with and without the cut: on the kept steps the values agree
        DataSet jittered = batch(true);
        DataSet both = batch(true);
        Augmenter.apply(Augmentation.none().withJitter(0.5), jittered, 3, 2, 5);
        Augmenter.apply(Augmentation.none().withJitter(0.5).withPrefix(0.5), both, 3, 2, 5);
        int[] kept = validSteps(both);
        for (int i = 0; i < kept.length; i++) {
            for (int s = 0; s < kept[i]; s++) {
                assertThat(both.getFeatures().getFloat(i, 0, s)).isEqualTo(jittered.getFeatures().getFloat(i, 0, s));
            }
        }
    }

    @Test
    void parsedWrittenAndReadBackAndOldConfigsHaveItOff() throws Exception {
        Augmentation a = Augmentation.parse("prefix=0.2,jitter=0.01");
        assertThat(a.prefix()).isEqualTo(0.2);
        assertThat(a.enabled()).isTrue();
        assertThat(Augmentation.parse(a.toString())).isEqualTo(a);
        assertThat(Augmentation.none().withPrefix(0.4).toString()).isEqualTo("prefix=0.4");
        assertThat(Augmentation.parse("prefix=1").enabled()).isFalse();
        assertThatThrownBy(() -> Augmentation.parse("prefix=0")).hasMessageContaining("prefix must be in (0, 1]");
        com.fasterxml.jackson.databind.ObjectMapper json = org.rnnlab.core.Json.mapper();
        assertThat(json.readValue(json.writeValueAsString(a), Augmentation.class)).isEqualTo(a);
        Augmentation old = json.readValue("{\"jitter\":0.0,\"scale\":0.1,\"magWarp\":0.0,\"timeWarp\":0.0,\"slice\":1.0,\"knots\":4}",
                Augmentation.class);
        assertThat(old).isEqualTo(Augmentation.none().withScale(0.1));
        assertThat(old.prefix()).isEqualTo(1.0);
    }

    @Test
    void aModelTrainedOnPrefixesCountsTheirLengthsAsTrained() {
        TrainingConfig training = TrainingConfig.defaults();
        ModelCard plain = card(training);
        ModelCard cut = card(training.withAugmentation(Augmentation.none().withPrefix(0.25)));
        // shortest training sequence 20 steps: 9 steps were under half of it, untested; prefixes down to 5 steps were trained on
        assertThat(TrainedLengths.of(plain).tooShort(9)).isTrue();
        assertThat(TrainedLengths.of(cut).minLength()).isEqualTo(5);
        assertThat(TrainedLengths.of(cut).tooShort(9)).isFalse();
        assertThat(TrainedLengths.of(cut).tooShort(2)).isTrue();
    }

    @Test
    void dl4jsBidirectionalLstmWhichReadsMaskedStepsIsRefused() {
        org.rnnlab.core.ModelSpec spec = org.rnnlab.core.ModelSpec.of(org.rnnlab.core.CellType.LSTM).withBidirectional(true)
                .withImplementation(org.rnnlab.core.Implementation.DL4J);
        TrainingConfig prefix = TrainingConfig.defaults().withAugmentation(Augmentation.none().withPrefix(0.5));
        org.rnnlab.datasets.SequenceDataset data = new org.rnnlab.datasets.InMemorySequenceDataset("d",
                org.rnnlab.datasets.InputDescription.dense(List.of("x"), 1), List.of("a", "b"),
                new org.rnnlab.datasets.SequenceSet(List.of(new org.rnnlab.datasets.Sequence(new float[][] {{1}}, 0))),
                new org.rnnlab.datasets.SequenceSet(List.of()), new org.rnnlab.datasets.SequenceSet(List.of()),
                new org.rnnlab.datasets.DatasetProvenance("d", "generated", Map.of(), List.of(), 1));
        assertThatThrownBy(() -> Trainer.requireAugmentableInput(spec, prefix, data)).hasMessageContaining("--impl dl4j");
        Trainer.requireAugmentableInput(spec.withImplementation(org.rnnlab.core.Implementation.RNNLAB), prefix, data);
        Trainer.requireAugmentableInput(spec, TrainingConfig.defaults(), data);
    }

    private static ModelCard card(TrainingConfig training) {
        return new ModelCard(ModelBundle.FORMAT_VERSION, org.rnnlab.core.ModelSpec.of(org.rnnlab.core.CellType.GRU), List.of("a", "b"),
                org.rnnlab.datasets.InputDescription.dense(List.of("x"), 40), 20, 40, training, 1, Map.of(), false, "csv", null, null, null);
    }
}
