package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.metrics.Ranking;

/**
 * {@code evaluate}'s ranking metrics, {@code --threshold} and {@code --positive}, and the note of class-weighted models in
 * evaluate and predict, on tiny models trained for one epoch. A user trial (accounts, 3% fraud) found no ROC AUC, no
 * average precision, no way to score at a cut-off, and weighted probabilities passed off as probabilities.
 */
class EvaluateThresholdTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path model;
    static Path weighted;

    /** 30 sequences of 5 steps: 10 'up' (a rising), 20 'down' (a falling), a little noise so that probabilities differ. */
    @BeforeAll
    static void trainTinyModels() throws Exception {
        StringBuilder train = new StringBuilder("id,t,a,label\n");
        java.util.Random random = new java.util.Random(7);
        for (int s = 0; s < 30; s++) {
            for (int t = 0; t < 5; t++) {
                double a = (s % 3 == 0 ? t : -t) * 0.3 + random.nextGaussian();
                train.append("s").append(s).append(',').append(t).append(',').append(String.format(java.util.Locale.ROOT, "%.4f", a))
                        .append(',').append(s % 3 == 0 ? "up" : "down").append('\n');
            }
        }
        data = Files.writeString(dir.resolve("train.csv"), train);
        model = train("plain");
        weighted = train("weighted", "--class-weights", "balanced");
    }

    private static Path train(String name, String... more) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString()));
        args.addAll(List.of(more));
        TrainEvaluatePredictTest.Run r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return out.resolve("model.rnnlab");
    }

    /** predict's probability of 'up' by sequence id, at full precision, and each sequence's true label from the file. */
    private static Map<String, Double> probabilitiesOfUp(Path m) throws Exception {
        TrainEvaluatePredictTest.Run p = run("predict", "--model", m.toString(), "--input", data.toString(), "--digits", "17");
        assertThat(p.code()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        int column = List.of(lines.get(0).split(",")).indexOf("p_up");
        Map<String, Double> out = new HashMap<>();
        lines.stream().skip(1).forEach(l -> out.put(l.split(",")[0], Double.parseDouble(l.split(",")[column])));
        return out;
    }

    private static boolean isUp(String id) {
        return Integer.parseInt(id.substring(1)) % 3 == 0;
    }

    @Test
    void aCutOffScoresEveryMetricAtItAndTheRankingIsThatOfPredictsProbabilities() throws Exception {
        Map<String, Double> pUp = probabilitiesOfUp(model);
        List<Double> sorted = pUp.values().stream().sorted().distinct().toList();
        // a cut-off between two probabilities near the middle, so that both classes are predicted and no probability is on it
        double threshold = (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        long[][] expected = new long[2][2]; // rows actual down, up; columns predicted
        boolean[] positive = new boolean[30];
        double[] score = new double[30];
        int i = 0;
        for (Map.Entry<String, Double> e : pUp.entrySet()) {
            expected[isUp(e.getKey()) ? 1 : 0][e.getValue() >= threshold ? 1 : 0]++;
            positive[i] = isUp(e.getKey());
            score[i++] = e.getValue();
        }
        String t = Double.toString(threshold);
        TrainEvaluatePredictTest.Run json = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--threshold", t,
                "--positive", "up", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode node = Json.mapper().readTree(json.out());
        assertThat(node.get("decision").get("rule").asText()).isEqualTo("threshold");
        assertThat(node.get("decision").get("positive").asText()).isEqualTo("up");
        assertThat(node.get("decision").get("threshold").asDouble()).isEqualTo(threshold);
        assertThat(node.get("confusion").get(0).get(0).asLong()).isEqualTo(expected[0][0]);
        assertThat(node.get("confusion").get(0).get(1).asLong()).isEqualTo(expected[0][1]);
        assertThat(node.get("confusion").get(1).get(0).asLong()).isEqualTo(expected[1][0]);
        assertThat(node.get("confusion").get(1).get(1).asLong()).isEqualTo(expected[1][1]);
        assertThat(node.get("metrics").get("ACCURACY").asDouble()).isCloseTo((expected[0][0] + expected[1][1]) / 30.0, within(1e-12));
        assertThat(node.get("perClass").get(1).get("recall").asDouble()).isCloseTo(expected[1][1] / 10.0, within(1e-12));
        // the ranking does not depend on the cut-off
        JsonNode ranking = node.get("ranking");
        assertThat(ranking.get("positive").get("label").asText()).isEqualTo("up");
        assertThat(ranking.get("positive").get("chosenBy").asText()).isEqualTo("--positive");
        assertThat(ranking.get("positive").get("rocAuc").asDouble()).isCloseTo(Ranking.rocAuc(positive, score), within(1e-9));
        assertThat(ranking.get("positive").get("averagePrecision").asDouble())
                .isCloseTo(Ranking.averagePrecision(positive, score), within(1e-9));
        assertThat(ranking.get("perClass")).hasSize(2);
        assertThat(ranking.get("cutOffs")).hasSize(Ranking.CUT_OFFS.length);
        assertThat(json.out()).doesNotContain("NaN");

        TrainEvaluatePredictTest.Run text = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--threshold", t,
                "--positive", "up");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("ranking by p_up (positive class 'up': --positive): ROC AUC ")
                .contains("(a random ranking scores 0.5 and 0.3333, the share of 'up')")
                .contains("predicted class: 'up' when p_up >= " + new java.math.BigDecimal(t).stripTrailingZeros().toPlainString()
                        + " (--threshold), else 'down'")
                .contains("precision and recall of 'up' predicted at p_up >= t")
                .containsPattern("(?m)^ +0\\.5 +\\d+ +(\\d\\.\\d{4}|-) +\\d\\.\\d{4} +\\d\\.\\d{4}$");
    }

    @Test
    void aTargetRecallFindsTheHighestCutOffThatReachesItWithTheFalseAlarmsAndTheirIntervals() throws Exception {
        // a plant's alarm: the cut-off for recall >= 0.8 of 'up', and how many 'down' sequences it raises
        Map<String, Double> pUp = probabilitiesOfUp(model);
        List<Double> ups = pUp.entrySet().stream().filter(e -> isUp(e.getKey())).map(Map.Entry::getValue).sorted().toList();
        double cut = ups.get(ups.size() - 8); // the 8th highest of the 10 'up' sequences: 8 of 10 at or above it
        long caught = pUp.entrySet().stream().filter(e -> isUp(e.getKey()) && e.getValue() >= cut).count();
        long falseAlarms = pUp.entrySet().stream().filter(e -> !isUp(e.getKey()) && e.getValue() >= cut).count();
        TrainEvaluatePredictTest.Run e = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive", "up",
                "--target-recall", "0.8", "--json");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode alarm = Json.mapper().readTree(e.out()).get("alarm");
        // between that probability and the next lower one of any sequence, not on it (a trial's cut-off on a buyer's
        // probability missed it where predict scored it 1e-7 lower)
        double below = pUp.values().stream().filter(v -> v < cut).mapToDouble(Double::doubleValue).max().orElse(0);
        assertThat(alarm.get("threshold").asDouble()).isLessThan(cut).isGreaterThan(below);
        assertThat(alarm.get("caught").asLong()).isEqualTo(caught).isGreaterThanOrEqualTo(8);
        assertThat(alarm.get("falseAlarms").asLong()).isEqualTo(falseAlarms);
        assertThat(alarm.get("negatives").asLong()).isEqualTo(20);
        double[] wilson = org.rnnlab.evaluation.metrics.ScoreIntervals.wilson(caught, 10);
        assertThat(alarm.get("recall95").get(0).asDouble()).isEqualTo(wilson[0]);
        // 10 sequences of the class can show a recall of at most 0.72 at 95%: 0.8 cannot be shown here
        assertThat(alarm.get("targetShowable").asBoolean()).isFalse();

        TrainEvaluatePredictTest.Run text = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive",
                "up", "--target-recall", "0.8");
        assertThat(text.out()).contains("cut-off for recall >= 0.8 of 'up' (--target-recall): p_up >= ")
                .contains(String.format(java.util.Locale.ROOT, "recall %d/10 = %.4f [%.4f, %.4f], false alarms %d/20", caught,
                        caught / 10.0, wilson[0], wilson[1], falseAlarms))
                .contains("with 10 sequences of 'up', even all of them caught shows a recall of only 0.7225 or more at 95% (Wilson)")
                .contains("false alarms"); // the cut-off table's new column
        // the same cut-off given as --threshold, as printed: the alarm's line, and every score at it
        String printed = text.out().replaceAll("(?s).*score held-out data with --threshold (\\S+) --positive up.*", "$1");
        assertThat(Double.parseDouble(printed)).isEqualTo(alarm.get("threshold").asDouble());
        TrainEvaluatePredictTest.Run at = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive",
                "up", "--threshold", printed);
        assertThat(at.out()).contains(String.format(java.util.Locale.ROOT, "recall %d/10 = %.4f", caught, caught / 10.0))
                .contains("alarm of 'up' at p_up >= ");
        assertThat(run("evaluate", "--model", model.toString(), "--input", data.toString(), "--target-recall", "0.8").err())
                .contains("--target-recall needs --positive LABEL");
        assertThat(run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive", "up", "--target-recall",
                "1.5").err()).contains("--target-recall 1.5 is not a share of the class's sequences");
        assertThat(run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive", "up", "--target-recall",
                "0.8", "--threshold", "0.5").err()).contains("give one of them");
    }

    @Test
    void aTargetPrecisionAndTheTopKTableOfTheCommandLine() throws Exception {
        TrainEvaluatePredictTest.Run e = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive", "up",
                "--target-precision", "0.3", "--top-k", "5,100", "--json");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.err()).contains("warning: --top-k 100: more than the 30 sequences scored, left out of the top-k table");
        JsonNode node = Json.mapper().readTree(e.out());
        // 10 of the 30 are 'up': the lowest cut-off, which raises every sequence, has precision 1/3 >= 0.3
        assertThat(node.get("alarm").get("targetPrecision").asDouble()).isEqualTo(0.3);
        assertThat(node.get("alarm").get("reached").asBoolean()).isTrue();
        assertThat(node.get("alarm").get("precision").asDouble()).isGreaterThanOrEqualTo(0.3);
        JsonNode rows = node.get("ranking").get("topK").get("rows");
        // 1%, 2% of 30 round to 1 sequence (once), 5% to 2, 10% to 3, then 5, then 20% = 6
        assertThat(rows.findValuesAsText("k")).containsExactly("1", "2", "3", "5", "6");
        TrainEvaluatePredictTest.Run text = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive",
                "up", "--target-precision", "0.3");
        assertThat(text.out()).contains("cut-off for precision >= 0.3 of 'up' (--target-precision): p_up >= ")
                .contains("the k sequences of the highest p_up (share 'up' of 30 sequences; lift: precision over 0.3333");
        assertThat(run("evaluate", "--model", model.toString(), "--input", data.toString(), "--target-precision", "0.5").err())
                .contains("--target-precision needs --positive LABEL");
        assertThat(run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive", "up",
                "--target-precision", "0").err()).contains("--target-precision 0 is not a share of the sequences raised");
        assertThat(run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive", "up",
                "--target-precision", "0.5", "--threshold", "0.5").err()).contains("give one of them");
        assertThat(run("evaluate", "--model", model.toString(), "--input", data.toString(), "--top-k", "0").err())
                .contains("--top-k 0 is no count of sequences");
    }

    @Test
    void byDefaultTheClassIsTheArgmaxAsBeforeAndSaidSo() throws Exception {
        TrainEvaluatePredictTest.Run json = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode node = Json.mapper().readTree(json.out());
        assertThat(node.get("decision").get("rule").asText()).isEqualTo("argmax");
        // the keys evaluate wrote before are all there
        assertThat(node.has("metrics") && node.has("perClass") && node.has("confusion") && node.has("majorityBaseline")
                && node.has("intervals95") && node.has("warnings")).isTrue();
        // argmax of two classes is the cut-off 0.5 (no probability of these lies at exactly 0.5)
        Map<String, Double> pUp = probabilitiesOfUp(model);
        assertThat(pUp.values()).doesNotContain(0.5);
        long predictedUp = pUp.values().stream().filter(p -> p > 0.5).count();
        assertThat(node.get("confusion").get(0).get(1).asLong() + node.get("confusion").get(1).get(1).asLong()).isEqualTo(predictedUp);
        JsonNode half = Json.mapper().readTree(run("evaluate", "--model", model.toString(), "--input", data.toString(), "--threshold",
                "0.5", "--positive", "up", "--json").out());
        assertThat(half.get("confusion")).isEqualTo(node.get("confusion"));
        assertThat(half.get("ranking").get("perClass")).isEqualTo(node.get("ranking").get("perClass"));
        // without the data's rarer class as its default: the class a cut-off applies to is given, never read from the data
        // scored (a file of one class, or a balanced sample, would flip it; a review)
        assertThat(node.get("ranking").get("positive").get("chosenBy").asText()).isEqualTo("the rarer class here, 10 of 30");
        TrainEvaluatePredictTest.Run unnamed = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--threshold",
                "0.5");
        assertThat(unnamed.code()).isEqualTo(2);
        assertThat(unnamed.err()).contains("--threshold needs --positive LABEL, the class it applies to ('down' or 'up')");
        TrainEvaluatePredictTest.Run text = run("evaluate", "--model", model.toString(), "--input", data.toString());
        assertThat(text.out()).contains("predicted class: the more probable (argmax, a cut-off of 0.5; --threshold P predicts 'up' "
                + "when p_up >= P)");
        // --positive chooses the other class, for the ranking and the cut-off
        JsonNode down = Json.mapper().readTree(run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive",
                "down", "--json").out());
        assertThat(down.get("ranking").get("positive").get("label").asText()).isEqualTo("down");
        assertThat(down.get("ranking").get("positive").get("chosenBy").asText()).isEqualTo("--positive");
        assertThat(down.get("ranking").get("positive").get("rocAuc").asDouble())
                .as("the same ranking read from the other end").isCloseTo(node.get("ranking").get("positive").get("rocAuc").asDouble(),
                        within(1e-6));
    }

    @Test
    void trainReportsTheTestSplitsRankingAsEvaluateScoresIt() throws Exception {
        // a trial's user of a rare class read accuracy only from train, and ran evaluate on the same split for the ranking
        JsonNode results = Json.mapper().readTree(model.resolveSibling("results.json").toFile());
        JsonNode trained = results.get("testRanking");
        assertThat(trained).as("results.json has the test split's ranking").isNotNull();
        TrainEvaluatePredictTest.Run json = run("evaluate", "--model", model.toString(), "--dataset", "csv", "--train", data.toString(),
                "--set", "sequenceId=id", "--set", "time=t", "--split", "test", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode evaluated = Json.mapper().readTree(json.out()).get("ranking");
        assertThat(trained.get("perClass")).hasSize(2);
        for (int c = 0; c < 2; c++) {
            assertThat(trained.get("perClass").get(c).get("label").asText()).isEqualTo(evaluated.get("perClass").get(c).get("label").asText());
            assertThat(trained.get("perClass").get(c).get("positives").asLong())
                    .isEqualTo(evaluated.get("perClass").get(c).get("positives").asLong());
            assertThat(trained.get("perClass").get(c).get("rocAuc").asDouble())
                    .isCloseTo(evaluated.get("perClass").get(c).get("rocAuc").asDouble(), within(1e-9));
            assertThat(trained.get("perClass").get(c).get("averagePrecision").asDouble())
                    .isCloseTo(evaluated.get("perClass").get(c).get("averagePrecision").asDouble(), within(1e-9));
        }
        // the card's metrics carry the macro values, and the console line the rarer class's
        org.rnnlab.training.ModelCard card = org.rnnlab.training.ModelBundle.readCard(model);
        assertThat(card.metrics().get("test_macro_roc_auc")).isCloseTo(trained.get("macroRocAuc").asDouble(), within(1e-12));
        org.rnnlab.evaluation.metrics.Ranking ranking = Json.mapper().treeToValue(trained, org.rnnlab.evaluation.metrics.Ranking.class);
        String up = ranking.perClass().get(1).label();
        assertThat(up).isEqualTo("up");
        long ups = ranking.perClass().get(1).positives();
        long all = ups + ranking.perClass().get(1).negatives();
        if (ups > 0 && ups < all && ups * 2 != all) {
            String rarer = ups * 2 < all ? "up" : "down";
            assertThat(TrainCommand.rankingLine(ranking).orElseThrow()).startsWith("test ranking of '" + rarer + "' (the rarer class, ")
                    .contains("ROC AUC " + String.format(java.util.Locale.ROOT, "%.4f",
                            ranking.perClass().get(rarer.equals("up") ? 1 : 0).rocAuc()));
        }
    }

    @Test
    void theRankingLineOfTwoAndOfMoreClasses() {
        org.rnnlab.evaluation.metrics.Ranking two = Ranking.of(List.of("fraud", "ok"), new int[] {0, 1, 1, 1},
                new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}, {0.1, 0.9}});
        assertThat(TrainCommand.rankingLine(two).orElseThrow()).isEqualTo("test ranking of 'fraud' (the rarer class, 1 of 4): "
                + "ROC AUC 1.0000, average precision 1.0000 (a random ranking scores 0.5 and 0.2500); choose a cut-off P on validation data, not on these (evaluate ... --split "
                + "validation --threshold P --positive fraud)");
        org.rnnlab.evaluation.metrics.Ranking three = Ranking.of(List.of("a", "b", "c"), new int[] {0, 1, 2, 0},
                new double[][] {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.5, 0.2, 0.3}, {0.6, 0.3, 0.1}});
        assertThat(TrainCommand.rankingLine(three).orElseThrow()).isEqualTo("test ranking, each class against the rest: macro ROC AUC "
                + String.format(java.util.Locale.ROOT, "%.4f", three.macroRocAuc()) + " over 3 classes, macro average precision "
                + String.format(java.util.Locale.ROOT, "%.4f", three.macroAveragePrecision()) + " over 3 (per class: evaluate)");
        // one class only in the test split: nothing defined for two classes
        assertThat(TrainCommand.rankingLine(Ranking.of(List.of("fraud", "ok"), new int[] {1, 1},
                new double[][] {{0.1, 0.9}, {0.3, 0.7}}))).isEmpty();
        assertThat(TrainCommand.rankingLine(null)).isEmpty();
    }

    @Test
    void sequencesOfUnknownLabelsAreSaidCalledByTheCutOff() throws Exception {
        // with --threshold the classes given to unknown labels are the cut-off's, not the argmax's (a review)
        String extra = "x1,0,0.1,sideways\nx1,1,0.2,sideways\nx1,2,0.3,sideways\nx1,3,0.4,sideways\nx1,4,0.5,sideways\n";
        Path withUnknown = Files.writeString(dir.resolve("unknown.csv"), Files.readString(data) + extra);
        TrainEvaluatePredictTest.Run r = run("evaluate", "--model", model.toString(), "--input", withUnknown.toString(),
                "--unknown-labels", "report", "--threshold", "0.000001", "--positive", "up");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("'sideways' (1, called up 1)");
        TrainEvaluatePredictTest.Run never = run("evaluate", "--model", model.toString(), "--input", withUnknown.toString(),
                "--unknown-labels", "report", "--threshold", "0.999999", "--positive", "up");
        assertThat(never.err()).contains("'sideways' (1, called down 1)");
    }

    @Test
    void outOfRangeCutOffsAndUnknownClassesAreRefused() {
        for (String bad : List.of("0", "1", "1.5", "-0.2", "NaN")) {
            TrainEvaluatePredictTest.Run r = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--threshold", bad);
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("--threshold must be a finite number > 0 and < 1");
        }
        TrainEvaluatePredictTest.Run r = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--positive", "sideways");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--positive 'sideways' is none of the model's labels [down, up]");
    }

    @Test
    void aModelOfThreeClassesRanksEveryClassAgainstTheRestAndOneNamedClassAtACutOff() throws Exception {
        StringBuilder three = new StringBuilder("id,t,a,label\n");
        for (int s = 0; s < 30; s++) {
            for (int t = 0; t < 4; t++) {
                three.append("s").append(s).append(',').append(t).append(',').append((s % 3 - 1) * t).append(',')
                        .append(List.of("a", "b", "c").get(s % 3)).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("three.csv"), three);
        Path out = dir.resolve("three");
        TrainEvaluatePredictTest.Run trained = run("train", "--dataset", "csv", "--train", file.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String m = out.resolve("model.rnnlab").toString();
        // a cut-off names its class
        TrainEvaluatePredictTest.Run unnamed = run("evaluate", "--model", m, "--input", file.toString(), "--threshold", "0.3");
        assertThat(unnamed.code()).isEqualTo(2);
        assertThat(unnamed.err()).contains("--threshold needs --positive LABEL, the class it applies to (one of [a, b, c])");
        // one class against the rest (a maintenance trial's alarm on one class of four was refused): its line, its cut-off
        // table, and at a cut-off the confusion matrix of the rule 'c at p_c >= t, else the most probable other'
        TrainEvaluatePredictTest.Run named = run("evaluate", "--model", m, "--input", file.toString(), "--positive", "c");
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(named.out()).contains("ranking by p_c (positive class 'c': --positive, against the 2 others): ROC AUC ")
                .contains("predicted class: the most probable (argmax; --threshold P predicts 'c' when p_c >= P)")
                .contains("ROC AUC, each class against the rest: macro ").contains("precision and recall of 'c' predicted at p_c >= t");
        TrainEvaluatePredictTest.Run p = run("predict", "--model", m, "--input", file.toString(), "--digits", "17");
        double t = 0.2;
        long[] predictedC = new long[1];
        long[][] expected = new long[3][3];
        p.out().lines().skip(1).forEach(l -> {
            String[] cells = l.split(",");
            double[] probabilities = {Double.parseDouble(cells[2]), Double.parseDouble(cells[3]), Double.parseDouble(cells[4])};
            int chosen = org.rnnlab.training.Decision.cutOff(2, t).choose(probabilities);
            int actual = Integer.parseInt(cells[0].substring(1)) % 3;
            expected[actual][chosen]++;
            predictedC[0] += chosen == 2 ? 1 : 0;
        });
        JsonNode cut = Json.mapper().readTree(run("evaluate", "--model", m, "--input", file.toString(), "--positive", "c",
                "--threshold", "0.2", "--json").out());
        assertThat(cut.get("decision").get("positive").asText()).isEqualTo("c");
        for (int a = 0; a < 3; a++) {
            for (int q = 0; q < 3; q++) {
                assertThat(cut.get("confusion").get(a).get(q).asLong()).as(a + "," + q).isEqualTo(expected[a][q]);
            }
        }
        assertThat(cut.get("ranking").get("positive").get("label").asText()).isEqualTo("c");
        // a file of that class only: no ROC AUC, said, not a crash (a new-user try: "Index -1 out of bounds for length 3")
        StringBuilder onlyC = new StringBuilder("id,t,a,label\n");
        Files.readAllLines(file).stream().skip(1).filter(l -> l.endsWith(",c")).forEach(l -> onlyC.append(l).append('\n'));
        TrainEvaluatePredictTest.Run only = run("evaluate", "--model", m, "--input", Files.writeString(dir.resolve("only-c.csv"),
                onlyC).toString(), "--positive", "c");
        assertThat(only.code()).as(only.err()).isZero();
        assertThat(only.out()).contains("(-: undefined, the data hold no other class sequence)");
        TrainEvaluatePredictTest.Run text = run("evaluate", "--model", m, "--input", file.toString());
        // the macro averages on one line, each class's in two columns of the per-class table (trial 73b F9: 36 classes made
        // each an inline list of 560 characters, and labels "0", "1" read as numbers)
        assertThat(text.out()).containsPattern("ROC AUC, each class against the rest: macro \\d\\.\\d{4} over 3 classes; average "
                + "precision: macro \\d\\.\\d{4} over 3 classes \\(per class: the columns ROC AUC and AP of the table below\\)\n")
                .doesNotContain("(a 0.").doesNotContain("average precision, each class against the rest")
                .containsPattern("(?m)^class +precision +recall +F1 +support +ROC AUC +AP$")
                .doesNotContain("predicted class:").doesNotContain("precision and recall of");
        JsonNode node = Json.mapper().readTree(run("evaluate", "--model", m, "--input", file.toString(), "--json").out());
        for (JsonNode c : node.get("ranking").get("perClass")) {
            String row = text.out().lines().filter(l -> l.startsWith(c.get("label").asText() + " ")).findFirst().orElseThrow();
            String[] cells = row.trim().split(" +");
            assertThat(cells).as(row).hasSize(7);
            assertThat(cells[5]).as(row).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", c.get("rocAuc").asDouble()));
            assertThat(cells[6]).as(row).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", c.get("averagePrecision").asDouble()));
        }
        assertThat(node.get("ranking").get("perClass")).hasSize(3);
        assertThat(node.get("ranking").get("rocAucClasses").asInt()).isEqualTo(3);
        assertThat(node.get("ranking").has("positive")).isFalse();
        double mean = 0;
        for (JsonNode c : node.get("ranking").get("perClass")) {
            mean += c.get("rocAuc").asDouble() / 3;
        }
        assertThat(node.get("ranking").get("macroRocAuc").asDouble()).isCloseTo(mean, within(1e-12));
    }

    @Test
    void aClassWeightedModelsProbabilitiesAreSaidToBeShiftedOnceByEvaluateAndPredict() throws Exception {
        String note = "note: this model was trained with class weights ('down' ";
        TrainEvaluatePredictTest.Run e = run("evaluate", "--model", weighted.toString(), "--input", data.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.err().split(java.util.regex.Pattern.quote(note), -1)).as(e.err()).hasSize(2);
        // one line, what it means and where it is said in full (trial 75b F5: ~900 characters before every batch job's output
        // buried its warnings)
        String line = e.err().lines().filter(l -> l.startsWith("evaluate: " + note)).findFirst().orElseThrow();
        assertThat(line).endsWith("): its probabilities are scores shifted toward the classes weighted up, not the classes' "
                + "shares (see 'Prior correction' in docs/guide/your-data.md)").hasSizeLessThan(240);
        TrainEvaluatePredictTest.Run p = run("predict", "--model", weighted.toString(), "--input", data.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.err().split(java.util.regex.Pattern.quote(note), -1)).as(p.err()).hasSize(2);
        assertThat(p.err().lines().filter(l -> l.startsWith("predict: note: this model was trained with class weights")))
                .containsExactly(line.replace("evaluate: ", "predict: "));
        JsonNode node = Json.mapper().readTree(run("evaluate", "--model", weighted.toString(), "--input", data.toString(), "--json").out());
        // the full note, where the line says it is
        assertThat(node.get("classWeightsNote").asText()).startsWith("this model was trained with class weights ('down' ")
                .contains("its probabilities are scores shifted toward the classes weighted up").contains("not calibrated to the "
                        + "classes' shares (train --calibrate prior stores the correction in the model: each class's probability "
                        + "divided by its weight, the logits less log w; train --config RUN/config.json --calibrate prior trains "
                        + "this run again so); rank by them, or choose a threshold on validation data");
        // the notes of standard error are in the JSON too, as its warnings are (a review: a script saw the warnings only)
        assertThat(node.get("notes")).anySatisfy(n -> assertThat(n.asText()).startsWith("this model was trained with class weights"));
        assertThat(node.get("notes")).noneSatisfy(n -> assertThat(n.asText()).contains("warning: "));
        // an unweighted model: no note
        assertThat(run("evaluate", "--model", model.toString(), "--input", data.toString()).err()).doesNotContain("class weights (");
        assertThat(run("predict", "--model", model.toString(), "--input", data.toString()).err()).doesNotContain("class weights (");
    }

    @Test
    void theNoteGivesTheWeightsAndTheOddsFactor() throws Exception {
        assertThat(ClassWeightNote.of(List.of("fraud", "legit"), List.of(18.8, 0.514)).orElseThrow())
                .startsWith("this model was trained with class weights ('fraud' 18.8, 'legit' 0.514)")
                .contains("the odds of 'fraud' against 'legit' are about 36.6 times those an unweighted model gives")
                .endsWith("rank by them, or choose a threshold on validation data: evaluate --split validation --target-recall R "
                        + "--positive fraud gives the cut-off P that raises the share R of that class there, then predict "
                        + "--threshold P --positive fraud");
        // three classes: ranked per class, and an alarm on one class is cut as predict --threshold cuts it (trial 67a #1)
        assertThat(ClassWeightNote.of(List.of("afib", "normal", "pvc"), List.of(2.0, 0.5, 5.0)).orElseThrow())
                .contains("rank by them (evaluate's ROC AUC and average precision per class)")
                .endsWith("for an alarm on one class, choose its cut-off on validation data (evaluate --split validation "
                        + "--target-recall R --positive LABEL gives the cut-off P that raises the share R of it there), then "
                        + "predict --threshold P --positive LABEL");
        assertThat(ClassWeightNote.weights(List.of("fraud", "legit"), List.of(18.8, 0.514))).isEqualTo("'fraud' 18.8, 'legit' 0.514");
        // many classes: the lowest and highest weight, so that the line stays one line
        assertThat(ClassWeightNote.weights(List.of("a", "b", "c", "d", "e"), List.of(1.0, 0.25, 3.0, 9.5, 2.0)))
                .isEqualTo("from 'b' 0.250 to 'd' 9.50, 5 classes");
        // the paragraph the line points to is there, and says what the full note says
        assertThat(ClassWeightNote.DOCS).isEqualTo("'Prior correction' in docs/guide/your-data.md");
        String guide = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "guide", "your-data.md"))
                .replaceAll("\\s+", " ");
        assertThat(guide).contains("**Prior correction.**").contains("the odds of one class against another are those of an "
                + "unweighted model times the ratio of their weights").contains("--target-recall R --positive LABEL` gives the "
                + "cut-off P that raises the share R of that class there, then `predict --threshold P --positive LABEL`");
        assertThat(ClassWeightNote.of(List.of("a", "b"), List.of())).isEmpty();
        assertThat(ClassWeightNote.of(List.of("a", "b"), List.of(2.0, 2.0))).as("equal weights shift nothing").isEmpty();
    }
}
