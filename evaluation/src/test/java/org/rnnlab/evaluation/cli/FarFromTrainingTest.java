package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.NewData;

/**
 * {@code predict} and {@code evaluate} warn of features whose new values lie far outside the training data (a trial's
 * pressures in kPa for a model trained in bar were all classed alike, without a word), and stay silent on data like the
 * training data, on a rare outlier, and on a feature constant in training (another warning's concern).
 */
class FarFromTrainingTest {

    private static NewData data(float[][]... sequences) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sequences.length; i++) {
            ids.add("s" + i);
        }
        return new NewData(ids, List.of(sequences), Collections.nCopies(sequences.length, null), List.of(), "new.csv",
                Collections.nCopies(sequences.length, "new.csv:2"), List.of(), List.of());
    }

    private static String warnings(NewData data) {
        StringWriter out = new StringWriter();
        // training: pressure mean 10, sd 1; temperature mean 20, sd 2; a flag constant in training (stored as CONSTANT_STD)
        ModelData.warnFarFromTraining(data, new float[] {10, 20, 1}, new float[] {1, 2, org.rnnlab.datasets.FeatureStandardizer.CONSTANT_STD}, List.of("pressure", "temperature", "flag"),
                new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void otherUnitsAreWarnedOfAndOrdinaryDataAreNot() {
        float[][] kpa = new float[100][];
        float[][] bar = new float[100][];
        for (int t = 0; t < 100; t++) {
            float p = 10 + (float) Math.sin(t);
            kpa[t] = new float[] {100 * p, 20 + (t % 3), 5};
            bar[t] = new float[] {p, 20 + (t % 3), 5};
        }
        String warned = warnings(data(kpa));
        assertThat(warned).startsWith("warning: 1 feature(s) of the new data lie far outside the training data: 'pressure' (100% of "
                + "its values over 10 training sd from the training mean 10.00, sd 1.000; here mean 1000, ").contains("Another unit or scale")
                .doesNotContain("temperature").doesNotContain("flag");
        assertThat(warnings(data(bar))).isEmpty();
        // one wild value (20 sd out) in 100 steps of one sequence among others: fewer than 3 such values
        float[][] outlier = bar.clone();
        outlier[7] = new float[] {30, 20, 5};
        assertThat(warnings(data(outlier, bar))).isEmpty();
        // a shift of the mean by 4 sd, every value within 10 sd: a rare class's typical level looks so, not a unit (not warned)
        float[][] shifted = new float[50][];
        for (int t = 0; t < 50; t++) {
            shifted[t] = new float[] {14 + t % 3, 20, 5};
        }
        assertThat(warnings(data(shifted))).isEmpty();
        // a 0/1 flag that is 1 on 2% of the training steps (mean 0.02, sd 0.14: each 1 is 7 sd out) with as many 1s here,
        // and a one-hot column that is 1 throughout one sequence: two values, not judged (a review found both warned)
        StringWriter out = new StringWriter();
        float[][] flags = new float[100][];
        for (int t = 0; t < 100; t++) {
            flags[t] = new float[] {t % 50 == 0 ? 1 : 0, 1};
        }
        ModelData.warnFarFromTraining(data(flags), new float[] {0.02f, 0.05f}, new float[] {0.14f, 0.218f}, List.of("flag", "machine_B"),
                new PrintWriter(out, true));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aDeadChannelFilledWithZeroIsWarnedOf() {
        // sensor s9 (training mean 9050, sd 12) without any value, filled with 0 (--missing zero): one value, 754 sd out
        float[][] dead = new float[60][];
        for (int t = 0; t < 60; t++) {
            dead[t] = new float[] {0, t % 2, 1};
        }
        StringWriter out = new StringWriter();
        ModelData.warnFarFromTraining(data(dead, dead), new float[] {9050, 0.5f, 0.05f}, new float[] {12, 0.5f, 0.218f},
                List.of("s9", "flag", "machine_B"), new PrintWriter(out, true));
        assertThat(out.toString()).contains("'s9' (100% of its values over 10 training sd from the training mean 9050")
                .doesNotContain("'flag'").doesNotContain("machine_B");
    }

    @Test
    void valuesInAUnitThatShrinksThemAreWarnedOf() {
        // a sleep trial's second site in volts for a model trained in microvolts (EEG mean 0.3, sd 20): no value 10 sd from the
        // mean, and evaluate scored kappa 0.10 against 0.95 without a word
        float[][][] volts = new float[4][][];
        float[][][] microvolts = new float[4][][];
        for (int i = 0; i < volts.length; i++) {
            volts[i] = new float[250][];
            microvolts[i] = new float[250][];
            for (int t = 0; t < 250; t++) {
                float uv = 20 * (float) Math.sin(0.3 * t + i);
                volts[i][t] = new float[] {uv * 1e-6f, 20 + (t % 3), 5};
                microvolts[i][t] = new float[] {uv, 20 + (t % 3), 5};
            }
        }
        StringWriter out = new StringWriter();
        float[] mean = {0.3f, 20, 1};
        float[] std = {20, 2, org.rnnlab.datasets.FeatureStandardizer.CONSTANT_STD};
        List<String> names = List.of("eeg", "temperature", "flag");
        ModelData.warnFarFromTraining(data(volts), mean, std, names, new PrintWriter(out, true));
        assertThat(out.toString()).startsWith("warning: 1 feature(s) of the new data lie far outside the training data: 'eeg' (every "
                + "value within ±2.0e-05, 1/1e+06 of the training data's magnitude 20.00 (mean 0.3000, sd 20.00), a factor near 1e-6 (the "
                + "largest |value| 2.0e-05 against the training data's magnitude 20.00): volts for millivolts or microvolts, kilo- for "
                + "base units, base units for micro- (strain for microstrain, 1e-6)?").doesNotContain("temperature");
        StringWriter quiet = new StringWriter();
        ModelData.warnFarFromTraining(data(microvolts), mean, std, names, new PrintWriter(quiet, true));
        assertThat(quiet.toString()).isEmpty();
        // half the subjects in volts, half in microvolts (a mixed export): each volts sequence is named
        StringWriter mixed = new StringWriter();
        ModelData.warnFarFromTraining(data(volts[0], microvolts[1], volts[2], microvolts[3]), mean, std, names,
                new PrintWriter(mixed, true));
        assertThat(mixed.toString()).contains("2 of the 4 sequences have values far outside the training data").contains("'s0' (eeg), "
                + "'s2' (eeg)").doesNotContain("'s1'");
        // a quiet stretch in its own unit (1/15 of the training magnitude, as a standing subject's body acceleration) is data
        float[][] still = new float[250][];
        for (int t = 0; t < 250; t++) {
            still[t] = new float[] {1.3f * (float) Math.sin(0.3 * t), 20 + (t % 3), 5};
        }
        StringWriter calm = new StringWriter();
        ModelData.warnFarFromTraining(data(still), mean, std, names, new PrintWriter(calm, true));
        assertThat(calm.toString()).isEmpty();
    }

    @Test
    void smallValuesOfASkewedCountAndARareLevelHeldThroughOneSequenceAreData() {
        // a review: an idle session of 0-40 bytes (training mean 1113, sd 4449: a lognormal count) was called another unit,
        // and a sequence of a z-scored rare machine type (14.1 sd from its mean, a level the training data held) far out
        float[][] idle = new float[30][];
        for (int t = 0; t < 30; t++) {
            idle[t] = new float[] {t % 41, 14.1f};
        }
        StringWriter out = new StringWriter();
        ModelData.warnFarFromTraining(data(idle), new float[] {1113, 0}, new float[] {4449, 1}, List.of("bytes", "type_z"),
                new PrintWriter(out, true));
        assertThat(out.toString()).isEmpty();
        // the same small values of a feature of both signs in training (a signal about 0) are named
        float[][] signal = new float[30][];
        for (int t = 0; t < 30; t++) {
            signal[t] = new float[] {(t % 41) - 20, 0.5f};
        }
        StringWriter named = new StringWriter();
        ModelData.warnFarFromTraining(data(signal), new float[] {50, 0}, new float[] {4449, 1}, List.of("signal", "type_z"),
                new PrintWriter(named, true));
        assertThat(named.toString()).contains("'signal' (every value within ±20, 1/222 of the training data's magnitude");
    }

    @Test
    void aFeatureScaledAsAWholeByAUnitFactorIsNamed() {
        // a smart-meter trial: kWh per quarter-hour for a model trained in kW (mean 0.52, sd 1.04), every value within 10 sd,
        // macro-F1 0.37 against 0.82 without a word; the same households in kW, and other households (a mean and sd moved by
        // different factors), are data
        java.util.Random random = new java.util.Random(3);
        float[][][] kw = new float[20][][];
        float[][][] kwh = new float[20][][];
        float[][][] bigger = new float[20][][];
        for (int i = 0; i < kw.length; i++) {
            kw[i] = new float[96][];
            kwh[i] = new float[96][];
            bigger[i] = new float[96][];
            for (int t = 0; t < 96; t++) {
                float load = (float) Math.exp(-1.0 + 0.9 * random.nextGaussian());
                kw[i][t] = new float[] {load, 12};
                kwh[i][t] = new float[] {load / 4, 12};
                bigger[i][t] = new float[] {2.5f + load, 12};
            }
        }
        float[] mean = new float[2];
        float[] std = new float[2];
        double sum = 0;
        double squares = 0;
        for (float[][] s : kw) {
            for (float[] step : s) {
                sum += step[0];
                squares += step[0] * step[0];
            }
        }
        mean[0] = (float) (sum / (20 * 96));
        std[0] = (float) Math.sqrt(squares / (20 * 96) - mean[0] * mean[0]);
        mean[1] = 12;
        std[1] = 3;
        List<String> names = List.of("kw", "temp_c");
        StringWriter out = new StringWriter();
        ModelData.warnFarFromTraining(data(kwh), mean, std, names, new PrintWriter(out, true));
        assertThat(out.toString()).contains("'kw' (mean ").contains("1/4.00 of the training mean").contains("and 1/4.00 of its sd").contains("the whole feature "
                + "scaled alike, a factor near 4: energy per quarter-hour (kWh) against power (kW), or data at another level? If another "
                + "unit, convert it");
        // loads of a busier population, 2.3 times the training level, mean and sd alike (a review's gamma data at 2.2 were
        // called pounds against kilograms): not within 3% of a unit
        float[][][] busier = new float[20][][];
        for (int i = 0; i < busier.length; i++) {
            busier[i] = new float[96][];
            for (int t = 0; t < 96; t++) {
                busier[i][t] = new float[] {2.3f * kw[i][t][0], 12};
            }
        }
        StringWriter busy = new StringWriter();
        ModelData.warnFarFromTraining(data(busier), mean, std, names, new PrintWriter(busy, true));
        assertThat(busy.toString()).doesNotContain("scaled alike");
        for (float[][][] same : List.of(kw, bigger)) {
            StringWriter quiet = new StringWriter();
            ModelData.warnFarFromTraining(data(same), mean, std, names, new PrintWriter(quiet, true));
            assertThat(quiet.toString()).doesNotContain("scaled alike");
        }
    }

    @Test
    void aDeadChannelInTheOneSequenceGivenIsWarnedOf() {
        // a dispatch system's one window per request, its z-axis dead at 0 for a training mean of 9.8 (sd 0.19): serve answered
        // another class without a mark (a trial); 0 and 1 of a 0/1 column throughout one sequence stay unjudged
        float[][] window = new float[200][];
        for (int t = 0; t < 200; t++) {
            window[t] = new float[] {0, 1};
        }
        StringWriter out = new StringWriter();
        ModelData.warnFarFromTraining(data(window), new float[] {9.8f, 0.05f}, new float[] {0.19f, 0.218f}, List.of("acc_z", "machine_B"),
                new PrintWriter(out, true));
        assertThat(out.toString()).contains("'acc_z' (100% of its values over 10 training sd from the training mean 9.800")
                .doesNotContain("machine_B");
    }

    @Test
    void oneSequenceInAnotherUnitAmongManyIsNamed() {
        // 99 sequences in bar and one in kPa: 1% of the file's pressure values, below its 2%, but that sequence is all out
        float[][][] all = new float[100][][];
        for (int i = 0; i < all.length; i++) {
            all[i] = new float[30][];
            for (int t = 0; t < 30; t++) {
                float p = 10 + (float) Math.sin(t + i);
                all[i][t] = new float[] {i == 42 ? 100 * p : p, 20 + (t % 3), 5};
            }
        }
        String warned = warnings(data(all));
        assertThat(warned).doesNotContain("feature(s) of the new data").startsWith("warning: 1 of the 100 sequences have values far "
                + "outside the training data (3 values or more, and 10% or more of the sequence's, over 10 training sd from the "
                + "training mean, or every value within 1/100 of the training data's magnitude, or a code for a missing value "
                + "such as -999 in any cell; each sequence judged alone, as predict's far_from_training column and serve's "
                + "farFromTraining mark it): 's42' (pressure); their predictions are extrapolations");
        // a jump's landing: 3 spikes over 10 sd in a trial of 60 steps (5%), as the training trials had: not far alone
        float[][][] jumps = new float[100][][];
        for (int i = 0; i < jumps.length; i++) {
            jumps[i] = new float[60][];
            for (int t = 0; t < 60; t++) {
                float p = 10 + (float) Math.sin(t + i);
                jumps[i][t] = new float[] {i == 7 && t >= 30 && t < 33 ? 10 + 15 * p : p, 20 + (t % 3), 5};
            }
        }
        assertThat(warnings(data(jumps))).doesNotContain("of the 100 sequences have values far");
        // every sequence so: the file's warning says it, and the sequences' warning counts them all, as far_from_training
        // marks them (trial 76e: a file of -99 dropouts, all 8 rows marked in the column, was counted nowhere)
        float[][][] kpa = new float[3][][];
        for (int i = 0; i < kpa.length; i++) {
            kpa[i] = all[42];
        }
        assertThat(warnings(data(kpa))).contains("feature(s) of the new data").contains("warning: 3 of the 3 sequences have values "
                + "far outside the training data").contains("'s0' (pressure), 's1' (pressure), 's2' (pressure)");
    }

    @Test
    void aValueMakingUpMostOfTheFarOnesIsNamedAsAMissingValueCode() {
        // a trial's -9999 rain at prediction: told "another unit or scale", lumped with genuine storms
        float[][] coded = new float[100][];
        float[][] kpa = new float[100][];
        for (int t = 0; t < 100; t++) {
            float p = 10 + (float) Math.sin(t);
            coded[t] = new float[] {t % 10 == 0 ? -9999 : p, 20, 5};
            kpa[t] = new float[] {100 * p, 20, 5};
        }
        // a file of several sequences: its 2% rule counts the code's cells, and its words call them a code
        assertThat(warnings(data(coded, coded))).contains("'pressure' (10% of its values over 10 training sd", "20 of the 20 far values are "
                + "exactly -9999: a code for a missing value? Read it so with --na-values -9999 (in every feature; then filled by the --missing policy; for a model trained with --missing error give one, "
                + "e.g. --missing interpolate), "
                + "or write those cells empty (pandas: df.replace(-9999, float('nan'))");
        // one sequence, judged as serve judges it: the code's cells are a code's alone, not counted as another unit's (trial
        // 81e F2), and named by the codes' warning
        assertThat(warnings(data(coded))).doesNotContain("of its values over 10 training sd").contains("'pressure' holds -9999 in "
                + "10 cell(s) of 1 sequence(s) (e.g. 's0')").contains("if it means missing, read it so with --na-values -9999");
        assertThat(warnings(data(kpa))).doesNotContain("a code for a missing value");
        // zeros of rows of 0 in every feature: empty frames, where --na-values 0 would blank every feature's real zeros (a
        // container trial followed that advice and lost 49 of 72 sequences); a 0 in one feature alone is still a code's
        float[][] frames = new float[100][];
        float[][] zeros = new float[100][];
        for (int t = 0; t < 100; t++) {
            float p = 10 + (float) Math.sin(t);
            frames[t] = t % 10 == 0 ? new float[] {0, 0, 0} : new float[] {p, 20, 5};
            zeros[t] = new float[] {t % 10 == 0 ? 0 : p, 20, 5};
        }
        // (judged against a pressure of mean 10 and sd 0.5, so that 0 is 20 sd out)
        assertThat(ModelData.sentinel(List.<float[][]>of(frames), 0, 10, 0.5f)).isEqualTo("; 10 of the 10 far values are exactly 0, "
                + "in rows of 0 in every feature (see the warning on such rows)");
        assertThat(ModelData.sentinel(List.<float[][]>of(zeros), 0, 10, 0.5f)).startsWith("; 10 of the 10 far values are exactly 0: "
                + "a code for a missing value? Read it so with --na-values 0 (in every feature;");
        // review 81a R5: a value that is not whole is written exactly, so that the advice's --na-values matches it
        float[][] stuck = new float[10][];
        for (int t = 0; t < 10; t++) {
            stuck[t] = new float[] {54321.5f, 20, 5};
        }
        assertThat(ModelData.sentinel(List.<float[][]>of(stuck), 0, 10, 0.5f)).startsWith("; 10 of the 10 far values are exactly "
                + "54321.5: a code for a missing value? Read it so with --na-values 54321.5 (").contains("df.replace(54321.5, ");
        // a scale of 8 (bits for bytes): the far values are of many kinds, one of them common (full-size packets), which is no
        // code (a trial was told to blank 11584, its full-size packets)
        float[][] bits = new float[100][];
        for (int t = 0; t < 100; t++) {
            float p = 10 + (float) Math.sin(t);
            bits[t] = new float[] {t % 4 == 0 ? 8 * p : 8 * 11.5f, 20, 5};
        }
        assertThat(warnings(data(bits))).contains("'pressure'").doesNotContain("a code for a missing value");
        assertThat(ModelData.codeLike(-9999)).isTrue();
        assertThat(ModelData.codeLike(999)).isTrue();
        assertThat(ModelData.codeLike(-99)).isTrue();
        assertThat(ModelData.codeLike(11584)).isFalse();
        assertThat(ModelData.codeLike(65535)).as("a 16-bit register's error value").isTrue();
        assertThat(ModelData.codeLike(65534)).isFalse();
        assertThat(ModelData.codeLike(9.5f)).isFalse();
        assertThat(ModelData.codeLike(-1)).isFalse();
    }

    @Test
    void aLoneNineIsNoCodeForAMissingValueButNinesOfSeveralDigitsAre() {
        // a trial: minutes since the previous bar (training mean 1.164, sd 0.674), 9 in 43 cells of new data, which training
        // held 339 times; evaluate called it a code for a missing value and advised --na-values 9
        java.util.function.IntFunction<String> judged = code -> {
            List<float[][]> sequences = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                float[][] v = new float[60][];
                for (int t = 0; t < 60; t++) {
                    v[t] = new float[] {i < 43 && t == 30 ? code : 1 + (t % 7 == 0 ? 1 : 0)};
                }
                sequences.add(v);
            }
            StringWriter out = new StringWriter();
            ModelData.warnFarFromTraining(data(sequences.toArray(float[][][]::new)), new float[] {1.164f}, new float[] {0.674f},
                    List.of("gap"), new PrintWriter(out, true));
            return out.toString();
        };
        assertThat(judged.apply(9)).doesNotContain("codes for a missing value").doesNotContain("--na-values 9");
        assertThat(judged.apply(999)).contains("codes for a missing value", "'gap' holds 999 in 43 cell(s) of 43 sequence(s)",
                "--na-values 999");
        assertThat(ModelData.codeLike(9)).isFalse();
        assertThat(ModelData.codeLike(-9)).isFalse();
        assertThat(ModelData.codeLike(99)).isTrue();
    }

    @Test
    void aFlatSequenceAmongVaryingOnesIsNamed() {
        // a trial's all-zero ECG segment was classed "normal" without a word: 0 lies within the training range
        float[][][] sequences = new float[5][20][];
        for (int i = 0; i < 5; i++) {
            for (int t = 0; t < 20; t++) {
                sequences[i][t] = i == 4 ? new float[] {10, 20, 5} : new float[] {10 + (float) Math.sin(t + i), 20 + (t % 3), 5};
            }
        }
        String warned = warnings(data(sequences));
        assertThat(warned).contains("1 of the 5 sequences have a feature with one value over all their steps, where it varies within "
                + "most of the others: 's4' (pressure = 10 over 20 steps)").doesNotContain("flag =")
                // temperature takes 3 values here: a feature of a few values holds one over a sequence by nature (TCP flags)
                .doesNotContain("temperature = 20");
        // values after each sequence's own scaling (a trial's mag_err = 0 for a file's 0.015): the flat feature without a value
        StringWriter out = new StringWriter();
        ModelData.warnFarFromTraining(data(sequences), new float[] {10, 20, 1}, new float[] {1, 2, 1}, List.of("pressure",
                "temperature", "flag"), org.rnnlab.datasets.csv.SequenceScaling.CENTER, new PrintWriter(out, true));
        assertThat(out.toString()).contains("'s4' (pressure constant over 20 steps)").doesNotContain("pressure = ");
    }

    /**
     * New ICU stays whose ward still charts °F among the others' °C (a trial's: "here mean 49.07, 36.00 to 100.4", and no
     * °F words, since the whole mean fitted neither unit): the far values' mean does.
     */
    @Test
    void aWardInFahrenheitAmongCelsiusStaysGetsTheFahrenheitWords() {
        float[][][] stays = new float[30][12][1];
        for (int s = 0; s < stays.length; s++) {
            for (int t = 0; t < 12; t++) {
                double c = 36.9 + 0.3 * Math.cos(s * 7 + t);
                stays[s][t][0] = (float) (s % 5 == 0 ? 1.8 * c + 32 : c);
            }
        }
        StringWriter out = new StringWriter();
        ModelData.warnFarFromTraining(data(stays), new float[] {36.9f}, new float[] {0.6f}, List.of("temp"), new PrintWriter(out, true));
        assertThat(out.toString()).contains("'temp' (", "(°F against °C in some sequences? (x − 32) / 1.8 brings the far values' "
                + "mean 98.");
    }
}
