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
            double below = 0; // the highest probability under the cut-off, of any class
            for (double[] row : p) {
                below = row[1] < cut ? Math.max(below, row[1]) : below;
            }
            assertThat(text).contains(String.format(java.util.Locale.ROOT, "(no sequence to spare: any cut-off above p_1 %.4f, the "
                    + "lowest-scored '1' sequence it catches, catches %d/%d = %.4f, below 0.9", lowest, above, ones,
                    (double) above / ones));
            ObjectNode node = Json.mapper().createObjectNode();
            s.addTo(node);
            assertThat(node.get("alarm").get("lowestCaughtProbability").asDouble()).isEqualTo(lowest);
            assertThat(node.get("alarm").get("caughtAbove").asLong()).isEqualTo(above);
            assertThat(node.get("alarm").get("highestNotRaisedProbability").asDouble()).isEqualTo(below);
            assertThat(node.get("alarm").get("margin").asDouble()).isEqualTo(Math.min(lowest - cut, cut - below));
            // with --threshold or --target-precision: no such line
            assertThat(Scoring.of(LABELS, actual, "1", cut, null).ranked(actual, p).lines()).doesNotContain("no sequence to spare");
            assertThat(Scoring.of(LABELS, actual, "1", null, null, 0.3, List.of()).ranked(actual, p).lines())
                    .doesNotContain("no sequence to spare");
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
                .contains("(no sequence to spare: any cut-off above p_1 0.6500, the lowest-scored '1' sequence it catches, catches "
                        + "3/4 = 0.7500, below 0.9");
    }

    @Test
    void theCutOffsGapIsSaidInNumbersThatAgreeWithTheJsonNotAsJustUnderTheLowestCaughtSequence() {
        // trial 76d F12: validation p_out_of_spec of the 3 out_of_spec batches 0.2254, 0.2090, 0.2015, of the others at most
        // 0.0044; the cut-off 0.1 was said to sit "just under p_out_of_spec 0.2015" while --json gave margin 0.0956
        List<String> labels = List.of("in_spec", "out_of_spec", "rework");
        double[] out = {0.22540294041705927, 0.2090308663412359, 0.2014795726315497};
        double[] others = {0.004403769233815975, 0.0039922485978469225, 0.0034864814470474867, 0.003341148611271702, 0.0026,
                0.0011, 0.0009, 0.0018};
        int[] actual = new int[out.length + others.length];
        double[][] p = new double[actual.length][];
        for (int i = 0; i < actual.length; i++) {
            boolean positive = i < out.length;
            double q = positive ? out[i] : others[i - out.length];
            actual[i] = positive ? 1 : i % 2 == 0 ? 0 : 2;
            p[i] = actual[i] == 2 ? new double[] {0.2, q, 0.8 - q} : new double[] {1 - q - 0.001, q, 0.001};
        }
        Scoring s = Scoring.of(labels, actual, "out_of_spec", null, 0.9, null, List.of()).ranked(actual, p);
        String text = s.lines();
        double cut = Double.parseDouble(group(text, "score held-out data with --threshold (\\S+) --positive out_of_spec"));
        assertThat(cut).isEqualTo(0.1);
        assertThat(text).contains("(no sequence to spare: any cut-off above p_out_of_spec 0.2015, the lowest-scored 'out_of_spec' "
                        + "sequence it catches, catches 2/3 = 0.6667, below 0.9, so new data may well fall short of it; the cut-off "
                        + "sits 0.1015 under that probability and 0.0956 over 0.0044, the highest probability here it does not raise "
                        + "(--json: alarm.margin is the nearer of the two): a lower cut-off leaves more room under the 'out_of_spec' "
                        + "sequences caught, at the price of nearing 0.0044, the highest not raised (one under it raises more), and a "
                        + "higher one the reverse; the cut-off sits near the gap's middle, where the nearer of the two gaps is near its "
                        + "largest)")
                .doesNotContain("just under");
        ObjectNode node = Json.mapper().createObjectNode();
        s.addTo(node);
        JsonNode alarm = node.get("alarm");
        assertThat(alarm.get("threshold").asDouble()).isEqualTo(0.1);
        assertThat(alarm.get("lowestCaughtProbability").asDouble()).isEqualTo(out[2]);
        assertThat(alarm.get("marginBelowLowestCaught").asDouble()).isEqualTo(out[2] - 0.1);
        assertThat(alarm.get("highestNotRaisedProbability").asDouble()).isEqualTo(others[0]);
        assertThat(alarm.get("marginAboveHighestNotRaised").asDouble()).isEqualTo(0.1 - others[0]);
        assertThat(alarm.get("margin").asDouble()).isEqualTo(0.1 - others[0]); // the nearer of the two, as the text says
        assertThat(String.format(java.util.Locale.ROOT, "%.4f", alarm.get("margin").asDouble())).isEqualTo("0.0956");
    }

    @Test
    void theTargetRecallCutOffIsARoundValueInAGapThatIsNamedAndLoweringItIsSaidToNearTheSideNotRaised() {
        // trial 76f F6: validation p_scrap of the 2 scrap wafers 0.77293 and 0.77759, of the 51 others at most 0.08285; the
        // cut-off 0.4 was called "the highest that reaches it" (every cut-off up to 0.7729 does), and "a lower cut-off leaves
        // more margin" while alarm.margin, the gap over 0.0828, shrinks when it is lowered
        List<String> labels = List.of("marginal", "pass", "scrap");
        double[] scrap = {0.77293, 0.77759};
        int[] actual = new int[53];
        double[][] p = new double[53][];
        for (int i = 0; i < actual.length; i++) {
            double q = i < 2 ? scrap[i] : 0.08284 * (i - 1) / 51.0;
            actual[i] = i < 2 ? 2 : i % 4 == 0 ? 0 : 1;
            p[i] = new double[] {(1 - q) * (actual[i] == 0 ? 0.7 : 0.3), (1 - q) * (actual[i] == 0 ? 0.3 : 0.7), q};
        }
        Scoring s = Scoring.of(labels, actual, "scrap", null, 0.9, null, List.of()).ranked(actual, p);
        String text = s.lines();
        double cut = Double.parseDouble(group(text, "score held-out data with --threshold (\\S+) --positive scrap"));
        assertThat(cut).isEqualTo(0.4);
        assertThat(text).contains("cut-off for recall >= 0.9 of 'scrap' (--target-recall): p_scrap >= 0.4, a round value in the gap "
                + "between 0.0828 (highest not raised) and 0.7729 (lowest caught), the highest gap that reaches it here (every "
                + "cut-off in it raises the same sequences here; it is between two probabilities, not on one, as a probability "
                + "moves by about 1e-7): recall 2/2")
                .contains("a lower cut-off leaves more room under the 'scrap' sequences caught, at the price of nearing 0.0828, the "
                        + "highest not raised (one under it raises more), and a higher one the reverse")
                .doesNotContain("the highest that reaches it").doesNotContain("leaves more margin");
        // as said: the gap's ends give the same counts, and lowering the cut-off narrows alarm.margin, the gap over 0.0828
        ObjectNode node = Json.mapper().createObjectNode();
        s.addTo(node);
        JsonNode alarm = node.get("alarm");
        assertThat(alarm.get("margin").asDouble()).isEqualTo(alarm.get("marginAboveHighestNotRaised").asDouble());
        ObjectNode lower = Json.mapper().createObjectNode();
        Scoring.of(labels, actual, "scrap", 0.2, null).ranked(actual, p).addTo(lower);
        assertThat(lower.get("alarm").get("margin").asDouble()).isLessThan(alarm.get("margin").asDouble());
        for (double t : new double[] {0.0829, 0.7729}) {
            ObjectNode at = Json.mapper().createObjectNode();
            Scoring.of(labels, actual, "scrap", t, null).ranked(actual, p).addTo(at);
            assertThat(at.get("alarm").get("caught").asLong()).as("%s", t).isEqualTo(2);
            assertThat(at.get("alarm").get("falseAlarms").asLong()).as("%s", t).isZero();
        }
    }

    @Test
    void anEceAbove01IsSaidInWordsWithTheDirectionTakenFromTheData() {
        // trial 76d F13: top-class probabilities 0.35-0.62 at an accuracy of 0.925, printed as "ECE 0.4770" alone
        List<String> labels = List.of("a", "b", "c");
        int[] actual = new int[40];
        double[][] low = new double[40][];
        double[][] high = new double[40][];
        for (int i = 0; i < 40; i++) {
            actual[i] = i % 3;
            boolean right = i % 10 != 0; // 36 of 40 right: accuracy 0.9
            int top = right ? actual[i] : (actual[i] + 1) % 3;
            double t = 0.35 + 0.27 * (i % 7) / 6.0;
            low[i] = new double[3];
            java.util.Arrays.fill(low[i], (1 - t) / 2);
            low[i][top] = t;
            // confident and often wrong: the other way
            double h = 0.97;
            high[i] = new double[3];
            java.util.Arrays.fill(high[i], (1 - h) / 2);
            high[i][i % 2 == 0 ? top : (top + 1) % 3] = h;
        }
        String under = Scoring.of(labels, actual, null, null).ranked(actual, low).lines();
        assertThat(under).containsPattern("calibration: Brier \\S+ \\(summed over the classes, 0 to 2\\), ECE 0\\.4\\d+")
                .contains("(ECE above 0.1: the top-class probabilities are lower than the accuracy (mean top-class probability ")
                .contains("against an accuracy of 0.9000): the model is right more often than it says; train --calibrate "
                        + "temperature fits one temperature on the validation split");
        String over = Scoring.of(labels, actual, null, null).ranked(actual, high).lines();
        assertThat(over).contains("(ECE above 0.1: the top-class probabilities are higher than the accuracy (mean top-class "
                + "probability 0.9700 against an accuracy of ").contains("the model is right less often than it says");
        ObjectNode node = Json.mapper().createObjectNode();
        Scoring.of(labels, actual, null, null).ranked(actual, low).addTo(node);
        assertThat(node.get("calibration").get("eceDirection").asText()).isEqualTo("lower");
        // a calibrated one: no words
        double[][] fair = new double[40][];
        for (int i = 0; i < 40; i++) {
            int top = i % 10 != 0 ? actual[i] : (actual[i] + 1) % 3;
            fair[i] = new double[] {0.05, 0.05, 0.05};
            fair[i][top] = 0.9;
        }
        assertThat(Scoring.of(labels, actual, null, null).ranked(actual, fair).lines()).doesNotContain("ECE above");
    }
}
