package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.train.TrainRun;
import org.rnnlab.serving.ModelServer;
import org.rnnlab.serving.ServeOptions;
import org.rnnlab.serving.ServedModel;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.SequenceClassifier;

/**
 * {@code train --calibrate prior} (trials 70f and 71a: a class-weighted model's mean probability of the rare class was two to
 * three times its share, and one temperature cannot undo that): on generated data of 12% 'rare', the same balanced-weighted
 * training (seed, one thread) without and with the correction. The corrected probabilities are softmax(z - log w) of the
 * uncorrected ones (computed here by hand), their mean is near the class's share where the uncorrected one is far from it,
 * and predict, evaluate, serve and the Java API give the same probabilities; without class weights it is a usage error.
 */
class PriorCorrectionTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path weighted;
    static Path prior;
    static Path both;
    static TrainEvaluatePredictTest.Run priorRun;
    static TrainEvaluatePredictTest.Run bothRun;
    static double share;

    @BeforeAll
    static void trainTheSameWeightedModelWithAndWithoutTheCorrection() throws Exception {
        StringBuilder b = new StringBuilder("id,t,a,label\n");
        java.util.Random random = new java.util.Random(5);
        int rare = 0;
        int n = 200;
        for (int s = 0; s < n; s++) {
            boolean r = s % 25 < 3; // 12% 'rare', spread over the file so that every split holds some
            rare += r ? 1 : 0;
            for (int t = 0; t < 5; t++) {
                b.append("s").append(s).append(',').append(t).append(',').append(String.format(Locale.ROOT, "%.4f",
                        (r ? 0.3 : -0.1) * t + random.nextGaussian())).append(',').append(r ? "rare" : "common").append('\n');
            }
        }
        share = rare / (double) n;
        data = Files.writeString(dir.resolve("train.csv"), b);
        weighted = dir.resolve("weighted");
        prior = dir.resolve("prior");
        both = dir.resolve("both");
        TrainEvaluatePredictTest.Run w = run(args(weighted, "--class-weights", "balanced"));
        assertThat(w.code()).as(w.err()).isZero();
        priorRun = run(args(prior, "--class-weights", "balanced", "--calibrate", "prior"));
        assertThat(priorRun.code()).as(priorRun.err()).isZero();
        bothRun = run(args(both, "--class-weights", "balanced", "--calibrate", "prior+temperature"));
        assertThat(bothRun.code()).as(bothRun.err()).isZero();
    }

    private static String[] args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--dataset", "csv", "--train", data.toString(), "--set",
                "sequenceId=id", "--set", "time=t", "--cell", "rnn", "--hidden", "4", "--epochs", "3", "--seed", "3", "--threads", "1",
                "--quiet", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** predict's probabilities of every sequence of the file, {common, rare} by id, in the file's order. */
    private static Map<String, double[]> predicted(Path model) {
        TrainEvaluatePredictTest.Run p = run("predict", "--model", model.toString(), "--input", data.toString(), "--digits", "17");
        assertThat(p.code()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            out.put(c[0], new double[] {Double.parseDouble(c[header.indexOf("p_common")]), Double.parseDouble(c[header.indexOf("p_rare")])});
        }
        return out;
    }

    private static double meanRare(Map<String, double[]> p) {
        return p.values().stream().mapToDouble(v -> v[1]).average().orElseThrow();
    }

    @Test
    void theCorrectedProbabilitiesAreSoftmaxOfTheLogitsLessLogWAndTheirMeanNearTheShare() throws Exception {
        ModelCard card = ModelBundle.readCard(prior.resolve("model.rnnlab"));
        List<Double> w = card.spec().classWeights();
        assertThat(w.get(1)).as("balanced: 'rare' weighted up").isGreaterThan(w.get(0));
        assertThat(card.priorCorrection()).isEqualTo(w);
        assertThat(card.temperature()).isNull();
        assertThat(ModelBundle.readCard(weighted.resolve("model.rnnlab")).priorCorrection()).isNull();
        Map<String, double[]> plain = predicted(weighted.resolve("model.rnnlab"));
        Map<String, double[]> corrected = predicted(prior.resolve("model.rnnlab"));
        for (Map.Entry<String, double[]> e : plain.entrySet()) {
            // golden: softmax(log p - log w), by hand
            double z0 = Math.log(e.getValue()[0]) - Math.log(w.get(0));
            double z1 = Math.log(e.getValue()[1]) - Math.log(w.get(1));
            double m = Math.max(z0, z1);
            double q1 = Math.exp(z1 - m) / (Math.exp(z0 - m) + Math.exp(z1 - m));
            assertThat(corrected.get(e.getKey())[1]).as(e.getKey()).isCloseTo(q1, within(1e-6));
            assertThat(corrected.get(e.getKey())[0]).as(e.getKey()).isCloseTo(1 - q1, within(1e-6));
        }
        double before = meanRare(plain);
        double after = meanRare(corrected);
        // the weighted model's mean probability of 'rare' far above its share; the corrected one's near it
        assertThat(before - share).isGreaterThan(0.15);
        assertThat(Math.abs(after - share)).isLessThan(Math.abs(before - share) / 3);
        // what train said: the validation mean against the share, and the log-loss before and after
        Map<String, Double> m = card.metrics();
        assertThat(m.get(TrainRun.MEAN_P_BEFORE)).isGreaterThan(m.get(TrainRun.MEAN_P_AFTER));
        assertThat(m.get(TrainRun.LOG_LOSS_AFTER)).isLessThan(m.get(TrainRun.LOG_LOSS_BEFORE));
        assertThat(priorRun.out()).contains(String.format(Locale.ROOT, "calibration: prior correction for the class weights "
                + "('common' %.3g, 'rare' %.3g): each class's probability divided by its weight (the logits less log w); on the "
                + "validation split the mean probability of 'rare' went from %.4f to %.4f against its share %.4f (%d validation "
                + "sequence(s) of 'rare': its rate is not checked), the log-loss from %.4f to %.4f", w.get(0), w.get(1),
                m.get(TrainRun.MEAN_P_BEFORE), m.get(TrainRun.MEAN_P_AFTER), m.get(TrainRun.CLASS_SHARE),
                Math.round(m.get(TrainRun.CLASS_SEQUENCES)), m.get(TrainRun.LOG_LOSS_BEFORE), m.get(TrainRun.LOG_LOSS_AFTER)));
        assertThat(priorRun.out()).doesNotContain("one temperature does not undo");
        // recorded where the run's settings are: config.json, so --config and --resume correct too
        assertThat(Files.readString(prior.resolve("config.json"))).contains("\"calibrate\" : \"prior\"");
        // predict's note no longer calls the probabilities shifted scores
        TrainEvaluatePredictTest.Run p = run("predict", "--model", prior.resolve("model.rnnlab").toString(), "--input", data.toString());
        assertThat(p.err()).contains("its probabilities are corrected for them (train --calibrate prior")
                .doesNotContain("scores shifted toward");
    }

    /**
     * A correction that raised the validation log-loss (a reefer trial's under-fitted model: 0.1313 to 0.1357) is said by
     * train, with both numbers, and predict's note no longer claims the probabilities estimate the classes' rates.
     */
    @Test
    void aCorrectionThatRaisedTheValidationLogLossIsSaidByTrainAndQualifiesPredictsNote() throws Exception {
        ModelCard few = ModelBundle.readCard(prior.resolve("model.rnnlab"));
        assertThat(TrainCommand.priorCalibrationLine(few)).doesNotContain("raised the log-loss");
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper()
                .valueToTree(few);
        // as if its validation split held 10 'rare' sequences (else the note is qualified for that: aRateChecked...)
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("metrics")).put(TrainRun.CLASS_SEQUENCES, 10.0);
        ModelCard card = Json.mapper().treeToValue(tree, ModelCard.class);
        assertThat(ClassWeightNote.of(card).orElseThrow()).contains("so they estimate the classes' rates as in training");
        double before = card.metrics().get(TrainRun.LOG_LOSS_BEFORE);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("metrics")).put(TrainRun.LOG_LOSS_AFTER, before + 0.0044);
        ModelCard worse = Json.mapper().treeToValue(tree, ModelCard.class);
        assertThat(TrainCommand.priorCalibrationLine(worse)).contains(String.format(Locale.ROOT, "; warning: on the validation "
                + "split the correction raised the log-loss from %.4f to %.4f (the card keeps both", before, before + 0.0044),
                "--calibrate prior,temperature fits a temperature");
        assertThat(ClassWeightNote.of(worse).orElseThrow()).contains("meant to estimate the classes' rates as in training, but "
                + "on the validation split the correction raised the log-loss", "read them as rates with care")
                .doesNotContain("so they estimate");
        // the one line of standard error keeps the warning, and points to the full text
        assertThat(ClassWeightNote.line(worse).orElseThrow()).contains("meant to estimate the classes' rates as in training, but "
                + "on the validation split the correction raised the log-loss", "read them as rates with care", ClassWeightNote.DOCS)
                .hasSizeLessThan(400);
        assertThat(ClassWeightNote.line(card).orElseThrow()).contains("so they estimate the classes' rates as in training")
                .endsWith("(see " + ClassWeightNote.DOCS + ")");
    }

    /** The predicted class of each validation sequence, by id, and its true class, from a run's validation-predictions.csv. */
    private static Map<String, String[]> validationPredictions(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("validation-predictions.csv"));
        assertThat(lines.get(0)).startsWith("id,actual,predicted,");
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            out.put(c[0], new String[] {c[1], c[2]});
        }
        return out;
    }

    /**
     * Trial 80e F2: the calibration line said how many validation sequences changed predicted class, not that all of them
     * went from right to wrong. Golden: the uncorrected run (the same training: seed, one thread) and the corrected one's
     * validation-predictions.csv, compared sequence by sequence; results.json's priorEffect and the line give the same counts,
     * the accuracy and macro-F1 before (the epoch's history, the uncorrected run's) and after, and each changed recall.
     */
    @Test
    void theCalibrationLineSaysWhichWayTheMovedSequencesWentAndTheScoresBeforeAndAfter() throws Exception {
        Map<String, String[]> plain = validationPredictions(weighted);
        Map<String, String[]> corrected = validationPredictions(prior);
        assertThat(corrected.keySet()).isEqualTo(plain.keySet());
        int moved = 0;
        int toRight = 0;
        int toWrong = 0;
        int rareRightBefore = 0;
        int rareRightAfter = 0;
        int rare = 0;
        for (String id : plain.keySet()) {
            String actual = plain.get(id)[0];
            String before = plain.get(id)[1];
            String after = corrected.get(id)[1];
            moved += before.equals(after) ? 0 : 1;
            toRight += !before.equals(after) && after.equals(actual) ? 1 : 0;
            toWrong += !before.equals(after) && before.equals(actual) ? 1 : 0;
            rare += actual.equals("rare") ? 1 : 0;
            rareRightBefore += actual.equals("rare") && before.equals(actual) ? 1 : 0;
            rareRightAfter += actual.equals("rare") && after.equals(actual) ? 1 : 0;
        }
        assertThat(moved).as("the correction moved some validation sequence (else this test shows nothing)").isPositive();
        JsonNode results = Json.mapper().readTree(prior.resolve("results.json").toFile());
        JsonNode effect = results.get("priorEffect");
        assertThat(effect).as("results.json priorEffect").isNotNull();
        assertThat(effect.get("moved").asInt()).isEqualTo(moved);
        assertThat(effect.get("toRight").asInt()).isEqualTo(toRight);
        assertThat(effect.get("toWrong").asInt()).isEqualTo(toWrong);
        JsonNode plainResults = Json.mapper().readTree(weighted.resolve("results.json").toFile());
        double accuracyBefore = plainResults.get("validation").get("metrics").get("ACCURACY").asDouble();
        double macroF1Before = plainResults.get("validation").get("metrics").get("MACRO_F1").asDouble();
        double accuracyAfter = results.get("validation").get("metrics").get("ACCURACY").asDouble();
        double macroF1After = results.get("validation").get("metrics").get("MACRO_F1").asDouble();
        assertThat(effect.get("accuracyBefore").asDouble()).isCloseTo(accuracyBefore, within(1e-12));
        assertThat(effect.get("macroF1Before").asDouble()).isCloseTo(macroF1Before, within(1e-12));
        assertThat(effect.get("accuracyAfter").asDouble()).isCloseTo(accuracyAfter, within(1e-12));
        assertThat(effect.get("macroF1After").asDouble()).isCloseTo(macroF1After, within(1e-12));
        assertThat(priorRun.out()).contains(String.format(Locale.ROOT, "and %d validation sequence(s) changed predicted class, %d "
                + "from a wrong class to the right one and %d from the right class to a wrong one", moved, toRight, toWrong))
                .contains(String.format(Locale.ROOT, ": validation accuracy %.4f -> %.4f, macro-F1 %.4f -> %.4f", accuracyBefore,
                        accuracyAfter, macroF1Before, macroF1After));
        if (rareRightBefore != rareRightAfter) {
            assertThat(priorRun.out()).contains(String.format(Locale.ROOT, "'rare' %d/%d -> %d/%d", rareRightBefore, rare,
                    rareRightAfter, rare));
        }
        // trial 80e F1: the kept line gives the scores the epoch was chosen by (the uncorrected ones), then the corrected ones
        assertThat(priorRun.out()).contains(String.format(Locale.ROOT, "validation accuracy %.4f, macro-F1 %.4f before the prior "
                + "correction (the epochs were scored on these), %.4f and %.4f after it (the model's predictions)", accuracyBefore,
                macroF1Before, accuracyAfter, macroF1After));
        JsonNode none = Json.mapper().readTree(weighted.resolve("results.json").toFile()).get("priorEffect");
        assertThat(none == null || none.isNull()).as("no correction, no priorEffect: " + none).isTrue();
    }

    /**
     * Trial 80e F6: the note said the corrected probabilities "estimate the classes' rates" where the validation split that
     * checked them held one sequence of the rare class. Under {@value org.rnnlab.evaluation.metrics.ScoreIntervals#FEW_SEQUENCES}
     * validation sequences of the class weighted up most, the note and train's line say its rate is not checked.
     */
    @Test
    void aRateCheckedOnFewValidationSequencesIsQualified() throws Exception {
        ModelCard card = ModelBundle.readCard(prior.resolve("model.rnnlab"));
        double rare = card.metrics().get(TrainRun.CLASS_SEQUENCES);
        assertThat(rare).as("this run's validation 'rare' sequences").isPositive().isLessThan(10);
        long n = Math.round(rare);
        assertThat(ClassWeightNote.line(card).orElseThrow()).contains("meant to estimate the classes' rates as in training, but "
                + "the validation split checked them on only " + n + " sequence" + (n == 1 ? "" : "s") + " of 'rare' (the class "
                + "weighted up most): its rate is not checked").doesNotContain("so they estimate");
        assertThat(ClassWeightNote.of(card).orElseThrow()).contains("its rate is not checked");
        assertThat(priorRun.out()).contains(String.format(Locale.ROOT, "against its share %.4f (%d validation sequence(s) of "
                + "'rare': its rate is not checked)", card.metrics().get(TrainRun.CLASS_SHARE), n));
        // with 10 or more the note stands as it was
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper()
                .valueToTree(card);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("metrics")).put(TrainRun.CLASS_SEQUENCES, 10.0);
        ModelCard enough = Json.mapper().treeToValue(tree, ModelCard.class);
        assertThat(ClassWeightNote.line(enough).orElseThrow()).contains("so they estimate the classes' rates as in training");
    }

    @Test
    void priorThenTemperatureIsTheTemperatureOfTheCorrectedProbabilities() throws Exception {
        ModelCard card = ModelBundle.readCard(both.resolve("model.rnnlab"));
        List<Double> w = card.spec().classWeights();
        assertThat(card.priorCorrection()).isEqualTo(w);
        double t = card.temperature();
        assertThat(Files.readString(both.resolve("config.json"))).contains("\"calibrate\" : \"prior,temperature\"");
        Map<String, double[]> plain = predicted(weighted.resolve("model.rnnlab"));
        Map<String, double[]> got = predicted(both.resolve("model.rnnlab"));
        for (Map.Entry<String, double[]> e : plain.entrySet()) {
            double z0 = (Math.log(e.getValue()[0]) - Math.log(w.get(0))) / t;
            double z1 = (Math.log(e.getValue()[1]) - Math.log(w.get(1))) / t;
            double m = Math.max(z0, z1);
            double q1 = Math.exp(z1 - m) / (Math.exp(z0 - m) + Math.exp(z1 - m));
            assertThat(got.get(e.getKey())[1]).as(e.getKey()).isCloseTo(q1, within(1e-6));
        }
        Map<String, Double> m = card.metrics();
        assertThat(bothRun.out()).contains(String.format(Locale.ROOT, ", then temperature T = %.4f fitted on the corrected "
                + "validation probabilities", t)).contains(String.format(Locale.ROOT, "(%.4f after the correction alone)",
                m.get(TrainRun.LOG_LOSS_PRIOR)));
        assertThat(m.get(TrainRun.LOG_LOSS_AFTER)).isLessThanOrEqualTo(m.get(TrainRun.LOG_LOSS_PRIOR) + 1e-12);
    }

    @Test
    void predictEvaluateServeAndTheJavaApiGiveTheSameProbabilities() throws Exception {
        Path model = both.resolve("model.rnnlab");
        Map<String, double[]> fromPredict = predicted(model);
        // evaluate scores what predict writes: the mean probability of 'rare', the Brier score and the accuracy of its argmax
        JsonNode e = Json.mapper().readTree(run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive",
                "rare", "--json").out());
        double brier = 0;
        int right = 0;
        for (Map.Entry<String, double[]> p : fromPredict.entrySet()) {
            boolean isRare = Integer.parseInt(p.getKey().substring(1)) % 25 < 3;
            brier += Math.pow(p.getValue()[1] - (isRare ? 1 : 0), 2) + Math.pow(p.getValue()[0] - (isRare ? 0 : 1), 2);
            right += (p.getValue()[1] > p.getValue()[0]) == isRare ? 1 : 0;
        }
        JsonNode c = e.get("calibration");
        assertThat(c.get("meanPredicted").asDouble()).isCloseTo(meanRare(fromPredict), within(1e-6));
        assertThat(c.get("brier").asDouble()).isCloseTo(brier / fromPredict.size(), within(1e-6));
        assertThat(e.toString()).contains("\"accuracy\":" + (double) right / fromPredict.size());
        // the Java API, whole sequences and a stream step by step
        List<String> ids = new ArrayList<>(fromPredict.keySet());
        List<float[][]> sequences = sequences(ids);
        try (SequenceClassifier classifier = ModelBundle.load(model)) {
            List<SequenceClassifier.Prediction> api = classifier.predict(sequences);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(api.get(i).probabilities()[1]).as(ids.get(i)).isCloseTo(fromPredict.get(ids.get(i))[1], within(1e-6));
            }
            org.rnnlab.training.PredictionStream stream = classifier.stream();
            double[] last = null;
            for (float[] step : sequences.get(0)) {
                last = stream.step(step).probabilities();
            }
            assertThat(last[1]).isCloseTo(fromPredict.get(ids.get(0))[1], within(1e-5));
        }
        // serve
        try (ModelServer server = ModelServer.start(List.of(ServedModel.load("m", model)), ServeOptions.defaults(0))) {
            String body = Json.writeCompact(Map.of("sequences", sequences.subList(0, 20)));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/models/m/predict"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode predictions = Json.mapper().readTree(r.body()).get("predictions");
            for (int i = 0; i < 20; i++) {
                assertThat(predictions.get(i).get("probabilities").get("rare").asDouble()).as(ids.get(i))
                        .isCloseTo(fromPredict.get(ids.get(i))[1], within(1e-6));
                double[] p = fromPredict.get(ids.get(i));
                assertThat(predictions.get(i).get("label").asText()).isEqualTo(p[1] > p[0] ? "rare" : "common");
            }
        }
    }

    /** The file's sequences of {@code ids}, as the Java API takes them (one feature, 'a'). */
    private static List<float[][]> sequences(List<String> ids) throws Exception {
        Map<String, List<Float>> byId = new LinkedHashMap<>();
        for (String line : Files.readAllLines(data).subList(1, Files.readAllLines(data).size())) {
            String[] c = line.split(",");
            byId.computeIfAbsent(c[0], k -> new ArrayList<>()).add(Float.parseFloat(c[2]));
        }
        List<float[][]> out = new ArrayList<>();
        for (String id : ids) {
            List<Float> v = byId.get(id);
            float[][] s = new float[v.size()][1];
            for (int t = 0; t < v.size(); t++) {
                s[t][0] = v.get(t);
            }
            out.add(s);
        }
        return out;
    }

    @Test
    void withoutClassWeightsItIsAUsageErrorSayingWhy() throws Exception {
        TrainEvaluatePredictTest.Run r = run(args(dir.resolve("unweighted"), "--calibrate", "prior"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--calibrate prior undoes the shift --class-weights put into the probabilities (each "
                + "class's probability divided by its weight), and this model is trained without class weights: there is nothing "
                + "to undo; give --class-weights (balanced, or a file), or calibrate with --calibrate temperature");
        assertThat(dir.resolve("unweighted")).doesNotExist();
        assertThat(run(args(dir.resolve("other"), "--calibrate", "platt")).err()).contains("--calibrate platt: the methods are "
                + "temperature");
        // an older card (no priorCorrection) reads as before; a card's weights of another count are refused by name
        ModelCard card = ModelBundle.readCard(weighted.resolve("model.rnnlab"));
        assertThat(card.calibrated(new double[] {0.3, 0.7})).containsExactly(0.3, 0.7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> card.withPriorCorrection(List.of(1.0)))
                .hasMessageContaining("'priorCorrection' holds 1 weights (expected one for each of the 2 labelNames");
    }
}
