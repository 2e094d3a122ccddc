package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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

        // model-info shows it (trial 80g F4: a user unzipped the file to see it): its summaries, classes and test scores
        Run info = run("model-info", model.toString());
        assertThat(info.code()).as(info.err()).isZero();
        String infoLine = info.out().lines().filter(l -> l.trim().startsWith("summaryBaseline")).findFirst().orElseThrow(
                () -> new AssertionError("model-info printed no summaryBaseline line:\n" + info.out()));
        assertThat(infoLine).contains("logistic regression on each sequence's mean and sd of each feature")
                .contains("4 summaries of 2 features (mean(x), mean(y), sd(x), sd(y)), classes " + String.join(", ",
                        card.labelNames().stream().map(l -> "'" + l + "'").toList()))
                .contains(String.format(Locale.ROOT, "on the run's test split (%d sequences) accuracy %.4f, macro-F1 %.4f",
                        stored.testSequences(), stored.testAccuracy(), stored.testMacroF1()))
                .contains(String.format(Locale.ROOT, "; validation accuracy %.4f", stored.validationAccuracy()));

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
        assertThat(ownJson.get("fell").asBoolean()).as("its own test split: no fall").isFalse();
        assertThat(ownJson.get("fellP").asDouble()).isEqualTo(1.0);

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

        // trial 80g F2: a month whose level moved far: the baseline's own accuracy falls beyond chance, and the line says that
        // the comparison then tells of the drift (golden: Fisher's exact p of the 2x2 table by hand from the hypergeometric)
        Path month3 = Files.writeString(dir.resolve("month3.csv"), data(120, 78, 5.0));
        Run far = run("evaluate", "--model", model.toString(), "--input", month3.toString(), "--json");
        assertThat(far.code()).as(far.err()).isZero();
        JsonNode farJson = Json.mapper().readTree(far.out()).get("summaryBaseline");
        long testRight = Math.round(stored.testAccuracy() * stored.testSequences());
        long hereRight = Math.round(farJson.get("accuracy").asDouble() * 120);
        assertThat(farJson.get("fellP").asDouble()).isCloseTo(fisher(testRight, stored.testSequences() - testRight, hereRight,
                120 - hereRight), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(farJson.get("fell").asBoolean()).as(far.out()).isTrue();
        Run farText = run("evaluate", "--model", model.toString(), "--input", month3.toString());
        assertThat(farText.out()).contains(String.format(Locale.ROOT, "; but the baseline's own accuracy fell from %.4f on the "
                + "run's test split (%d sequences) to %.4f here (Fisher's exact p = ", stored.testAccuracy(), stored.testSequences(),
                farJson.get("accuracy").asDouble())).contains("the features' means and sds it reads may have drifted from training's, "
                + "or these data hold another class mix (more of the classes it gets wrong), so this comparison may say more of "
                + "that than of the model's use of the step order");
        assertThat(ownText.out()).doesNotContain("the baseline's own accuracy fell");
    }

    /** Fisher's exact two-sided p of [[a, b], [c, d]], summing the hypergeometric probabilities not above the table's. */
    private static double fisher(long a, long b, long c, long d) {
        long r1 = a + b;
        long c1 = a + c;
        long n = a + b + c + d;
        double observed = hypergeometric(a, r1, c1, n);
        double p = 0;
        for (long x = Math.max(0, c1 - (n - r1)); x <= Math.min(r1, c1); x++) {
            double q = hypergeometric(x, r1, c1, n);
            p += q <= observed * (1 + 1e-7) ? q : 0;
        }
        return Math.min(1, p);
    }

    private static double hypergeometric(long x, long r1, long c1, long n) {
        return Math.exp(lnChoose(r1, x) + lnChoose(n - r1, c1 - x) - lnChoose(n, c1));
    }

    private static double lnChoose(long n, long k) {
        double s = 0;
        for (long i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    /**
     * Review 80a R1: on a month without one class, the comparison with the summary-feature baseline used rnnlab's macro-F1
     * (over the classes present) where every other verdict uses scikit-learn's (present or predicted): the model's read 0.0385
     * there against evaluate's own 0.0256 a line above. Now scikit-learn's on both sides, named so, checked here against a
     * computation of scikit-learn's definition from the card's coefficients. And review 80a R6: on the train split, which the
     * regression was fitted on, it is not scored (in-sample), and a note says so.
     */
    @Test
    void onDataWithoutAClassTheComparisonUsesScikitLearnsMacroF1OnBothSidesAndTheTrainSplitIsNotScored() throws Exception {
        Path train = Files.writeString(dir.resolve("month1.csv"), data(180, 5, 0));
        Path runDir = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "3", "--epochs", "1", "--seed", "1",
                "--threads", "1", "--quiet", "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Path model = runDir.resolve("model.rnnlab");
        ModelCard card = ModelBundle.readCard(model);
        var stored = card.storedSummaryBaseline().orElseThrow();
        JsonNode recorded = Json.mapper().readTree(runDir.resolve("results.json").toFile()).get("summaryBaseline");
        // the card keeps scikit-learn's figure of the run's test split too, as train's verdict compares it
        assertThat(stored.testMacroF1PresentOrPredicted()).as("card's summaryBaseline.testMacroF1PresentOrPredicted")
                .isEqualTo(recorded.get("macroF1PresentOrPredicted").asDouble());
        Run own = run("evaluate", "--model", model.toString(), "--split", "test", "--json");
        assertThat(own.code()).as(own.err()).isZero();
        JsonNode ownJson = Json.mapper().readTree(own.out()).get("summaryBaseline");
        assertThat(ownJson.get("macroF1PresentOrPredicted").asDouble()).as(own.out())
                .isEqualTo(stored.testMacroF1PresentOrPredicted());
        assertThat(ownJson.get("runTestMacroF1PresentOrPredicted").asDouble()).isEqualTo(stored.testMacroF1PresentOrPredicted());

        // a month holding no 'high' sequence, its levels shifted up so that the regression predicts 'high' on some
        StringBuilder noHigh = new StringBuilder();
        for (String l : data(120, 77, 0.8).split("\n")) {
            if (!l.endsWith(",high")) {
                noHigh.append(l).append('\n');
            }
        }
        Path month = Files.writeString(dir.resolve("no-high.csv"), noHigh.toString());
        Run other = run("evaluate", "--model", model.toString(), "--input", month.toString(), "--json");
        assertThat(other.code()).as(other.err()).isZero();
        JsonNode all = Json.mapper().readTree(other.out());
        JsonNode json = all.get("summaryBaseline");
        double[] expected = independently(Json.mapper().readTree(Json.write(card)).get("summaryBaseline"), noHigh.toString(),
                card.labelNames());
        assertThat(expected[2]).as("the data must have the regression predict the absent class (its two macro-F1s differ)")
                .isLessThan(expected[1]);
        assertThat(json.get("macroF1").asDouble()).as("rnnlab's, over the classes present").isCloseTo(expected[1], within(1e-12));
        assertThat(json.get("macroF1PresentOrPredicted").asDouble()).as("scikit-learn's f1_score(average='macro') of the baseline")
                .isCloseTo(expected[2], within(1e-12));
        // the model's: the figure evaluate's own scores and majority verdict give for the same predictions
        // (absent where the model predicted no class these data hold none of: then equal to rnnlab's)
        double modelJudged = all.has("macroF1PresentOrPredicted") ? all.get("macroF1PresentOrPredicted").asDouble()
                : json.get("modelMacroF1").asDouble();
        assertThat(json.get("modelMacroF1PresentOrPredicted").asDouble()).as(other.out()).isEqualTo(modelJudged);
        assertThat(json.get("macroF1Difference").asDouble()).as("the model's minus the baseline's, of scikit-learn's figures")
                .isCloseTo(modelJudged - expected[2], within(1e-12));

        Run text = run("evaluate", "--model", model.toString(), "--input", month.toString());
        assertThat(text.code()).as(text.err()).isZero();
        String line = text.out().lines().filter(l -> l.startsWith("(summary-feature baseline")).findFirst().orElseThrow(
                () -> new AssertionError("no summary-feature baseline line in:\n" + text.out()));
        assertThat(line).as("the figure named where it differs").contains(String.format(Locale.ROOT,
                        "macro-F1 (scikit-learn's: classes present or predicted) %.4f on these data (%.4f, %.4f on the run's test split)",
                        expected[2], stored.testAccuracy(), stored.testMacroF1PresentOrPredicted()))
                .contains("the model's accuracy " + org.rnnlab.evaluation.compare.PairedDifference.signed(
                        json.get("accuracyDifference").asDouble()) + ", macro-F1 (scikit-learn's: classes present or predicted) "
                        + org.rnnlab.evaluation.compare.PairedDifference.signed(modelJudged - expected[2]) + ",");

        // R6: the train split is the regression's own training data
        Run onTrain = run("evaluate", "--model", model.toString(), "--split", "train", "--json");
        assertThat(onTrain.code()).as(onTrain.err()).isZero();
        assertThat(Json.mapper().readTree(onTrain.out()).get("summaryBaseline").isNull()).as(onTrain.out()).isTrue();
        assertThat(onTrain.err()).contains("evaluate: note: the summary-feature baseline (logistic regression on each sequence's "
                + "mean and sd of each feature) is not scored on the train split: it was fitted on those sequences, so its scores "
                + "there are in-sample").doesNotContain("is not in this model file");
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
        Run info = run("model-info", old.toString());
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("summaryBaseline none in this file (written by an rnnlab before it was stored");
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
     * Accuracy, macro-F1 over the classes present and scikit-learn's {@code f1_score(average='macro')} (over the classes
     * present or predicted) of the regression in {@code stored} (the card's JSON) on the CSV text
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
        int presentOrPredicted = 0;
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
            if (support > 0 || predicted > 0) { // scikit-learn's labels: those in y_true or y_pred; an absent one has F1 0
                presentOrPredicted++;
            }
        }
        return new double[] {right / (double) total, f1 / present, f1 / presentOrPredicted};
    }
}
