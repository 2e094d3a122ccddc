package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

class FeatureStandardizerTest {

    /** 40 sequences of 1..9 steps, 2 features: a ~ N(3, 2^2), b ~ N(-100, 0.5^2). */
    private static SequenceSet sequences(long seed) {
        Random r = new Random(seed);
        List<Sequence> list = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[][] v = new float[1 + r.nextInt(9)][2];
            for (float[] step : v) {
                step[0] = (float) (3 + 2 * r.nextGaussian());
                step[1] = (float) (-100 + 0.5 * r.nextGaussian());
            }
            list.add(new Sequence(v, i % 2));
        }
        return new SequenceSet(list);
    }

    private static SequenceDataset dataset(SequenceSet train) {
        return new InMemorySequenceDataset("t", InputDescription.dense(List.of("a", "b"), 9), List.of("x", "y"), train, train, train,
                new DatasetProvenance("t", "generated", Map.of(), List.of(), 1));
    }

    @Test
    void ordinaryDataGetWhatNd4jsFitGives() {
        SequenceDataset d = dataset(sequences(1));
        NormalizerStandardize nd4j = new NormalizerStandardize();
        nd4j.fit(d.iterator(Split.TRAIN, 7, 0)); // padded, masked minibatches: the masked steps are ignored
        NormalizerStandardize ours = d.fitNormalizer().orElseThrow();
        assertThat(ours.getMean().shape()).containsExactly(nd4j.getMean().shape());
        assertThat(ours.getMean().toFloatVector()).containsExactly(nd4j.getMean().toFloatVector(), Offset.offset(1e-4f));
        assertThat(ours.getStd().toFloatVector()).containsExactly(nd4j.getStd().toFloatVector(), Offset.offset(1e-4f));
    }

    @Test
    void aFeatureOfTinyScaleIsStandardisedByItsOwnDeviation() {
        // a user's feature in microvolts (deviation 1.4e-6): ND4J's constructor raised it, and the network saw about 0
        for (double scale : new double[] {1e-4, 1e-6, 1e-9, 1e-20}) {
            SequenceSet s = sequences(3);
            for (Sequence q : s.examples()) {
                for (float[] step : q.values()) {
                    step[0] = (float) (step[0] * scale);
                }
            }
            NormalizerStandardize n = dataset(s).fitNormalizer().orElseThrow();
            double mean = 0;
            long steps = 0;
            for (Sequence q : s.examples()) {
                for (float[] step : q.values()) {
                    mean += step[0];
                    steps++;
                }
            }
            mean /= steps;
            double squares = 0;
            for (Sequence q : s.examples()) {
                for (float[] step : q.values()) {
                    squares += (step[0] - mean) * (step[0] - mean);
                }
            }
            double std = Math.sqrt(squares / steps);
            assertThat((double) n.getStd().getFloat(0)).as("scale %s", scale).isCloseTo(std, Offset.offset(std * 1e-5));
            // standardised: unit deviation in the units the network sees
            org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.create(new float[] {(float) (mean + std), 0f},
                    new long[] {1, 2});
            n.transform(x);
            assertThat(x.getFloat(0)).as("scale %s", scale).isCloseTo(1f, Offset.offset(1e-3f));
        }
    }

    @Test
    void exactStandardisersOfTheSameStatisticsAreEqualAndAZeroDeviationIsRefused() {
        var mean = org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 2}, new long[] {1, 2});
        var std = org.nd4j.linalg.factory.Nd4j.create(new float[] {1e-6f, 3}, new long[] {1, 2});
        assertThat(new ExactStandardize(mean, std)).isEqualTo(new ExactStandardize(mean.dup(), std.dup()))
                .hasSameHashCodeAs(new ExactStandardize(mean.dup(), std.dup()));
        var zero = org.nd4j.linalg.factory.Nd4j.create(new float[] {0, 3}, new long[] {1, 2});
        assertThatThrownBy(() -> new ExactStandardize(mean, zero)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("standard deviation 0.0 of feature 1 of 2");
    }

    @Test
    void aDeviationBelowTheSmallestNormalFloatIsRefusedNamingTheFeature() {
        SequenceSet s = sequences(4);
        for (Sequence q : s.examples()) {
            for (float[] step : q.values()) {
                step[0] = (float) (step[0] * 1e-40);
            }
        }
        assertThatThrownBy(() -> dataset(s).fitNormalizer()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 'a' (input feature 1 of 2)").hasMessageContaining("below the smallest normal float");
    }

    @Test
    void oneValueOf1e30GivesAFiniteDeviationAndAStandardisedValueThatIsNotZero() {
        SequenceSet s = sequences(2);
        s.get(5).values()[0][0] = 1e30f;
        long steps = s.examples().stream().mapToLong(Sequence::length).sum();
        NormalizerStandardize n = dataset(s).fitNormalizer().orElseThrow();
        float mean = n.getMean().getFloat(0);
        float std = n.getStd().getFloat(0);
        assertThat(Float.isFinite(std)).as("std %s", std).isTrue();
        assertThat((double) std).isCloseTo(1e30 * Math.sqrt(steps - 1) / steps, Offset.offset(1e30 * 1e-4));
        assertThat((1e30f - mean) / std).isCloseTo((float) Math.sqrt(steps - 1), Offset.offset(1e-3f));
        assertThat(n.getStd().getFloat(1)).as("the other feature is unaffected").isCloseTo(0.5f, Offset.offset(0.1f));
    }

    @Test
    void aConstantFeatureIsIgnoredInNewDataTooAndValuesBeyondTheFloatRangeAreRefused() {
        SequenceSet s = sequences(3);
        s.examples().forEach(q -> {
            for (float[] step : q.values()) {
                step[1] = 7f;
            }
        });
        NormalizerStandardize n = dataset(s).fitNormalizer().orElseThrow();
        assertThat(n.getStd().getFloat(1)).isEqualTo(FeatureStandardizer.CONSTANT_STD);
        assertThat(FeatureStandardizer.isConstant(n.getStd().getFloat(1))).isTrue();
        assertThat(FeatureStandardizer.isConstant(n.getStd().getFloat(0))).isFalse();
        assertThat(n.getMean().getFloat(1)).isEqualTo(7f);
        // new data: the training value and any other standardise to (about) 0, where ND4J's rule for a zero deviation gave
        // x - mean (107 -> 100)
        for (float v : new float[] {7f, 107f, -3e30f, 3.4e38f}) {
            org.nd4j.linalg.dataset.DataSet ds = new org.nd4j.linalg.dataset.DataSet(
                    org.nd4j.linalg.factory.Nd4j.create(new float[] {0.5f, v}, new long[] {1, 2, 1}, org.nd4j.linalg.api.buffer.DataType.FLOAT),
                    org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 2, 1));
            n.preProcess(ds);
            float z = ds.getFeatures().getFloat(0, 1, 0);
            if (v == 7f) {
                assertThat(z).isZero();
            } else {
                assertThat(Math.abs(z)).as("value %s", v).isLessThan(v == 3.4e38f ? 1.01f : 1e-8f);
            }
        }

        s.examples().forEach(q -> q.values()[0][1] = -3.4e38f);
        s.get(0).values()[0][1] = 3.4e38f;
        assertThatThrownBy(() -> FeatureStandardizer.fit(s, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 'b' (input feature 2 of 2) of the training data: its values lie up to 4.12e+38 from their mean")
                .hasMessageContaining("beyond the float range");
    }

    @Test
    void aConstantFeatureAndOneDominatingValueAreNamed() {
        SequenceSet ordinary = sequences(2);
        assertThat(FeatureStandardizer.oddities(ordinary, List.of("a", "b"))).isEmpty();
        // one value of 1e30 in a, b constant
        List<Sequence> odd = new ArrayList<>();
        for (Sequence s : ordinary.examples()) {
            float[][] v = new float[s.length()][];
            for (int t = 0; t < v.length; t++) {
                v[t] = new float[] {s.values()[t][0], 5f};
            }
            odd.add(new Sequence(v, s.label()));
        }
        odd.get(3).values()[0][0] = 1e30f;
        List<String> said = FeatureStandardizer.oddities(new SequenceSet(odd), List.of("a", "b"));
        assertThat(said).hasSize(2);
        assertThat(said.get(0)).startsWith("feature 'a' (input feature 1 of 2): the training value 1.0E30 (once) lies")
                .contains("standard deviations of the other values (mean 3.").contains("so all its other values standardise into 1/")
                .contains("the model hardly tells them apart");
        // one far value among many: it widens the deviation little, and is not said to lose the feature (a trial's idle gap of
        // 334 s among 56k packets, 215 deviations out, was)
        List<Sequence> packets = new ArrayList<>();
        java.util.Random random = new java.util.Random(2);
        for (int i = 0; i < 400; i++) {
            float[][] v = new float[100][];
            for (int t = 0; t < v.length; t++) {
                v[t] = new float[] {(float) random.nextGaussian()};
            }
            packets.add(new Sequence(v, i % 2));
        }
        packets.get(7).values()[3][0] = 150f; // 150 deviations out, the deviation widened about 1.1 times
        assertThat(FeatureStandardizer.oddities(new SequenceSet(packets), List.of("iat"))).isEmpty();
        // a code for missing in 3% of the steps: more than a rare outlier, still named (a truck trial's -999 engine
        // temperatures were silent at 3%, named at 0.5%)
        List<Sequence> engines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            float[][] v = new float[100][];
            for (int t = 0; t < v.length; t++) {
                v[t] = new float[] {t % 33 == 5 ? -999f : 90 + 30 * (float) random.nextGaussian()};
            }
            engines.add(new Sequence(v, i % 2));
        }
        assertThat(FeatureStandardizer.oddities(new SequenceSet(engines), List.of("engine_temp"))).singleElement().asString()
                .contains("the training value -999.0 (300 times)").contains("--set naValues=-999");
        // a 16-bit register's error value in 4 of 20,000 steps: it widens the deviation little, and is named as the code it may
        // be (a trial's power meter's 65535 spikes were named nowhere, and a clean home was blamed for another unit instead)
        List<Sequence> meters = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float[][] v = new float[100][];
            for (int t = 0; t < v.length; t++) {
                v[t] = new float[] {i % 50 == 3 && t == 40 ? 65535f : 800 + 400 * (float) random.nextGaussian()};
            }
            meters.add(new Sequence(v, i % 2));
        }
        assertThat(FeatureStandardizer.oddities(new SequenceSet(meters), List.of("power_w"))).singleElement().asString()
                .contains("the training value 65535.0 (4 times) lies").contains("with no value near it")
                .contains("--set naValues=65535").doesNotContain("hardly tells them apart");
        // a sensor that saturates at its full scale reaches it through values near it: data, not named
        List<Sequence> saturating = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float[][] v = new float[100][];
            for (int t = 0; t < v.length; t++) {
                v[t] = new float[] {i % 50 == 3 && t >= 38 && t <= 42 ? 32767f - 900 * Math.abs(40 - t) : 800 + 400 * (float) random.nextGaussian()};
            }
            saturating.add(new Sequence(v, i % 2));
        }
        assertThat(FeatureStandardizer.oddities(new SequenceSet(saturating), List.of("acc_z"))).noneMatch(w -> w.contains("naValues"));
        assertThat(said.get(1)).startsWith("feature 'b' (input feature 2 of 2) has the value 5.0 at every training time step");
        // several constant features: one message naming them all (a one-hot-by-position file gave 19 lines)
        List<Sequence> flat = new ArrayList<>();
        for (Sequence s : ordinary.examples()) {
            float[][] v = new float[s.length()][];
            for (int t = 0; t < v.length; t++) {
                v[t] = new float[] {s.values()[t][0], 0f, 1f, 0f, 2f};
            }
            flat.add(new Sequence(v, s.label()));
        }
        assertThat(FeatureStandardizer.oddities(new SequenceSet(flat), List.of("a", "p1", "p2", "p3", "p4"))).singleElement()
                .isEqualTo("4 of the 5 features have one value at every training time step (as read, in 32-bit floats): 'p1' "
                        + "(0.0), 'p2' (1.0), 'p3' (0.0), 'p4' (2.0); they carry no information (the model sees 0 for them, also "
                        + "for other values in new data); leave them out with --set features=...");
        // a value 8 deviations out is an outlier the standardisation copes with: not named
        odd.get(3).values()[0][0] = 3 + 8 * 2;
        assertThat(FeatureStandardizer.oddities(new SequenceSet(odd), List.of("a", "b"))).hasSize(1);
        // a sentinel of -9999 among values near 3 (deviation 2) is
        odd.get(3).values()[0][0] = -9999;
        assertThat(FeatureStandardizer.oddities(new SequenceSet(odd), List.of("a", "b"))).anySatisfy(w -> assertThat(w)
                .contains("the training value -9999.0 (once) lies"));
        // a review's finds: a sentinel repeated at a few steps is named too; a rare level of a flag is not
        List<Sequence> many = new ArrayList<>();
        java.util.Random r = new java.util.Random(9);
        for (int i = 0; i < 400; i++) {
            float[][] v = new float[50][];
            for (int t = 0; t < 50; t++) {
                v[t] = new float[] {(float) (3 + 2 * r.nextGaussian()), i * 50 + t < 2 ? 1f : 0f};
            }
            many.add(new Sequence(v, i % 2));
        }
        for (int k = 0; k < 3; k++) {
            many.get(10 * k).values()[5][0] = -9999;
        }
        List<String> sparse = FeatureStandardizer.oddities(new SequenceSet(many), List.of("a", "flag"));
        assertThat(sparse).singleElement().satisfies(w -> assertThat(w).contains("feature 'a'").contains("-9999.0 (3 times)"));
    }

    /**
     * One code for a missing value far out in several features is one message naming them, with its cells counted (a wind
     * trial's -9999 in 10 SCADA columns gave 10 paragraphs in two wordings); in two features each keeps its own.
     */
    @Test
    void oneCodeInManyFeaturesIsOneMessage() {
        Random random = new Random(4);
        List<Sequence> scada = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            float[][] v = new float[100][];
            for (int t = 0; t < v.length; t++) {
                v[t] = new float[4];
                for (int f = 0; f < 4; f++) {
                    v[t][f] = (i + t + f) % 40 == 7 ? -9999f : 50 + 10 * f + 5 * (float) random.nextGaussian();
                }
            }
            scada.add(new Sequence(v, i % 2));
        }
        List<String> names = List.of("power_kw", "rotor_rpm", "gearbox_oil_temp_c", "wind_speed_ms");
        long[] cells = new long[4];
        for (Sequence sq : scada) {
            for (float[] step : sq.values()) {
                for (int f = 0; f < 4; f++) {
                    cells[f] += step[f] == -9999f ? 1 : 0;
                }
            }
        }
        List<String> said = FeatureStandardizer.oddities(new SequenceSet(scada), names);
        assertThat(said).singleElement().asString().contains("the training value -9999.0")
                .contains("of 4 features (" + java.util.Arrays.stream(cells).sum() + " cells in all): 'power_kw', 'rotor_rpm', 'gearbox_oil_temp_c', 'wind_speed_ms'")
                .contains("--set naValues=-9999");
        List<Sequence> pair = new ArrayList<>();
        for (Sequence sq : scada) {
            float[][] v = new float[sq.values().length][];
            for (int t = 0; t < v.length; t++) {
                v[t] = new float[] {sq.values()[t][0], sq.values()[t][1]};
            }
            pair.add(new Sequence(v, sq.label()));
        }
        List<String> two = FeatureStandardizer.oddities(new SequenceSet(pair), names.subList(0, 2));
        assertThat(two).hasSize(2);
        assertThat(two.get(0)).contains("feature 'power_kw'").contains("-9999.0 (" + cells[0] + " times)");
        assertThat(two.get(1)).contains("feature 'rotor_rpm'");
    }

    /**
     * A dropout of every sensor logged as -9999 in just 2 steps (trial 68e): one message for the 3 features, naming
     * naValues; in one feature alone, its message names naValues too.
     */
    @Test
    void aRareCodeInThreeFeaturesIsOneMessageAndEveryCodeMessageNamesNaValues() {
        Random random = new Random(6);
        List<Sequence> pumps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[][] v = new float[30][];
            for (int t = 0; t < v.length; t++) {
                v[t] = new float[3];
                for (int f = 0; f < 3; f++) {
                    v[t][f] = i == 5 && t < 2 ? -9999f : 10 + f + (float) random.nextGaussian();
                }
            }
            pumps.add(new Sequence(v, i % 2));
        }
        List<String> names = List.of("pressure_bar", "current_a", "vibration_mm_s");
        assertThat(FeatureStandardizer.oddities(new SequenceSet(pumps), names)).singleElement().asString()
                .contains("the training value -9999.0").contains("of 3 features (6 cells in all)")
                .contains("--set naValues=-9999");
        List<Sequence> one = new ArrayList<>();
        for (Sequence sq : pumps) {
            float[][] v = new float[sq.values().length][];
            for (int t = 0; t < v.length; t++) {
                v[t] = new float[] {sq.values()[t][0]};
            }
            one.add(new Sequence(v, sq.label()));
        }
        assertThat(FeatureStandardizer.oddities(new SequenceSet(one), names.subList(0, 1))).singleElement().asString()
                .contains("-9999.0 (2 times)").contains("--set naValues=-9999");
    }
}
