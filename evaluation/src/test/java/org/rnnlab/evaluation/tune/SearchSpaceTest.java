package org.rnnlab.evaluation.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.SequenceHead;
import org.deeplearning4j.nn.conf.GradientNormalization;

class SearchSpaceTest {

    @Test
    void aFileReplacesOnlyTheFieldsItGives(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("space.json"), "{\"learningRate\": {\"min\": 0.001, \"max\": 0.004}, \"hidden\": [16], "
                + "\"head\": [\"attention\"]}");
        SearchSpace s = SearchSpace.read(f);
        assertThat(s.learningRate()).isEqualTo(new SearchSpace.Range(0.001, 0.004));
        assertThat(s.hidden()).containsExactly(16);
        assertThat(s.head()).containsExactly("attention");
        assertThat(s.layers()).isEqualTo(SearchSpace.defaults().layers());
        assertThat(s.clip()).isEqualTo(SearchSpace.defaults().clip());
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            Trial t = s.sample(i, random);
            assertThat(t.learningRate()).isBetween(0.001, 0.004);
            assertThat(t.hidden()).isEqualTo(16);
            assertThat(t.residual()).as("residual only with 2+ layers").isEqualTo(t.residual() && t.layers() >= 2);
        }
    }

    @Test
    void plainGradientStepsGetTheirOwnRateRangeUnlessTheFileGivesOne(@TempDir Path dir) throws Exception {
        SearchSpace.Range sgd = SearchSpace.PLAIN_GRADIENT_LEARNING_RATE;
        Path without = Files.writeString(dir.resolve("a.json"), "{\"hidden\": [16]}");
        assertThat(SearchSpace.read(without, sgd).learningRate()).isEqualTo(new SearchSpace.Range(0.01, 1.0));
        assertThat(SearchSpace.read(without, sgd).hidden()).containsExactly(16);
        assertThat(SearchSpace.read(without).learningRate()).isEqualTo(SearchSpace.defaults().learningRate());
        Path with = Files.writeString(dir.resolve("b.json"), "{\"learningRate\": {\"min\": 0.2, \"max\": 0.3}}");
        assertThat(SearchSpace.read(with, sgd).learningRate()).isEqualTo(new SearchSpace.Range(0.2, 0.3));
        assertThat(SearchSpace.defaults().withLearningRate(sgd).hidden()).isEqualTo(SearchSpace.defaults().hidden());
    }

    @Test
    void badFilesAreErrorsThatNameTheFileAndTheField(@TempDir Path dir) throws Exception {
        Path unknown = Files.writeString(dir.resolve("u.json"), "{\"hiden\": [16]}");
        assertThatThrownBy(() -> SearchSpace.read(unknown)).hasMessageContaining("u.json").hasMessageContaining("hiden");
        Path badLr = Files.writeString(dir.resolve("lr.json"), "{\"learningRate\": {\"min\": 0.1, \"max\": 0.01}}");
        assertThatThrownBy(() -> SearchSpace.read(badLr)).hasMessageContaining("lr.json").hasMessageContaining("0 < min <= max");
        // a trial's try: a bare number for a fixed rate gave Jackson's "Cannot construct instance of SearchSpace$Range"
        Path bareLr = Files.writeString(dir.resolve("lr0.json"), "{\"learningRate\": 0.01, \"hidden\": [16]}");
        assertThatThrownBy(() -> SearchSpace.read(bareLr)).hasMessageContaining("lr0.json")
                .hasMessageContaining("learningRate must be an object {\"min\": ..., \"max\": ...} (a fixed rate: min = max, "
                        + "e.g. {\"min\": 0.01, \"max\": 0.01}), got 0.01").hasMessageNotContaining("Cannot construct");
        Path empty = Files.writeString(dir.resolve("e.json"), "{\"layers\": []}");
        assertThatThrownBy(() -> SearchSpace.read(empty)).hasMessageContaining("layers must list at least one value");
        Path clip = Files.writeString(dir.resolve("c.json"), "{\"clip\": [\"l3:1\"]}");
        assertThatThrownBy(() -> SearchSpace.read(clip)).hasMessageContaining("clip value 'l3:1'");
        Path notJson = Files.writeString(dir.resolve("n.json"), "hidden: 16");
        assertThatThrownBy(() -> SearchSpace.read(notJson)).hasMessageContaining("n.json").hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> SearchSpace.read(dir.resolve("missing.json"))).hasMessageContaining("missing.json does not exist");
        assertThatThrownBy(() -> new SearchSpace(null, List.of(0), null, null, null, null, null))
                .hasMessageContaining("hidden values must be in [1, 4096], got 0");
        assertThatThrownBy(() -> new SearchSpace(null, null, null, List.of(1.0), null, null, null))
                .hasMessageContaining("dropout values must be in [0, 1), got 1.0");
        // residual asked for where no trial stacks layers would be dropped from every trial unsaid
        Path residual = Files.writeString(dir.resolve("r.json"), "{\"layers\": [1], \"residual\": [true]}");
        assertThatThrownBy(() -> SearchSpace.read(residual)).hasMessageContaining("r.json")
                .hasMessageContaining("residual [true] applies to 2 or more stacked layers, and every layers value is 1");
        Path defaultResidual = Files.writeString(dir.resolve("r1.json"), "{\"layers\": [1]}");
        assertThat(SearchSpace.read(defaultResidual).layers()).containsExactly(1); // the default residual list, with true
        Path stacked = Files.writeString(dir.resolve("r2.json"), "{\"layers\": [1, 2], \"residual\": [true]}");
        assertThat(SearchSpace.read(stacked).residual()).containsExactly(true);
    }

    @Test
    void samplingIsSeededAndLogUniform() {
        SearchSpace s = SearchSpace.defaults();
        TuningConfig config = new TuningConfig(50, 3, 0, 7, s);
        assertThat(Tuner.trials(config)).isEqualTo(Tuner.trials(new TuningConfig(50, 3, 0, 7, s)));
        assertThat(Tuner.trials(config)).isNotEqualTo(Tuner.trials(new TuningConfig(50, 3, 0, 8, s)));
        // log-uniform on [3e-4, 3e-2]: half the draws below the geometric midpoint 3e-3
        Random random = new Random(3);
        int below = 0;
        for (int i = 0; i < 4000; i++) {
            if (s.sample(i, random).learningRate() < 3e-3) {
                below++;
            }
        }
        assertThat(below).isBetween(1850, 2150);
    }

    @Test
    void aFiniteSpaceDrawsDistinctCombinationsWithoutReplacementAndRecordsAFixedRateExactly(@TempDir Path dir) throws Exception {
        // the user's space: --tune 4 gave 16x1 twice and never 16x2, and 0.010000000000000004 for a rate of 0.01
        Path f = Files.writeString(dir.resolve("space.json"), "{\"learningRate\":{\"min\":0.01,\"max\":0.01},\"hidden\":[16,32],"
                + "\"layers\":[1,2],\"dropout\":[0.2],\"clip\":[\"none\"],\"head\":[\"last\"],\"residual\":[false]}");
        SearchSpace s = SearchSpace.read(f);
        assertThat(s.finite()).isTrue();
        assertThat(s.combinations()).hasSize(4);
        for (long seed = 0; seed < 20; seed++) {
            List<Trial> trials = Tuner.trials(new TuningConfig(4, 3, 0, seed, s));
            assertThat(trials).extracting(t -> t.hidden() + "x" + t.layers()).as("seed " + seed)
                    .containsExactlyInAnyOrder("16x1", "16x2", "32x1", "32x2");
            assertThat(trials).extracting(Trial::index).containsExactly(0, 1, 2, 3);
            assertThat(trials).allSatisfy(t -> assertThat(t.learningRate()).isEqualTo(0.01));
        }
        assertThat(Tuner.trials(new TuningConfig(3, 3, 0, 5, s))).doesNotHaveDuplicates()
                .isEqualTo(Tuner.trials(new TuningConfig(3, 3, 0, 5, s)));
        assertThat(s.sample(0, new Random(1)).learningRate()).isEqualTo(0.01);
        assertThatThrownBy(() -> Tuner.trials(new TuningConfig(5, 3, 0, 0, s))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the search space holds 4 distinct trials (a fixed learning rate, 0.01, and lists: hidden "
                        + "[16, 32], layers [1, 2],").hasMessageContaining("fewer than the 5 asked for: give --tune 4 or fewer");
        // residual with one layer builds the same trial as without, and a value listed twice is one value
        SearchSpace twice = new SearchSpace(new SearchSpace.Range(0.01, 0.01), List.of(8, 8), List.of(1), List.of(0.0),
                List.of("none"), List.of("last"), List.of(false, true));
        assertThat(twice.combinations()).hasSize(1);
        // a range keeps drawing each field independently, as before
        assertThat(SearchSpace.defaults().finite()).isFalse();
        Random a = new Random(9);
        Random b = new Random(9);
        assertThat(SearchSpace.defaults().trials(3, a)).isEqualTo(List.of(SearchSpace.defaults().sample(0, b),
                SearchSpace.defaults().sample(1, b), SearchSpace.defaults().sample(2, b)));
    }

    @Test
    void aTrialSetsItsHyperparametersOnTheBase() {
        Trial t = new Trial(3, 0.004, 48, 2, 0.2, "l2:1.0", "mean", true);
        ModelSpec spec = t.apply(ModelSpec.of(CellType.GRU).withBidirectional(true));
        assertThat(spec.cell()).isEqualTo(CellType.GRU);
        assertThat(spec.bidirectional()).isTrue();
        assertThat(spec.learningRate()).isEqualTo(0.004);
        assertThat(spec.hiddenSizes()).containsExactly(48, 48);
        assertThat(spec.dropout()).isEqualTo(0.2);
        assertThat(spec.head()).isEqualTo(SequenceHead.MEAN);
        assertThat(spec.residual()).isTrue();
        assertThat(spec.gradientNormalization()).isEqualTo(GradientNormalization.ClipL2PerLayer);
        assertThat(t.describe()).isEqualTo("lr 0.00400, 2 x 48, dropout 0.20, clip l2:1.0, head mean, residual");
    }

    @Test
    void rungsOfSuccessiveHalving() {
        assertThat(SuccessiveHalving.rungs(9, 3, 9)).containsExactly(new SuccessiveHalving.Rung(0, 9, 1),
                new SuccessiveHalving.Rung(1, 3, 3), new SuccessiveHalving.Rung(2, 1, 9));
        assertThat(SuccessiveHalving.rungs(6, 3, 6)).containsExactly(new SuccessiveHalving.Rung(0, 6, 2),
                new SuccessiveHalving.Rung(1, 2, 6));
        // the epochs limit the rungs: 27 trials but only 4 epochs
        assertThat(SuccessiveHalving.rungs(27, 3, 4)).containsExactly(new SuccessiveHalving.Rung(0, 27, 1),
                new SuccessiveHalving.Rung(1, 9, 4));
        assertThat(SuccessiveHalving.rungs(1, 3, 5)).containsExactly(new SuccessiveHalving.Rung(0, 1, 5));
        assertThat(SuccessiveHalving.rungs(16, 2, 40)).extracting(SuccessiveHalving.Rung::trials).containsExactly(16, 8, 4, 2, 1);
        assertThat(SuccessiveHalving.rungs(16, 2, 40)).extracting(SuccessiveHalving.Rung::epochs).containsExactly(3, 5, 10, 20, 40);
        assertThatThrownBy(() -> SuccessiveHalving.rungs(0, 3, 5)).hasMessageContaining("trials >= 1");
        assertThatThrownBy(() -> new TuningConfig(5, 1, 0, 1, null)).hasMessageContaining("eta must be in [2, 10]");
    }
}
