package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.metrics.Calibration;
import org.rnnlab.evaluation.metrics.CalibrationSlope;

/**
 * {@code evaluate}'s calibration (Brier score, ECE with its reliability table, and for a positive class the mean
 * probability against the share, the calibration slope and intercept), on tiny models trained for one epoch, checked
 * against the probabilities {@code predict} writes. A trial (ICU mortality) found no calibration metric at all.
 */
class EvaluateCalibrationTest {

    @TempDir
    static Path dir;

    static Path two;
    static Path three;
    static Path twoModel;
    static Path threeModel;

    /** 36 sequences of 5 steps, labels by the sign and size of a drift, with noise so that probabilities differ. */
    @BeforeAll
    static void trainTinyModels() throws Exception {
        two = Files.writeString(dir.resolve("two.csv"), data(2));
        three = Files.writeString(dir.resolve("three.csv"), data(3));
        twoModel = train(two, "two");
        threeModel = train(three, "three");
    }

    private static String label(int s, int classes) {
        return classes == 2 ? (s % 3 == 0 ? "up" : "down") : List.of("up", "down", "flat").get(s % 3);
    }

    private static String data(int classes) {
        StringBuilder b = new StringBuilder("id,t,a,label\n");
        java.util.Random random = new java.util.Random(5);
        for (int s = 0; s < 36; s++) {
            String label = label(s, classes);
            for (int t = 0; t < 5; t++) {
                double slope = label.equals("up") ? 0.3 : label.equals("down") ? -0.3 : 0;
                b.append("s").append(s).append(',').append(t).append(',')
                        .append(String.format(java.util.Locale.ROOT, "%.4f", slope * t + random.nextGaussian())).append(',')
                        .append(label).append('\n');
            }
        }
        return b.toString();
    }

    private static Path train(Path data, String name) {
        Path out = dir.resolve(name);
        TrainEvaluatePredictTest.Run r = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return out.resolve("model.rnnlab");
    }

    /** predict's probabilities at full precision, in the model's label order, and the true class of each sequence. */
    private record Scored(List<String> labels, int[] actual, double[][] probabilities) {
    }

    private static Scored predicted(Path model, Path data, int classes) {
        TrainEvaluatePredictTest.Run p = run("predict", "--model", model.toString(), "--input", data.toString(), "--digits", "17");
        assertThat(p.code()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        List<String> labels = header.stream().filter(h -> h.startsWith("p_")).map(h -> h.substring(2)).toList();
        List<int[]> actual = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            actual.add(new int[] {labels.indexOf(label(Integer.parseInt(cells[0].substring(1)), classes))});
            double[] row = new double[labels.size()];
            for (int c = 0; c < labels.size(); c++) {
                row[c] = Double.parseDouble(cells[header.indexOf("p_" + labels.get(c))]);
            }
            probabilities.add(row);
        }
        return new Scored(labels, actual.stream().mapToInt(a -> a[0]).toArray(), probabilities.toArray(double[][]::new));
    }

    @Test
    void aPositiveClassGetsBrierEceMeanAgainstShareAndSlopeFromPredictsProbabilities() throws Exception {
        Scored s = predicted(twoModel, two, 2);
        int up = s.labels().indexOf("up");
        double brier = 0;
        double brierUp = 0;
        double mean = 0;
        boolean[] isUp = new boolean[s.actual().length];
        double[] pUp = new double[s.actual().length];
        for (int i = 0; i < s.actual().length; i++) {
            isUp[i] = s.actual()[i] == up;
            pUp[i] = s.probabilities()[i][up];
            brierUp += Math.pow(pUp[i] - (isUp[i] ? 1 : 0), 2);
            for (int c = 0; c < 2; c++) {
                brier += Math.pow(s.probabilities()[i][c] - (s.actual()[i] == c ? 1 : 0), 2);
            }
            mean += pUp[i];
        }
        int n = s.actual().length;
        CalibrationSlope fit = CalibrationSlope.fit(isUp, pUp);
        TrainEvaluatePredictTest.Run e = run("evaluate", "--model", twoModel.toString(), "--input", two.toString(), "--positive",
                "up", "--json");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode c = Json.mapper().readTree(e.out()).get("calibration");
        assertThat(c.get("positive").asText()).isEqualTo("up");
        assertThat(c.get("eceOf").asText()).isEqualTo("positive class");
        assertThat(c.get("brier").asDouble()).isCloseTo(brier / n, within(1e-6));
        assertThat(c.get("brierPositive").asDouble()).isCloseTo(brierUp / n, within(1e-6));
        assertThat(c.get("meanPredicted").asDouble()).isCloseTo(mean / n, within(1e-6));
        assertThat(c.get("observedShare").asDouble()).isCloseTo(12.0 / 36, within(1e-12));
        List<Calibration.Bin> bins = Calibration.reliability(pUp, isUp);
        double ece = 0;
        for (int b = 0; b < Calibration.BINS; b++) {
            JsonNode row = c.get("reliability").get(b);
            assertThat(row.get("count").asLong()).isEqualTo(bins.get(b).count());
            assertThat(row.get("lower").asDouble()).isEqualTo(b / 10.0);
            if (bins.get(b).count() > 0) {
                assertThat(row.get("meanPredicted").asDouble()).isCloseTo(bins.get(b).meanPredicted(), within(1e-6));
                assertThat(row.get("observedShare").asDouble()).isEqualTo(bins.get(b).observedShare());
                ece += bins.get(b).count() * Math.abs(bins.get(b).meanPredicted() - bins.get(b).observedShare()) / n;
            } else {
                assertThat(row.get("meanPredicted").isNull()).isTrue();
            }
        }
        assertThat(c.get("reliability")).hasSize(10);
        assertThat(c.get("ece").asDouble()).isCloseTo(ece, within(1e-6));
        if (fit.why() == null) {
            assertThat(c.get("slope").asDouble()).isCloseTo(fit.slope(), within(1e-4));
            assertThat(c.get("intercept").asDouble()).isCloseTo(fit.intercept(), within(1e-4));
        } else {
            assertThat(c.get("slope").isNull()).isTrue();
            assertThat(c.get("slopeNotFitted").asText()).isEqualTo(fit.why());
        }
        assertThat(e.out()).doesNotContain("NaN");

        TrainEvaluatePredictTest.Run text = run("evaluate", "--model", twoModel.toString(), "--input", two.toString(), "--positive",
                "up");
        assertThat(text.out()).contains(String.format(java.util.Locale.ROOT, "calibration of p_up: Brier %.4f (all classes %.4f), "
                + "ECE %.4f (10 bins of p_up); mean p_up %.4f against a share of 0.3333; ", brierUp / n, brier / n, ece, mean / n))
                .contains("(1 and 0 if calibrated; --json: reliability table)");
    }

    @Test
    void moreClassesWithoutPositiveGetTheTopClassEceAndNoSlope() throws Exception {
        Scored s = predicted(threeModel, three, 3);
        int n = s.actual().length;
        double brier = 0;
        double[] top = new double[n];
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            double[] p = s.probabilities()[i];
            int best = 0;
            for (int c = 0; c < p.length; c++) {
                brier += Math.pow(p[c] - (s.actual()[i] == c ? 1 : 0), 2);
                best = p[c] > p[best] ? c : best;
            }
            top[i] = p[best];
            right[i] = best == s.actual()[i];
        }
        double ece = 0;
        for (Calibration.Bin b : Calibration.reliability(top, right)) {
            ece += b.count() == 0 ? 0 : b.count() * Math.abs(b.meanPredicted() - b.observedShare()) / n;
        }
        JsonNode c = Json.mapper().readTree(run("evaluate", "--model", threeModel.toString(), "--input", three.toString(), "--json")
                .out()).get("calibration");
        assertThat(c.get("eceOf").asText()).isEqualTo("top class");
        assertThat(c.get("brier").asDouble()).isCloseTo(brier / n, within(1e-6));
        assertThat(c.get("ece").asDouble()).isCloseTo(ece, within(1e-6));
        assertThat(c.has("slope") || c.has("positive") || c.has("meanPredicted")).isFalse();
        TrainEvaluatePredictTest.Run text = run("evaluate", "--model", threeModel.toString(), "--input", three.toString());
        assertThat(text.out()).contains(String.format(java.util.Locale.ROOT, "calibration: Brier %.4f (summed over the classes, 0 to 2), "
                + "ECE %.4f (10 bins of the top-class probability; --json: reliability table)", brier / n, ece));
    }
}
