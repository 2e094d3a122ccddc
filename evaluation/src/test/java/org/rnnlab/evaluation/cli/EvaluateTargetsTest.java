package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;

/**
 * What {@code evaluate} says of {@code --target-recall}, {@code --target-precision} and the top-k table, from probabilities
 * built here ({@link Scoring}, the part of evaluate that reads them): the cut-off it prints, pasted back as {@code
 * --threshold}, gives the counts it printed, also with every probability moved by 1e-6 (an e-commerce trial's cut-off sat
 * on a buyer's probability, which moved by 1e-7 in other minibatches: "recall 21/34", then 20/34 at --threshold).
 */
class EvaluateTargetsTest {

    private static final List<String> LABELS = List.of("0", "1");

    /** 400 sequences, about 10% of class '1', float probabilities, the class more probable higher up. */
    private static double[][] probabilities(int[] actual, long seed) {
        Random random = new Random(seed);
        double[][] p = new double[actual.length][];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = random.nextDouble() < 0.1 ? 1 : 0;
            double logit = -2.5 + 2.0 * actual[i] + random.nextGaussian();
            float p1 = (float) (1 / (1 + Math.exp(-logit)));
            p[i] = new double[] {1 - p1, p1};
        }
        return p;
    }

    private static double[][] moved(double[][] p, double by, long seed) {
        Random random = new Random(seed);
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            double p1 = p[i][1] + (random.nextBoolean() ? by : -by);
            out[i] = new double[] {1 - p1, p1};
        }
        return out;
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void aRecommendedCutOffGivenBackAsThresholdGivesTheStatedCountsAlsoWithProbabilitiesMovedBy1e6() {
        for (long seed = 1; seed <= 4; seed++) {
            int[] actual = new int[400];
            double[][] p = probabilities(actual, seed);
            for (String option : List.of("recall", "precision")) {
                Double recall = option.equals("recall") ? 0.6 : null;
                Double precision = option.equals("precision") ? 0.4 : null;
                String text = Scoring.of(LABELS, actual, "1", null, recall, precision, List.of()).ranked(actual, p).lines();
                assertThat(text).contains("cut-off for " + option + " >= " + (recall != null ? "0.6" : "0.4") + " of '1' (--target-"
                        + option + "): p_1 >= ").contains("between two probabilities, not on one");
                String threshold = group(text, "score held-out data with --threshold (\\S+) --positive 1");
                assertThat(threshold).as("a short decimal").matches("0\\.\\d{1,6}");
                String stated = group(text, "(recall \\d+/\\d+ = \\S+ \\[[^]]+\\], false alarms \\d+/\\d+)");
                assertThat(text).doesNotContain("from the cut-off: scored beside other sequences");
                for (double by : new double[] {0, 1e-6, -1e-6}) {
                    for (long s = 0; s < 3; s++) {
                        double[][] given = by == 0 ? p : moved(p, Math.abs(by), seed * 100 + s);
                        String at = Scoring.of(LABELS, actual, "1", Double.parseDouble(threshold), null).ranked(actual, given).lines();
                        assertThat(at).contains("alarm of '1' at p_1 >= " + threshold + ": " + stated);
                    }
                }
            }
        }
    }

    @Test
    void aTargetPrecisionNoCutOffReachesIsSaidWithTheHighestThere() throws Exception {
        int[] actual = {0, 1, 0, 0, 1, 0};
        double[][] p = {{0.1, 0.9}, {0.2, 0.8}, {0.3, 0.7}, {0.4, 0.6}, {0.5, 0.5}, {0.6, 0.4}};
        Scoring s = Scoring.of(LABELS, actual, "1", null, null, 0.9, List.of()).ranked(actual, p);
        assertThat(s.lines()).contains("--target-precision 0.9 of '1': no cut-off reaches it here; the highest precision, 0.5000 "
                + "[0.0945, 0.9055] (95% Wilson), is at p_1 >= 0.75: recall 1/2");
        ObjectNode node = Json.mapper().createObjectNode();
        s.addTo(node);
        JsonNode alarm = node.get("alarm");
        assertThat(alarm.get("reached").asBoolean()).isFalse();
        assertThat(alarm.get("highestPrecision").get("threshold").asDouble()).isEqualTo(0.75);
        assertThat(alarm.get("highestPrecision").get("precision").asDouble()).isEqualTo(0.5);
        // reached: its precision and interval in the JSON
        Scoring half = Scoring.of(LABELS, actual, "1", null, null, 0.4, List.of()).ranked(actual, p);
        ObjectNode reached = Json.mapper().createObjectNode();
        half.addTo(reached);
        assertThat(reached.get("alarm").get("reached").asBoolean()).isTrue();
        assertThat(reached.get("alarm").get("threshold").asDouble()).isEqualTo(0.45); // 2 of 5 = 0.4, the lowest reaching it
        assertThat(reached.get("alarm").get("caught").asLong()).isEqualTo(2);
        assertThat(reached.get("alarm").get("precision95")).hasSize(2);
    }

    @Test
    void aThresholdOnAProbabilityIsSaidToBeNoMargin() {
        int[] actual = {0, 1, 0, 1};
        double[][] p = {{0.1, 0.9}, {0.7, 0.3}, {0.8, 0.2}, {0.4, 0.6}};
        assertThat(Scoring.of(LABELS, actual, "1", 0.3, null).ranked(actual, p).lines())
                .contains("(a probability here lies exactly on it, 0 from the cut-off");
        assertThat(Scoring.of(LABELS, actual, "1", 0.35, null).ranked(actual, p).lines()).doesNotContain("from the cut-off");
    }

    @Test
    void theTopKTableAndItsJson() throws Exception {
        int[] actual = new int[400];
        double[][] p = probabilities(actual, 9);
        Scoring s = Scoring.of(LABELS, actual, "1", null, null, null, List.of(50L, 100L)).ranked(actual, p);
        String table = s.cutOffTable();
        assertThat(table).contains("the k sequences of the highest p_1 (share '1' of 400 sequences; lift: precision over ")
                .containsPattern("(?m)^ +4 +1% +\\d\\.\\d{4} +\\d\\.\\d{4} +\\d+\\.\\d{2}")
                .containsPattern("(?m)^ +50 +\\d\\.\\d{4} +\\d\\.\\d{4} +\\d+\\.\\d{2}")
                .containsPattern("(?m)^ +80 +20% ");
        ObjectNode node = Json.mapper().createObjectNode();
        s.addTo(node);
        JsonNode rows = node.get("ranking").get("topK").get("rows");
        assertThat(rows).hasSize(7); // 4, 8, 20, 40, 50, 80, 100
        JsonNode fifty = rows.get(4);
        assertThat(fifty.get("k").asLong()).isEqualTo(50);
        assertThat(fifty.get("share").isNull()).isTrue();
        // the top 50 counted here
        Integer[] order = new Integer[400];
        for (int i = 0; i < 400; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b][1], p[a][1]));
        long tp = 0;
        long all = 0;
        for (int i = 0; i < 400; i++) {
            all += actual[i];
            tp += i < 50 ? actual[order[i]] : 0;
        }
        assertThat(fifty.get("truePositives").asDouble()).isEqualTo(tp);
        assertThat(fifty.get("precision").asDouble()).isEqualTo(tp / 50.0);
        assertThat(fifty.get("lift").asDouble()).isEqualTo((tp / 50.0) / (all / 400.0));
    }

    @Test
    void aTargetRecallCutOffIsSaidToHaveNoMarginWithWhatAnyHigherCutOffCatchesAndFewSequencesGetTheWaysOut() throws Exception {
        // trial 75c F3: p_fall >= 0.906 just under the lowest of 4 validation falls (0.9081), said without its zero margin
        for (long seed = 1; seed <= 4; seed++) {
            int[] actual = new int[400];
            double[][] p = probabilities(actual, seed);
            Scoring s = Scoring.of(LABELS, actual, "1", null, 0.9, null, List.of()).ranked(actual, p);
            String text = s.lines();
            double cut = Double.parseDouble(group(text, "score held-out data with --threshold (\\S+) --positive 1"));
            // by hand: the lowest probability of a '1' sequence at or above the cut-off, and the '1' sequences above it
            double lowest = 1;
            long ones = 0;
            for (int i = 0; i < actual.length; i++) {
                ones += actual[i];
                if (actual[i] == 1 && p[i][1] >= cut) {
                    lowest = Math.min(lowest, p[i][1]);
                }
            }
            long above = 0;
            for (int i = 0; i < actual.length; i++) {
                above += actual[i] == 1 && p[i][1] > lowest ? 1 : 0;
            }
            assertThat(above).as("a higher cut-off misses the target").isLessThan((long) Math.ceil(0.9 * ones));
            assertThat(text).contains(String.format(java.util.Locale.ROOT, "(no margin: the cut-off sits just under p_1 %.4f of the "
                    + "lowest-scored '1' sequence it catches; any higher cut-off catches %d/%d = %.4f, below 0.9", lowest, above, ones,
                    (double) above / ones));
            ObjectNode node = Json.mapper().createObjectNode();
            s.addTo(node);
            assertThat(node.get("alarm").get("lowestCaughtProbability").asDouble()).isEqualTo(lowest);
            assertThat(node.get("alarm").get("caughtAbove").asLong()).isEqualTo(above);
            // with --threshold or --target-precision: no such line
            assertThat(Scoring.of(LABELS, actual, "1", cut, null).ranked(actual, p).lines()).doesNotContain("no margin");
            assertThat(Scoring.of(LABELS, actual, "1", null, null, 0.3, List.of()).ranked(actual, p).lines()).doesNotContain("no margin");
        }
        // 4 sequences of the class: recall 0.9 cannot be shown, and the ways to more sequences are said
        int[] four = {1, 0, 1, 0, 0, 1, 0, 1, 0, 0};
        double[][] q = {{0.1, 0.9}, {0.2, 0.8}, {0.15, 0.85}, {0.6, 0.4}, {0.7, 0.3}, {0.3, 0.7}, {0.9, 0.1}, {0.35, 0.65},
                {0.8, 0.2}, {0.95, 0.05}};
        String text = Scoring.of(LABELS, four, "1", null, 0.9, null, List.of()).ranked(four, q).lines();
        assertThat(text).contains("a recall of 0.9 cannot be shown on these data, whatever the model; it takes more sequences of "
                + "the class: a larger validation split (train with --set validationFraction=0.3, say, or --validation FILE) or a "
                + "cut-off chosen on more held-out data")
                .contains("compare --cv writes out-of-fold test predictions, test-predictions.csv, every sequence scored by a fold's "
                        + "model that did not train on it))");
        assertThat(text)
                .contains("(no margin: the cut-off sits just under p_1 0.6500 of the lowest-scored '1' sequence it catches; any "
                        + "higher cut-off catches 3/4 = 0.7500, below 0.9");
    }
}
