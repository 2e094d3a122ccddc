package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.metrics.ScoreIntervals;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.SequenceClassifier;

/**
 * train keeps the summary-feature baseline it fits (the regression on each sequence's mean and sd of each feature) in the
 * model file, and evaluate scores it on the data it evaluates: a user evaluating a deployed model on a new month of data
 * could see the majority baseline there, not whether the network still beat the simple regression.
 */
class StoredSummaryBaselineTest {

    @TempDir
    Path dir;

    private static final String[] LABELS = {"low", "mid", "high"};

    /**
     * Three classes whose levels of x overlap (sd 1.2 around 0, 1.5 and 3), y noise, sequences of 6 to 11 steps; {@code shift}
     * added to every x.
     */
    private static String data(int n, long seed, double shift) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("sequence_id,time,x,y,label\n");
        for (int s = 0; s < n; s++) {
            int c = s % 3;
            int length = 6 + r.nextInt(6);
            for (int t = 0; t < length; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%d,%.4f,%.4f,%s%n", s, t, 1.5 * c + shift + 1.2 * r.nextGaussian(),
                        0.5 * c * r.nextGaussian() + r.nextGaussian(), LABELS[c]));
            }
        }
        return b.toString();
    }

    @Test
    void evaluateScoresTheStoredBaselineExactlyAsTrainDidAndRecomputesItOnShiftedData() throws Exception {
        Path train = Files.writeString(dir.resolve("month1.csv"), data(180, 5, 0));
        Path runDir = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "3", "--epochs", "1", "--seed", "1",
                "--threads", "1", "--quiet", "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        JsonNode recorded = Json.mapper().readTree(runDir.resolve("results.json").toFile()).get("summaryBaseline");
        assertThat(recorded.isObject()).as("results.json summaryBaseline").isTrue();
        Path model = runDir.resolve("model.rnnlab");

        // the model file keeps the regression as data: features, summaries, standardisation, coefficients, classes, scores
        ModelCard card = ModelBundle.readCard(model);
        var stored = card.storedSummaryBaseline().orElseThrow(() -> new AssertionError("model-card.json of " + model
                + " has no summaryBaseline"));
        assertThat(stored.features()).containsExactly("x", "y");
        assertThat(stored.summaries()).containsExactly("mean(x)", "mean(y)", "sd(x)", "sd(y)");
        assertThat(stored.classes()).isEqualTo(card.labelNames());
        assertThat(stored.coefficients()).hasSize(3).allSatisfy(row -> assertThat(row).hasSize(4));
        assertThat(stored.testAccuracy()).as("card's summaryBaseline.testAccuracy against results.json's accuracy")
                .isEqualTo(recorded.get("accuracy").asDouble());
        assertThat(stored.testMacroF1()).isEqualTo(recorded.get("macroF1").asDouble());
        assertThat(stored.validationAccuracy()).isEqualTo(recorded.get("validationAccuracy").asDouble());
        JsonNode cardJson = Json.mapper().readTree(Json.write(card)).get("summaryBaseline");
        assertThat(cardJson.get("coefficients").get(0).size()).isEqualTo(4);

        // evaluate on the run's own test split: exactly the scores train recorded
        Run own = run("evaluate", "--model", model.toString(), "--split", "test", "--json");
        assertThat(own.code()).as(own.err()).isZero();
        JsonNode ownJson = Json.mapper().readTree(own.out()).get("summaryBaseline");
        assertThat(ownJson.isObject()).as(own.out()).isTrue();
        assertThat(ownJson.get("accuracy").asDouble()).as("evaluate --split test against train's results.json")
                .isEqualTo(recorded.get("accuracy").asDouble());
        assertThat(ownJson.get("macroF1").asDouble()).isEqualTo(recorded.get("macroF1").asDouble());
        assertThat(ownJson.get("sequences").asInt()).isEqualTo(stored.testSequences());
        assertThat(ownJson.get("features").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(own.err()).doesNotContain("summary-feature baseline");

        // and its line in the text, after the majority baseline's, with McNemar's test against the model
        Run ownText = run("evaluate", "--model", model.toString(), "--split", "test");
        assertThat(ownText.code()).as(ownText.err()).isZero();
        String line = ownText.out().lines().filter(l -> l.startsWith("(summary-feature baseline")).findFirst().orElseThrow(
                () -> new AssertionError("no summary-feature baseline line in:\n" + ownText.out()));
        assertThat(line).startsWith("(summary-feature baseline, fitted on the training split of the model's run and stored in the "
                + "model file: logistic regression on each sequence's mean and sd of each feature (4 summaries of 2 features, no "
                + "step order): accuracy " + String.format(Locale.ROOT, "%.4f", stored.testAccuracy()))
                .contains(String.format(Locale.ROOT, "(%.4f, %.4f on the run's test split)", stored.testAccuracy(),
                        stored.testMacroF1())).contains("McNemar's exact p ");
        assertThat(ownText.out().indexOf("(baseline as train gives it: always ")).isNotNegative()
                .isLessThan(ownText.out().indexOf(line));

        // a shifted month: recomputed, here independently from the coefficients in the card
        String shifted = data(120, 77, 0.8);
        Path month2 = Files.writeString(dir.resolve("month2.csv"), shifted);
        Run other = run("evaluate", "--model", model.toString(), "--input", month2.toString(), "--json");
        assertThat(other.code()).as(other.err()).isZero();
        JsonNode otherJson = Json.mapper().readTree(other.out()).get("summaryBaseline");
        double[] expected = independently(cardJson, shifted, card.labelNames());
        assertThat(otherJson.get("accuracy").asDouble()).as("accuracy of the stored regression on %s", month2)
                .isCloseTo(expected[0], org.assertj.core.api.Assertions.within(1e-12));
        assertThat(otherJson.get("macroF1").asDouble()).isCloseTo(expected[1], org.assertj.core.api.Assertions.within(1e-12));
        assertThat(otherJson.get("accuracy").asDouble()).isNotEqualTo(stored.testAccuracy());
        assertThat(otherJson.get("sequences").asInt()).isEqualTo(120);
        long b = otherJson.get("modelOnlyRight").asLong();
        long c = otherJson.get("baselineOnlyRight").asLong();
        assertThat(otherJson.get("mcnemarP").asDouble()).isEqualTo(ScoreIntervals.mcnemar(b, c));
        assertThat(otherJson.get("accuracyDifference").asDouble() * 120).isCloseTo(b - c, org.assertj.core.api.Assertions.within(1e-9));
    }

    /**
     * Missing cells filled by the model's policy ({@code --missing interpolate}): the summaries are of the values as the model
     * reads them, so evaluate's re-carved test split gives train's scores exactly.
     */
    @Test
    void withMissingCellsFilledByTheModelsPolicyTheOwnTestSplitGivesTrainsScoresExactly() throws Exception {
        StringBuilder gappy = new StringBuilder();
        int row = 0;
        for (String line : data(150, 9, 0).split("\n")) {
            String[] cells = line.split(",");
            // every 7th row's x blank, never a sequence's first step (interpolate then fills from both sides or the one after)
            gappy.append(row++ % 7 == 3 && !cells[1].equals("0") ? String.join(",", cells[0], cells[1], "", cells[3], cells[4]) : line)
                    .append('\n');
        }
        Path train = Files.writeString(dir.resolve("gappy.csv"), gappy.toString());
        Path runDir = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--missing", "interpolate", "--hidden", "3",
                "--epochs", "1", "--seed", "1", "--threads", "1", "--quiet", "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        JsonNode recorded = Json.mapper().readTree(runDir.resolve("results.json").toFile()).get("summaryBaseline");
        Run own = run("evaluate", "--model", runDir.resolve("model.rnnlab").toString(), "--split", "test", "--json");
        assertThat(own.code()).as(own.err()).isZero();
        JsonNode ownJson = Json.mapper().readTree(own.out()).get("summaryBaseline");
        assertThat(ownJson.get("accuracy").asDouble()).as(own.err()).isEqualTo(recorded.get("accuracy").asDouble());
        assertThat(ownJson.get("macroF1").asDouble()).isEqualTo(recorded.get("macroF1").asDouble());
    }

    /** A model file written before the baseline was stored: evaluate works as before and says so once, as a note. */
    @Test
    void anOlderModelFileWithoutItIsEvaluatedWithANote() throws Exception {
        Path train = Files.writeString(dir.resolve("month1.csv"), data(90, 6, 0));
        Path runDir = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "3", "--epochs", "1", "--seed", "1",
                "--threads", "1", "--quiet", "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Path old = dir.resolve("old.rnnlab");
        try (SequenceClassifier c = ModelBundle.load(runDir.resolve("model.rnnlab"))) {
            assertThat(c.card().storedSummaryBaseline()).isPresent();
            ModelBundle.save(c.network(), Optional.ofNullable(c.normalizer()), c.card().withSummaryBaseline(null), old);
        }
        Path month2 = Files.writeString(dir.resolve("month2.csv"), data(60, 8, 0.5));
        Run evaluated = run("evaluate", "--model", old.toString(), "--input", month2.toString(), "--json");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(Json.mapper().readTree(evaluated.out()).get("summaryBaseline").isNull()).isTrue();
        assertThat(evaluated.err().split("the summary-feature baseline \\(", -1)).as(evaluated.err()).hasSize(2);
        assertThat(evaluated.err()).contains("evaluate: note: the summary-feature baseline (logistic regression on each sequence's "
                + "mean and sd of each feature) is not in this model file");
        Run text = run("evaluate", "--model", old.toString(), "--input", month2.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("(baseline as train gives it: always ").doesNotContain("summary-feature baseline");
    }

    /**
     * Accuracy and macro-F1 (over the classes present) of the regression in {@code stored} (the card's JSON) on the CSV text
     * {@code csv}, computed here from the definition: population mean and sd of each feature over a sequence's steps,
     * standardised by the stored centre and scale, argmax of the intercept plus the coefficients' row.
     */
    private static double[] independently(JsonNode stored, String csv, List<String> labels) {
        Map<String, List<double[]>> steps = new LinkedHashMap<>();
        Map<String, String> label = new LinkedHashMap<>();
        for (String l : csv.split("\n")) {
            String[] cells = l.split(",");
            if (cells[0].equals("sequence_id")) {
                continue;
            }
            // the values as the reader holds them: floats
            steps.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(new double[] {Float.parseFloat(cells[2]),
                    Float.parseFloat(cells[3])});
            label.put(cells[0], cells[4]);
        }
        int k = labels.size();
        long[][] confusion = new long[k][k];
        for (var e : steps.entrySet()) {
            List<double[]> v = e.getValue();
            double[] z = new double[4];
            for (int f = 0; f < 2; f++) {
                double mean = 0;
                for (double[] s : v) {
                    mean += s[f];
                }
                mean /= v.size();
                double sq = 0;
                for (double[] s : v) {
                    sq += (s[f] - mean) * (s[f] - mean);
                }
                z[f] = mean;
                z[2 + f] = Math.sqrt(sq / v.size());
            }
            for (int j = 0; j < 4; j++) {
                z[j] = (z[j] - stored.get("centre").get(j).asDouble()) / stored.get("scale").get(j).asDouble();
            }
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double a = stored.get("intercepts").get(c).asDouble();
                for (int j = 0; j < 4; j++) {
                    a += stored.get("coefficients").get(c).get(j).asDouble() * z[j];
                }
                if (a > bestScore) {
                    bestScore = a;
                    best = c;
                }
            }
            confusion[labels.indexOf(label.get(e.getKey()))][best]++;
        }
        long right = 0;
        long total = 0;
        double f1 = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long support = 0;
            long predicted = 0;
            for (int o = 0; o < k; o++) {
                support += confusion[c][o];
                predicted += confusion[o][c];
            }
            right += tp;
            total += support;
            if (support > 0) {
                present++;
                f1 += tp == 0 ? 0 : 2.0 * tp / (support + predicted);
            }
        }
        return new double[] {right / (double) total, f1 / present};
    }
}
