package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.metrics.FisherExact;

/**
 * evaluate's scores of a new file against the model's own test split at training (trial 80c F3: a month at accuracy 0.50
 * against the card's 1.00 was not said to be a drop): the line, {@code --json}'s {@code heldOutComparison}, its Fisher test
 * on the counts the card now keeps, and what a card without them (older models) or without test scores gets.
 */
class HeldOutComparisonTest {

    @TempDir
    static Path dir;

    static Path model;

    /**
     * Sequences of 20 steps, {@code n} per class: 'low' about 0 in x, 'high' about 3 (x shifted by {@code highShift}), y noise;
     * seeded.
     */
    private static String sequences(String prefix, int n, double highShift, long seed) {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("id,x,y,label\n");
        for (int i = 0; i < 2 * n; i++) {
            boolean high = i % 2 == 1;
            for (int t = 0; t < 20; t++) {
                double x = (high ? 3 + highShift : 0) + 0.5 * r.nextGaussian();
                csv.append(String.format(Locale.ROOT, "%s%03d,%.5f,%.5f,%s%n", prefix, i, x, r.nextGaussian(), high ? "high" : "low"));
            }
        }
        return csv.toString();
    }

    @BeforeAll
    static void train() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), sequences("tr", 40, 0, 1));
        Path test = Files.writeString(dir.resolve("test.csv"), sequences("te", 20, 0, 2));
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--set",
                "sequenceId=id", "--hidden", "4", "--epochs", "3", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        model = out.resolve("model.rnnlab");
    }

    @Test
    void aMonthIsTestedAgainstTheTestSplitByFishersExactTestOnTheCountsTheCardKeeps() throws Exception {
        // the 'high' class's level moved down 3: read as 'low'
        Path month = Files.writeString(dir.resolve("month.csv"), sequences("m", 25, -3, 3));
        Run text = run("evaluate", "--model", model.toString(), "--input", month.toString());
        assertThat(text.code()).as(text.err()).isZero();
        Run json = run("evaluate", "--model", model.toString(), "--input", month.toString(), "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode node = Json.mapper().readTree(json.out());
        JsonNode cmp = node.get("heldOutComparison");
        assertThat(cmp.get("status").asText()).isEqualTo("compared");
        // the card's counts: 40 test sequences, its accuracy's right ones, each class's support and recall
        java.util.Map<String, Double> card = org.rnnlab.training.ModelBundle.readCard(model).metrics();
        double testAccuracy = card.get("test_accuracy");
        assertThat(card.get("test_sequences")).isEqualTo(40.0);
        assertThat(card.get("test_support.high")).isEqualTo(20.0);
        JsonNode accuracy = cmp.get("accuracy");
        assertThat(accuracy.get("testSequences").asLong()).isEqualTo(40);
        assertThat(accuracy.get("testCorrect").asLong()).isEqualTo(Math.round(testAccuracy * 40));
        assertThat(accuracy.get("test").asDouble()).isEqualTo(testAccuracy);
        // these data's right ones: the confusion matrix's diagonal
        long right = node.get("confusion").get(0).get(0).asLong() + node.get("confusion").get(1).get(1).asLong();
        assertThat(accuracy.get("hereCorrect").asLong()).isEqualTo(right);
        assertThat(accuracy.get("hereSequences").asLong()).isEqualTo(50);
        assertThat(accuracy.get("here").asDouble()).isCloseTo(node.get("metrics").get("ACCURACY").asDouble(), within(1e-12));
        double p = FisherExact.twoSided(accuracy.get("testCorrect").asLong(), 40 - accuracy.get("testCorrect").asLong(), right,
                50 - right);
        assertThat(accuracy.get("p").asDouble()).isEqualTo(p);
        assertThat(accuracy.get("differs").asBoolean()).isEqualTo(p < 0.05);
        assertThat(cmp.has("sharedClasses")).as("sharedClasses where every class here was tested").isFalse();
        assertThat(cmp.get("verdict").get("over").asText()).isEqualTo("allClasses");
        assertThat(cmp.get("verdict").get("differs").asBoolean()).isEqualTo(p < 0.05);
        // each class: the card's recall there against the recall here
        JsonNode high = cmp.get("perClass").get(0);
        assertThat(high.get("label").asText()).isEqualTo("high");
        assertThat(high.get("testSupport").asLong()).isEqualTo(20);
        assertThat(high.get("support").asLong()).isEqualTo(25);
        assertThat(high.get("recalled").asLong()).isEqualTo(node.get("confusion").get(0).get(0).asLong());
        // the line says the same, with the verdict its p gives
        String line = text.out().lines().filter(l -> l.startsWith("against the model's test split at training")).findFirst()
                .orElseThrow();
        assertThat(line).contains("(40 sequences, in the model file)")
                .contains(String.format(Locale.ROOT, "accuracy %.4f -> %.4f", testAccuracy, right / 50.0))
                .contains(String.format(Locale.ROOT, "%d of 40 right there, %d of 50 here; Fisher's exact p = %.3g, two-sided",
                        accuracy.get("testCorrect").asLong(), right, p))
                .contains(p < 0.05 ? (right / 50.0 < testAccuracy ? "lower here beyond chance" : "higher here beyond chance")
                        : "no evidence of a difference");
        assertThat(text.out()).contains("recall by class, test split at training -> here")
                .contains(String.format(Locale.ROOT, "'high' %.2f (%d/20) -> ", card.get("test_recall.high"),
                        Math.round(card.get("test_recall.high") * 20)));
    }

    @Test
    void anOlderCardWithoutTheCountsGetsTheScoresWithoutATestAndOneWithoutTestScoresIsSaidToHaveNone() throws Exception {
        Path month = Files.writeString(dir.resolve("month2.csv"), sequences("m", 10, 0, 4));
        Path older = dir.resolve("older.rnnlab");
        HeldOutPredictedSharesTest.rewriteCard(model, older, card -> {
            ObjectNode metrics = (ObjectNode) card.get("metrics");
            java.util.List<String> keys = new java.util.ArrayList<>();
            metrics.fieldNames().forEachRemaining(keys::add);
            keys.stream().filter(k -> k.equals("test_sequences") || k.startsWith("test_support.") || k.startsWith("test_recall."))
                    .forEach(metrics::remove);
        });
        Run o = run("evaluate", "--model", older.toString(), "--input", month.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("against the model's test split at training: accuracy ")
                .contains("keeps the test split's scores but not its size").contains("no test of the difference")
                .doesNotContain("Fisher").doesNotContain("recall by class, test split");
        JsonNode oj = Json.mapper().readTree(run("evaluate", "--model", older.toString(), "--input", month.toString(), "--json")
                .out()).get("heldOutComparison");
        assertThat(oj.get("status").asText()).isEqualTo("noCounts");
        assertThat(oj.has("p") || oj.get("accuracy").has("p")).isFalse();
        Path none = dir.resolve("none.rnnlab");
        HeldOutPredictedSharesTest.rewriteCard(model, none, card -> {
            ObjectNode metrics = (ObjectNode) card.get("metrics");
            java.util.List<String> keys = new java.util.ArrayList<>();
            metrics.fieldNames().forEachRemaining(keys::add);
            keys.stream().filter(k -> k.startsWith("test_")).forEach(metrics::remove);
            ((ObjectNode) card).remove("majorityBaseline");
        });
        Run n = run("evaluate", "--model", none.toString(), "--input", month.toString());
        assertThat(n.code()).as(n.err()).isZero();
        assertThat(n.out()).contains("against the model's test split at training: nothing to compare with (the model file holds "
                + "no test scores");
        JsonNode nj = Json.mapper().readTree(run("evaluate", "--model", none.toString(), "--input", month.toString(), "--json")
                .out()).get("heldOutComparison");
        assertThat(nj.get("status").asText()).isEqualTo("noTestScores");
    }

    /**
     * Trial 80c F6: with {@code --unknown-labels report} the first line read "on every sequence of FILE (60 scored)" where 15
     * of the file's 75 were set aside; and {@code lowConfidence.perClass} was true where every class, predicted under 10
     * times on validation, fell back to the quantiles over all classes.
     */
    @Test
    void sequencesOfUnknownLabelsSetAsideAreCountedInTheFirstLineAndNoClassHasItsOwnCutOffWhenNoneWasPredictedTenTimes()
            throws Exception {
        String known = sequences("k", 10, 0, 5);
        StringBuilder all = new StringBuilder(known);
        Random r = new Random(6);
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < 20; t++) {
                all.append(String.format(Locale.ROOT, "u%03d,%.5f,%.5f,fall%n", i, 6 + r.nextGaussian(), r.nextGaussian()));
            }
        }
        Path file = Files.writeString(dir.resolve("with-fall.csv"), all.toString());
        Run e = run("evaluate", "--model", model.toString(), "--input", file.toString(), "--unknown-labels", "report");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out().lines().findFirst().orElseThrow()).isEqualTo(model + " on 20 of the 24 sequences of " + file
                + " (20 scored, 4 of labels the model does not know set aside)");
        Run c = run("evaluate", "--model", model.toString(), "--input", file.toString(), "--unknown-labels", "count");
        assertThat(c.out().lines().findFirst().orElseThrow()).startsWith(model + " on 20 of the 24 sequences of " + file
                + " (20 scored, 4 of labels the model does not know set aside, counted as wrong only in the accuracy over all");
        // a file of known labels only: as before
        Path plain = Files.writeString(dir.resolve("plain.csv"), known);
        assertThat(run("evaluate", "--model", model.toString(), "--input", plain.toString()).out().lines().findFirst().orElseThrow())
                .isEqualTo(model + " on every sequence of " + plain + " (20 scored)");
        // the validation split's predicted classes: each under 10 here, so no class has a cut-off of its own
        org.rnnlab.training.ModelCard card = org.rnnlab.training.ModelBundle.readCard(model);
        assertThat(card.heldOutPredictions().classCounts().values()).allMatch(n -> n < org.rnnlab.training.HeldOutConfidence.MIN_PER_CLASS);
        JsonNode low = Json.mapper().readTree(run("evaluate", "--model", model.toString(), "--input", file.toString(),
                "--unknown-labels", "report", "--json").out()).get("lowConfidence");
        assertThat(low.get("perClass").asBoolean()).isFalse();
        assertThat(low.get("classesWithOwnCutOff")).isEmpty();
        assertThat(e.out()).contains("below the validation quantile over all classes (no class was predicted 10 times or more "
                + "there to have quantiles of its own)");
    }

    /**
     * Review 80b R3: a test split of 'low' only gave 'high' {@code "testRecalled": -1} and a month half 'high' read "lower here
     * beyond chance" without a word that the test accuracy covered no 'high' sequence.
     */
    @Test
    void aClassTheTestSplitLackedHasZeroRecalledAndIsSaidNotCoveredByTheTestAccuracy() throws Exception {
        Path train = Files.writeString(dir.resolve("train-r3.csv"), sequences("tr", 40, 0, 11));
        String lowOnly = sequences("te", 20, 0, 12).lines().filter(l -> !l.endsWith(",high")).reduce("", (a, b) -> a + b + "\n");
        Path test = Files.writeString(dir.resolve("test-low.csv"), lowOnly);
        Path out = dir.resolve("run-r3");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--set",
                "sequenceId=id", "--hidden", "4", "--epochs", "3", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String lowModel = out.resolve("model.rnnlab").toString();
        Path month = Files.writeString(dir.resolve("month-r3.csv"), sequences("m", 25, 0, 13));
        Run json = run("evaluate", "--model", lowModel, "--input", month.toString(), "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode high = Json.mapper().readTree(json.out()).get("heldOutComparison").get("perClass").get(0);
        assertThat(high.get("label").asText()).isEqualTo("high");
        assertThat(high.get("testSupport").asLong()).isZero();
        assertThat(high.get("testRecalled").asLong()).as("perClass[0].testRecalled of a class with no test sequences")
                .isZero();
        Run text = run("evaluate", "--model", lowModel, "--input", month.toString());
        assertThat(text.code()).as(text.err()).isZero();
        // review 81a R3: the headline counts and compares; the line after it names the classes only, without advice
        assertThat(text.out().replaceAll("\\s+", " ")).contains("(the classes the test split never held: 'high', 25 of the 50 "
                + "here)").doesNotContain("compare the recall of the classes both hold");
    }

    /**
     * Trial 80g F3: on a month without one class that the model still predicts, the line read {@code macro-F1 1.0000 ->
     * 0.2121}, rnnlab's figure (over the classes present), unnamed, a line below the summary baseline's scikit-learn figure;
     * every other macro-F1 comparison names its definition. Here 'high' is absent (its sequences relabelled 'low') and
     * predicted for them: both figures are given, each named, and the JSON holds scikit-learn's beside rnnlab's, computed here
     * from the confusion matrix by scikit-learn's definition (the mean F1 over the classes present or predicted).
     */
    @Test
    void onAMonthWithoutAClassThatIsStillPredictedBothMacroF1sAreNamed() throws Exception {
        String allLow = sequences("m", 25, 0, 15).replace(",high\n", ",low\n");
        Path month = Files.writeString(dir.resolve("month-f3.csv"), allLow);
        Run json = run("evaluate", "--model", model.toString(), "--input", month.toString(), "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode node = Json.mapper().readTree(json.out());
        JsonNode confusion = node.get("confusion"); // rows: actual, in labelNames order ('high', 'low')
        long[][] m = new long[2][2];
        for (int a = 0; a < 2; a++) {
            for (int p = 0; p < 2; p++) {
                m[a][p] = confusion.get(a).get(p).asLong();
            }
        }
        assertThat(m[0][0] + m[0][1]).as("no 'high' sequence in %s", month).isZero();
        assertThat(m[1][0]).as("'low' sequences predicted 'high'").isPositive();
        double lowPrecision = (double) m[1][1] / (m[1][1] + m[0][1]);
        double lowRecall = (double) m[1][1] / (m[1][0] + m[1][1]);
        double lowF1 = lowPrecision + lowRecall == 0 ? 0 : 2 * lowPrecision * lowRecall / (lowPrecision + lowRecall);
        double sklearn = (lowF1 + 0) / 2; // 'high' predicted but absent: F1 0, counted
        JsonNode f1 = node.get("heldOutComparison").get("macroF1");
        assertThat(f1.get("here").asDouble()).as("rnnlab's macro-F1 here (the classes present: 'low')").isCloseTo(lowF1, within(1e-12));
        assertThat(f1.get("herePresentOrPredicted").asDouble()).as("heldOutComparison.macroF1.herePresentOrPredicted")
                .isCloseTo(sklearn, within(1e-12));
        double test = f1.get("test").asDouble();
        assertThat(f1.get("testPresentOrPredicted").asDouble()).isEqualTo(test); // both classes in the test split
        assertThat(f1.get("differencePresentOrPredicted").asDouble()).isCloseTo(sklearn - test, within(1e-12));
        assertThat(f1.get("definitionsDiffer").asBoolean()).isTrue();

        Run text = run("evaluate", "--model", model.toString(), "--input", month.toString());
        assertThat(text.code()).as(text.err()).isZero();
        String line = text.out().lines().filter(l -> l.startsWith("against the model's test split")).findFirst().orElseThrow();
        assertThat(line).contains(String.format(Locale.ROOT, ", macro-F1 (classes present) %.4f -> %.4f; macro-F1 (scikit-learn's: "
                + "classes present or predicted) %.4f -> %.4f (no test", test, lowF1, test, sklearn));

        // the month with both classes: one figure, as before
        Path both = Files.writeString(dir.resolve("month-f3b.csv"), sequences("m", 25, 0, 15));
        JsonNode plain = Json.mapper().readTree(run("evaluate", "--model", model.toString(), "--input", both.toString(), "--json").out())
                .get("heldOutComparison").get("macroF1");
        assertThat(plain.get("definitionsDiffer").asBoolean()).isFalse();
        assertThat(plain.get("herePresentOrPredicted").asDouble()).isEqualTo(plain.get("here").asDouble());
    }

    /**
     * Trial 81c F1: a file holding classes the test split never held (classes of 2-3 sequences, kept wholly in training) read
     * "lower here beyond chance" on the strength of those classes alone. Here 'rare' has 2 training sequences, so the split
     * keeps both in training and the test split holds none; the month holds 40 'rare' sequences at the level of 'high',
     * read wrong. The headline and its verdict are over 'low' and 'high', the classes both hold, recomputed from the card's
     * per-class support and recall and from the confusion matrix, its p by an exact hypergeometric sum in rationals (not
     * {@link FisherExact}'s logs); the all-class figure is beside it with the count of untested sequences on the same line.
     */
    @Test
    void aFileWithClassesTheTestSplitNeverHeldIsJudgedOnTheClassesBothHoldWithTheAllClassFigureBeside() throws Exception {
        String rare = labelled("r", 2, -3, "rare", 21);
        Path train = Files.writeString(dir.resolve("train-81c.csv"), sequences("tr", 40, 0, 22) + rare.substring(rare.indexOf('\n') + 1));
        Path out = dir.resolve("run-81c");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=id", "--hidden", "8",
                "--epochs", "20", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Path model81 = out.resolve("model.rnnlab");
        java.util.Map<String, Double> card = org.rnnlab.training.ModelBundle.readCard(model81).metrics();
        assertThat(card.get("test_support.rare")).as("test_support.rare: a class of 2 sequences is kept wholly in training")
                .isEqualTo(0.0);
        String month = labelled("mr", 40, 3, "rare", 24);
        Path file = Files.writeString(dir.resolve("month-81c.csv"), sequences("m", 25, 0, 23) + month.substring(month.indexOf('\n') + 1));

        Run json = run("evaluate", "--model", model81.toString(), "--input", file.toString(), "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode node = Json.mapper().readTree(json.out());
        java.util.List<String> labels = new java.util.ArrayList<>();
        node.get("perClass").forEach(c -> labels.add(c.get("label").asText()));
        long testRight = 0;
        long testN = 0;
        long hereRight = 0;
        long hereN = 0;
        for (String label : java.util.List.of("high", "low")) { // the classes both hold
            int c = labels.indexOf(label);
            long support = Math.round(card.get("test_support." + label));
            testN += support;
            testRight += Math.round(card.get("test_recall." + label) * support);
            JsonNode row = node.get("confusion").get(c);
            for (JsonNode v : row) {
                hereN += v.asLong();
            }
            hereRight += row.get(c).asLong();
        }
        int r = labels.indexOf("rare");
        long rareRight = node.get("confusion").get(r).get(r).asLong();
        JsonNode shared = node.get("heldOutComparison").get("sharedClasses");
        assertThat(shared).as("heldOutComparison.sharedClasses of a file with a class the test split never held").isNotNull();
        assertThat(shared.get("classes").asInt()).isEqualTo(2);
        assertThat(shared.get("testCorrect").asLong()).isEqualTo(testRight);
        assertThat(shared.get("testSequences").asLong()).isEqualTo(testN);
        assertThat(shared.get("hereCorrect").asLong()).isEqualTo(hereRight);
        assertThat(shared.get("hereSequences").asLong()).isEqualTo(50);
        assertThat(shared.get("untestedClasses").asInt()).isEqualTo(1);
        assertThat(shared.get("untestedLabels").get(0).asText()).isEqualTo("rare");
        assertThat(shared.get("untestedSequences").asLong()).isEqualTo(40);
        assertThat(shared.get("untestedCorrect").asLong()).isEqualTo(rareRight);
        double p = fisherByRationals(testRight, testN - testRight, hereRight, hereN - hereRight);
        assertThat(shared.get("p").asDouble()).as("sharedClasses.p against an exact rational sum").isCloseTo(p, within(1e-9));
        assertThat(shared.get("differs").asBoolean()).isEqualTo(p < 0.05);
        // the all-class comparison stays in accuracy, its p over every sequence
        JsonNode accuracy = node.get("heldOutComparison").get("accuracy");
        assertThat(accuracy.get("hereSequences").asLong()).isEqualTo(90);
        double pAll = fisherByRationals(accuracy.get("testCorrect").asLong(), testN - accuracy.get("testCorrect").asLong(),
                hereRight + rareRight, 90 - hereRight - rareRight);
        assertThat(accuracy.get("p").asDouble()).isCloseTo(pAll, within(1e-9));

        Run text = run("evaluate", "--model", model81.toString(), "--input", file.toString());
        assertThat(text.code()).as(text.err()).isZero();
        String line = text.out().lines().filter(l -> l.startsWith("against the model's test split at training")).findFirst()
                .orElseThrow();
        String verdict = p < 0.05 ? ((double) hereRight / hereN < (double) testRight / testN ? "lower here beyond chance"
                : "higher here beyond chance") : "no evidence of a difference";
        assertThat(line).startsWith(String.format(Locale.ROOT, "against the model's test split at training (%d sequences, in the "
                + "model file), on the 2 classes both hold: accuracy %.4f -> %.4f (%+.4f; %d of %d right there, %d of 50 here; "
                + "Fisher's exact p = %.3g, two-sided: %s at 5%%); all classes: accuracy %.4f -> %.4f (%d of 90 here, Fisher's "
                + "p = %.3g), of which 40 sequences of 1 class the test split never held (%d right): the test accuracy does not "
                + "cover them", testN, (double) testRight / testN, hereRight / 50.0, hereRight / 50.0 - (double) testRight / testN,
                testRight, testN, hereRight, p, verdict, accuracy.get("test").asDouble(), (hereRight + rareRight) / 90.0,
                hereRight + rareRight, pAll, rareRight));
        // the 'rare' sequences are read as 'high': over all classes the month is lower beyond chance, over those both hold not
        String counts = String.format(Locale.ROOT, "%d of %d right on the test split, %d of 50 here on 'low' and 'high', %d of 40 "
                + "'rare'", testRight, testN, hereRight, rareRight);
        assertThat(pAll).as("heldOutComparison.accuracy.p over all classes (%s)", counts).isLessThan(0.05);
        assertThat(p).as("heldOutComparison.sharedClasses.p (%s)", counts).isGreaterThanOrEqualTo(0.05);
        assertThat(line).contains("no evidence of a difference").doesNotContain("lower here beyond chance");
        // review 81a R3: the macro-F1 beside it is over every class here, named so; the JSON verdict is the line's
        assertThat(line).contains("macro-F1 (all classes here");
        JsonNode verdictNode = node.get("heldOutComparison").get("verdict");
        assertThat(verdictNode.get("over").asText()).as("heldOutComparison.verdict.over").isEqualTo("sharedClasses");
        assertThat(verdictNode.get("differs").asBoolean()).as("heldOutComparison.verdict.differs").isFalse();
        assertThat(verdictNode.get("p").asDouble()).isCloseTo(p, within(1e-9));
        assertThat(accuracy.get("differs").asBoolean()).as("accuracy.differs stays the all-class verdict").isTrue();
    }

    /** Trial 81c F1's table, scipy's {@code fisher_exact([[99, 47], [188, 124]])}: p = 0.12178498233599741. */
    @Test
    void fishersPOfTheTrialsSharedClassesIsScipys() {
        assertThat(FisherExact.twoSided(99, 47, 188, 124)).isCloseTo(0.12178498233599741, within(1e-9));
        assertThat(fisherByRationals(99, 47, 188, 124)).isCloseTo(0.12178498233599741, within(1e-9));
    }

    /**
     * Fisher's two-sided p of {@code [[a, b], [c, d]]} in exact rationals: the hypergeometric probabilities as binomial
     * coefficients in BigInteger, summed over the tables no more likely than the observed (R's relative tolerance 1e-7).
     */
    static double fisherByRationals(long a, long b, long c, long d) {
        long row1 = a + b;
        long row2 = c + d;
        long col1 = a + c;
        java.math.BigInteger total = choose(row1 + row2, col1);
        java.math.BigInteger observed = choose(row1, a).multiply(choose(row2, c));
        java.math.BigDecimal limit = new java.math.BigDecimal(observed).multiply(java.math.BigDecimal.valueOf(1 + 1e-7));
        java.math.BigInteger sum = java.math.BigInteger.ZERO;
        for (long x = Math.max(0, col1 - row2); x <= Math.min(row1, col1); x++) {
            java.math.BigInteger w = choose(row1, x).multiply(choose(row2, col1 - x));
            if (new java.math.BigDecimal(w).compareTo(limit) <= 0) {
                sum = sum.add(w);
            }
        }
        return new java.math.BigDecimal(sum).divide(new java.math.BigDecimal(total), java.math.MathContext.DECIMAL64).doubleValue();
    }

    private static java.math.BigInteger choose(long n, long k) {
        java.math.BigInteger out = java.math.BigInteger.ONE;
        for (long i = 0; i < k; i++) {
            out = out.multiply(java.math.BigInteger.valueOf(n - i)).divide(java.math.BigInteger.valueOf(i + 1));
        }
        return out;
    }

    /** {@code n} sequences of 20 steps of one class {@code label}, x about {@code level}, y noise; seeded; with a header. */
    private static String labelled(String prefix, int n, double level, String label, long seed) {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("id,x,y,label\n");
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 20; t++) {
                csv.append(String.format(Locale.ROOT, "%s%03d,%.5f,%.5f,%s%n", prefix, i, level + 0.5 * r.nextGaussian(),
                        r.nextGaussian(), label));
            }
        }
        return csv.toString();
    }

    @Test
    void withManyClassesTheRecallByClassLineNamesTheLargestDropsFirstAndCountsTheRest() {
        // trial 81c F4: 120 classes' recalls on one line of 4328 characters
        int k = 30;
        java.util.List<String> labels = java.util.stream.IntStream.range(0, k).mapToObj(i -> String.format(Locale.ROOT, "c%02d", i)).toList();
        long[][] here = new long[k][k];
        long[] support = new long[k];
        long[] recalled = new long[k];
        for (int c = 0; c < k; c++) {
            here[c][c] = 4;
            support[c] = 2;
            recalled[c] = 2;
        }
        here[5][5] = 0; // read as c06 here: the largest drop
        here[5][6] = 4;
        here[9][9] = 2; // half
        here[9][0] = 2;
        var result = org.rnnlab.evaluation.metrics.Evaluator.fromConfusion(labels, here, java.util.List.of(), 0.1);
        double[] classP = new double[k];
        java.util.Arrays.fill(classP, Double.NaN);
        String lines = new HeldOutComparison("compared", new double[] {1.0, 1.0, 1.0}, new org.rnnlab.evaluation.train.TestCounts(2L * k,
                2L * k, 1.0, support, recalled), result, 4L * k - 6, 0.01, classP, false).lines();
        String line = lines.lines().filter(l -> l.startsWith("recall by class")).findFirst().orElseThrow();
        assertThat(line).startsWith("recall by class, test split at training -> here (Fisher's exact test per class, Holm-adjusted over "
                + "the classes; marked below 5%; of the 30 classes, those marked or of the largest drop first): 'c05' 1.00 (2/2) -> 0.00 (0/4); "
                + "'c09' 1.00 (2/2) -> 0.50 (2/4); 'c00' 1.00 (2/2) -> 1.00 (4/4)")
                .endsWith(" and 18 more (--json: heldOutComparison.perClass)").hasSizeLessThan(700);
        assertThat(line.split("; '")).hasSize(12);
    }

    @Test
    void holmAdjustsInTheOrderGiven() {
        double[] adjusted = HeldOutComparison.holm(new double[] {0.04, 0.01, 0.03});
        assertThat(adjusted[1]).isCloseTo(0.03, within(1e-15));
        assertThat(adjusted[2]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[0]).isCloseTo(0.06, within(1e-15));
    }
}
