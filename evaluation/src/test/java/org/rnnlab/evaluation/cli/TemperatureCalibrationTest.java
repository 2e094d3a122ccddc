package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.train.TrainRun;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.TemperatureScaling;

/**
 * {@code train --calibrate temperature} (a trial's ICU model had no way to recalibrate its probabilities): T fitted on
 * validation and reported, stored in the card, applied alike by predict and evaluate, refused without validation data,
 * and a calibrated model exported to ONNX with T in its graph.
 */
class TemperatureCalibrationTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path plain;
    static Path calibrated;
    static TrainEvaluatePredictTest.Run calibratedRun;

    @BeforeAll
    static void trainTheSameModelWithAndWithoutCalibration() throws Exception {
        StringBuilder b = new StringBuilder("id,t,a,label\n");
        java.util.Random random = new java.util.Random(9);
        for (int s = 0; s < 60; s++) {
            for (int t = 0; t < 5; t++) {
                b.append("s").append(s).append(',').append(t).append(',').append(String.format(java.util.Locale.ROOT, "%.4f",
                        (s % 2 == 0 ? 0.4 : -0.4) * t + random.nextGaussian())).append(',').append(s % 2 == 0 ? "up" : "down").append('\n');
            }
        }
        data = Files.writeString(dir.resolve("train.csv"), b);
        plain = dir.resolve("plain");
        calibrated = dir.resolve("calibrated");
        TrainEvaluatePredictTest.Run p = run(args(plain));
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).doesNotContain("calibration: temperature");
        calibratedRun = run(args(calibrated, "--calibrate", "temperature"));
        assertThat(calibratedRun.code()).as(calibratedRun.err()).isZero();
        // recorded in config.json, so that --resume and --config calibrate too; an uncalibrated run's file is as before
        assertThat(Files.readString(calibrated.resolve("config.json"))).contains("\"calibrate\" : \"temperature\"");
        assertThat(Files.readString(plain.resolve("config.json"))).doesNotContain("calibrate");
    }

    private static String[] args(Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--dataset", "csv", "--train", data.toString(), "--set",
                "sequenceId=id", "--set", "time=t", "--cell", "rnn", "--hidden", "4", "--epochs", "3", "--seed", "3", "--threads", "1",
                "--quiet", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static Map<String, double[]> predicted(Path model) {
        TrainEvaluatePredictTest.Run p = run("predict", "--model", model.toString(), "--input", data.toString(), "--digits", "17");
        assertThat(p.code()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, double[]> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            out.put(c[0], new double[] {Double.parseDouble(c[header.indexOf("p_down")]), Double.parseDouble(c[header.indexOf("p_up")])});
        }
        return out;
    }

    /**
     * {@code train --config RUN/config.json --calibrate temperature}: the run trained again, then recalibrated, as if it had
     * been trained with --calibrate (a hydrologist's trial had to retype a comparison's every option to calibrate its best run).
     */
    @Test
    void aRunTrainedAgainFromItsConfigTakesCalibrate() throws Exception {
        Path again = dir.resolve("again-calibrated");
        TrainEvaluatePredictTest.Run r = run("train", "--config", plain.resolve("config.json").toString(), "--calibrate", "temperature",
                "--quiet", "--out", again.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("--calibrate temperature: the probabilities of the run trained again are recalibrated");
        assertThat(ModelBundle.readCard(again.resolve("model.rnnlab")).temperature())
                .isEqualTo(ModelBundle.readCard(calibrated.resolve("model.rnnlab")).temperature());
        assertThat(Files.readString(again.resolve("config.json"))).contains("\"calibrate\" : \"temperature\"");
        TrainEvaluatePredictTest.Run other = run("train", "--config", plain.resolve("config.json").toString(), "--calibrate", "platt",
                "--quiet", "--out", dir.resolve("platt").toString());
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("--calibrate platt: the methods are temperature");
    }

    @Test
    void theTemperatureIsFittedReportedStoredAndAppliedByPredictAndEvaluate() throws Exception {
        ModelCard card = ModelBundle.readCard(calibrated.resolve("model.rnnlab"));
        assertThat(ModelBundle.readCard(plain.resolve("model.rnnlab")).temperature()).isNull();
        double t = card.temperature();
        assertThat(t).isBetween(TemperatureScaling.LOWEST, TemperatureScaling.HIGHEST).isNotCloseTo(1, within(1e-3));
        double before = card.metrics().get(TrainRun.LOG_LOSS_BEFORE);
        double after = card.metrics().get(TrainRun.LOG_LOSS_AFTER);
        assertThat(after).isLessThanOrEqualTo(before);
        assertThat(calibratedRun.out()).contains(String.format(java.util.Locale.ROOT, "calibration: temperature T = %.4f fitted on the "
                + "validation split (log-loss %.4f before, %.4f after;", t, before, after));
        // the same training (seed, one thread): the calibrated model's probabilities are the plain one's scaled by T
        Map<String, double[]> p = predicted(plain.resolve("model.rnnlab"));
        Map<String, double[]> q = predicted(calibrated.resolve("model.rnnlab"));
        double brier = 0;
        boolean differ = false;
        for (Map.Entry<String, double[]> e : p.entrySet()) {
            double[] expected = TemperatureScaling.apply(e.getValue(), t);
            double[] got = q.get(e.getKey());
            assertThat(got[0]).isCloseTo(expected[0], within(1e-5));
            assertThat(got[1]).isCloseTo(expected[1], within(1e-5));
            differ |= Math.abs(got[1] - e.getValue()[1]) > 1e-4;
            boolean up = Integer.parseInt(e.getKey().substring(1)) % 2 == 0;
            brier += Math.pow(got[1] - (up ? 1 : 0), 2) + Math.pow(got[0] - (up ? 0 : 1), 2);
        }
        assertThat(differ).isTrue();
        // evaluate scores the probabilities predict writes
        JsonNode c = Json.mapper().readTree(run("evaluate", "--model", calibrated.resolve("model.rnnlab").toString(), "--input",
                data.toString(), "--json").out()).get("calibration");
        assertThat(c.get("brier").asDouble()).isCloseTo(brier / p.size(), within(1e-5));
    }

    @Test
    void aStreamOfTheCalibratedModelGivesPredictsCalibratedProbabilities() throws Exception {
        try (org.rnnlab.training.SequenceClassifier model = ModelBundle.load(calibrated.resolve("model.rnnlab"))) {
            java.util.Random r = new java.util.Random(4);
            float[][] sequence = new float[8][model.card().input().featureNames().size()];
            for (float[] step : sequence) {
                for (int f = 0; f < step.length; f++) {
                    step[f] = (float) r.nextGaussian();
                }
            }
            org.rnnlab.training.PredictionStream stream = model.stream();
            for (int t = 0; t < sequence.length; t++) {
                double[] streamed = stream.step(sequence[t]).probabilities();
                double[] whole = model.predict(java.util.Arrays.copyOf(sequence, t + 1)).probabilities();
                for (int c = 0; c < whole.length; c++) {
                    assertThat(streamed[c]).as("step %d class %d", t, c).isCloseTo(whole[c], within(1e-5));
                }
            }
        }
    }

    @Test
    void refusedWithoutValidationDataAndExportedToOnnx() {
        TrainEvaluatePredictTest.Run none = run(args(dir.resolve("none"), "--calibrate", "temperature", "--set", "validationFraction=0"));
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--calibrate temperature fits its temperature on the validation split, and "
                + "validationFraction=0 holds out none: give a validation fraction (--set validationFraction=0.2) or a validation "
                + "file (--validation FILE), or train without --calibrate");
        // refused from the options, before the data are read (trial 67d #4: "early stopping is off" came first)
        assertThat(none.err()).doesNotContain("early stopping is off");
        assertThat(dir.resolve("none")).doesNotExist();
        // --config of a run's config.json with validationFraction=0 and calibrate: refused the same way, before loading
        TrainEvaluatePredictTest.Run noValidation = run(args(dir.resolve("nv-run"), "--set", "validationFraction=0"));
        assertThat(noValidation.code()).as(noValidation.err()).isZero();
        Path config = dir.resolve("nv-config.json");
        try {
            com.fasterxml.jackson.databind.node.ObjectNode c = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper()
                    .readTree(dir.resolve("nv-run").resolve("config.json").toFile());
            c.put("calibrate", "temperature");
            Files.writeString(config, Json.mapper().writeValueAsString(c));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        TrainEvaluatePredictTest.Run again = run("train", "--config", config.toString(), "--out", dir.resolve("nv-again").toString());
        assertThat(again.code()).as(again.err()).isEqualTo(2);
        assertThat(again.err()).contains("validationFraction=0 holds out none").doesNotContain("early stopping is off");
        assertThat(dir.resolve("nv-again")).doesNotExist();
        assertThat(run(args(dir.resolve("other"), "--calibrate", "platt")).err()).contains("--calibrate platt: the methods are temperature");

        // the ONNX export applies T in its graph (OnnxExportTest checks its probabilities against predict's)
        TrainEvaluatePredictTest.Run export = run("export", "--model", calibrated.resolve("model.rnnlab").toString(), "--out",
                dir.resolve("m.onnx").toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(dir.resolve("m.onnx")).exists();
        TrainEvaluatePredictTest.Run plainExport = run("export", "--model", plain.resolve("model.rnnlab").toString(), "--out",
                dir.resolve("p.onnx").toString());
        assertThat(plainExport.code()).as(plainExport.err()).isZero();
    }

    /**
     * A model trained with class weights: the calibration line says that one temperature does not undo the weights' shift
     * of the probabilities (trial 67a #9: "T = 0.2581 fitted" read as calibrated, mean p_normal 0.43 on 95.5% 'normal'); and
     * a validation split without a class of the training split is named where T is fitted on it. An unweighted model whose
     * validation split holds every class gets neither.
     */
    @Test
    void aClassWeightedModelsCalibrationSaysWhatTheTemperatureCannotDoAndASplitWithoutAClassIsWarnedOf() throws Exception {
        StringBuilder b = new StringBuilder("id,t,a,label\n");
        java.util.Random random = new java.util.Random(11);
        for (int s = 0; s < 63; s++) {
            String label = s < 3 ? "rare" : s % 2 == 0 ? "up" : "down"; // 3 'rare': 15% of them rounds to no validation sequence
            for (int t = 0; t < 5; t++) {
                b.append("s").append(s).append(',').append(t).append(',').append(String.format(java.util.Locale.ROOT, "%.4f",
                        (label.equals("up") ? 0.4 : label.equals("down") ? -0.4 : 0) * t + random.nextGaussian())).append(',')
                        .append(label).append('\n');
            }
        }
        Path rare = Files.writeString(dir.resolve("rare.csv"), b);
        TrainEvaluatePredictTest.Run r = run("train", "--dataset", "csv", "--train", rare.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--cell", "rnn", "--hidden", "4", "--epochs", "3", "--seed", "3", "--threads", "1", "--quiet",
                "--class-weights", "balanced", "--calibrate", "temperature", "--out", dir.resolve("weighted-run").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("calibration: temperature T = [0-9.]+ fitted on the validation split .*; the predicted "
                + "classes are unchanged; but this model was trained with --class-weights, and one temperature does not undo the "
                + "shift of the classes' shares the weights put into its probabilities");
        assertThat(r.err()).containsPattern("train: warning: the validation split the temperature was fitted on holds no sequence "
                + "of class\\(es\\) 'rare' \\([0-9]+ training\\): T is fitted without them");
        // the fixture's unweighted model, whose validation split holds both classes: neither
        assertThat(calibratedRun.out()).contains("calibration: temperature").doesNotContain("--class-weights");
        assertThat(calibratedRun.err()).doesNotContain("the temperature was fitted on holds no sequence");
    }

    /**
     * A validation split the model ranks perfectly: sharpening always lowers its log-loss, so T runs to the lowest the
     * fit tries, and train says that the split cannot calibrate the model (trial 67d: T = 0.0500 said nothing); a fit
     * inside the range gets no such word.
     */
    @Test
    void aTemperatureAtTheSearchsBoundIsWarnedOf() throws Exception {
        StringBuilder b = new StringBuilder("id,t,a,label\n");
        for (int s = 0; s < 60; s++) {
            for (int t = 0; t < 5; t++) {
                b.append("s").append(s).append(',').append(t).append(',').append(s % 2 == 0 ? 3 : -3).append(',')
                        .append(s % 2 == 0 ? "up" : "down").append('\n');
            }
        }
        Path separable = Files.writeString(dir.resolve("separable.csv"), b);
        TrainEvaluatePredictTest.Run r = run("train", "--dataset", "csv", "--train", separable.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--cell", "rnn", "--hidden", "4", "--epochs", "10", "--lr", "0.05", "--seed", "3", "--threads", "1",
                "--quiet", "--calibrate", "temperature", "--out", dir.resolve("separable-run").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ModelBundle.readCard(dir.resolve("separable-run").resolve("model.rnnlab")).temperature())
                .isCloseTo(TemperatureScaling.LOWEST, within(1e-4));
        assertThat(r.err()).contains("train: warning: the temperature T = 0.0500 is the lowest the fit tries")
                .contains("the validation split cannot calibrate this model");
        // the fixture's model (3 epochs of a weak signal) softens to the other end: said so; a fit inside the range is not
        double fixtureT = ModelBundle.readCard(calibrated.resolve("model.rnnlab")).temperature();
        if (Math.abs(Math.log(fixtureT / TemperatureScaling.HIGHEST)) < 1e-3) {
            assertThat(calibratedRun.err()).contains("is the highest the fit tries").doesNotContain("is the lowest");
        } else {
            assertThat(calibratedRun.err()).doesNotContain("the fit tries");
        }
    }

    @Test
    void eceAdviceToACalibratedModelIsNotToCalibrate() throws Exception {
        // probabilities well under the accuracy (ECE over 0.1): an uncalibrated model is told to calibrate; a calibrated one
        // that its validation split's temperature does not carry over here (stop 76: it was told to calibrate too)
        List<String> labels = List.of("down", "up");
        int[] actual = new int[40];
        double[][] low = new double[40][];
        for (int i = 0; i < 40; i++) {
            actual[i] = i % 2;
            double up = actual[i] == 1 ? 0.3 : 0.05; // p_up well under the share of 'up' (0.5)
            low[i] = new double[] {1 - up, up};
        }
        ModelCard card = ModelBundle.readCard(calibrated.resolve("model.rnnlab"));
        String forCalibrated = Scoring.of(labels, actual, null, null).ranked(actual, low).lines(false, card);
        assertThat(forCalibrated).contains("ECE above 0.1").contains(String.format(java.util.Locale.ROOT,
                "this model is calibrated already (temperature T = %.4f, fitted on its validation split)", card.temperature()))
                .doesNotContain("train --calibrate temperature");
        String forPlain = Scoring.of(labels, actual, null, null).ranked(actual, low).lines(false,
                ModelBundle.readCard(plain.resolve("model.rnnlab")));
        assertThat(forPlain).contains("train --calibrate temperature fits one temperature").doesNotContain("calibrated already");
    }
}
