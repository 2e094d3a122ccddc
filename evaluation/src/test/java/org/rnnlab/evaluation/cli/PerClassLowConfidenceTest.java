package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.training.HeldOutConfidence;
import org.rnnlab.training.ModelBundle;

/**
 * predict's {@code low_confidence} against the held-out quantile of the class predicted. A purchase trial (4% buyers): with
 * one global p05, 31 of the 55 buyers and 39 of the top-50 sessions were marked, and {@code --reject-below p05} made them
 * unknown, since a rare class's predictions are naturally less sure than the majority's. Here a rare class 'buy' (5%)
 * whose sequences overlap the majority's: its predictions are compared with its own p05, strangers (sequences the model
 * finds between the classes, as in {@link PredictLowConfidenceTest}) are still marked, an older card keeps the one cut-off, and evaluate {@code --unknown-labels report} gives the
 * share of unknown and known labels' sequences each cut-off flags (a trial had to join predict's output with its labels).
 */
class PerClassLowConfidenceTest {

    @TempDir
    static Path dir;
    static Path model;
    /** The constant value of a for which the model is least sure of 'no' (found in {@link #train()}): the strangers' a. */
    static double boundary;

    /** {@code n} sequences of 8 steps, 5% 'buy' (a near +0.4) against 'no' (near -0.4), noisy; then strangers (a at the boundary). */
    static String sequences(String prefix, int n, long seed, boolean labelled, int strangers, String strangerLabel) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder(labelled ? "id,t,a,b,label\n" : "id,t,a,b\n");
        for (int i = 0; i < n; i++) {
            boolean buy = r.nextDouble() < 0.05;
            for (int t = 0; t < 8; t++) {
                double a = (buy ? 0.4 : -0.4) + r.nextGaussian();
                double b = 0.3 * r.nextGaussian();
                s.append(prefix).append(i).append(',').append(t).append(',').append(String.format(Locale.ROOT, "%.4f,%.4f", a, b));
                s.append(labelled ? (buy ? ",buy" : ",no") : "").append('\n');
            }
        }
        for (int i = 0; i < strangers; i++) {
            for (int t = 0; t < 8; t++) {
                s.append("x").append(i).append(',').append(t).append(',').append(String.format(Locale.ROOT, "%.4f,%.4f", boundary,
                        0.01 * r.nextGaussian())).append(labelled ? "," + strangerLabel : "").append('\n');
            }
        }
        return s.toString();
    }

    @BeforeAll
    static void train() throws Exception {
        Path data = Files.writeString(dir.resolve("train.csv"), sequences("s", 2000, 1, true, 0, null));
        Path out = dir.resolve("run");
        TrainEvaluatePredictTest.Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--set", "validationFraction=0.3", "--set", "testFraction=0.1", "--cell", "rnn",
                "--hidden", "6", "--epochs", "8", "--seed", "3", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        model = out.resolve("model.rnnlab");
        // the strangers: constant sequences the model calls 'no' least surely (between the classes)
        double best = 1;
        try (org.rnnlab.training.SequenceClassifier classifier = ModelBundle.load(model)) {
            for (double a = -1; a <= 2.001; a += 0.05) {
                float[][] steps = new float[8][];
                for (int t = 0; t < 8; t++) {
                    steps[t] = new float[] {(float) a, 0f};
                }
                org.rnnlab.training.SequenceClassifier.Prediction p = classifier.predict(steps);
                if (p.label().equals("no") && p.topProbability() < best) {
                    best = p.topProbability();
                    boundary = a;
                }
            }
        }
        assertThat(best).as("the least sure 'no' of constant sequences").isLessThan(0.7);
    }

    /** predict's rows: id, label, p_buy, p_no, low_confidence (its length_untested, far_from_training, far_reasons and constant_features columns, before low_confidence, left out). */
    private static List<String[]> rows(TrainEvaluatePredictTest.Run p) {
        assertThat(p.code()).as(p.err()).isZero();
        String header = p.out().lines().findFirst().orElseThrow();
        // with --threshold the column alarm stands before low_confidence, which stays last (trial 76d F13)
        assertThat(header).isIn("id,label,p_buy,p_no,length_untested,far_from_training,far_reasons,constant_features,low_confidence",
                "id,label,p_buy,p_no,length_untested,far_from_training,far_reasons,constant_features,alarm,low_confidence");
        boolean alarm = header.contains(",alarm,");
        List<String[]> rows = new ArrayList<>();
        p.out().lines().skip(1).map(l -> l.split(",", -1)).forEach(c -> rows.add(alarm
                ? new String[] {c[0], c[1], c[2], c[3], c[9], c[8]} : new String[] {c[0], c[1], c[2], c[3], c[8]}));
        return rows;
    }

    @Test
    void aRareClassIsComparedWithItsOwnHeldOutQuantileAndStrangersAreStillMarked() throws Exception {
        HeldOutConfidence c = ModelBundle.readCard(model).heldOutConfidence().orElseThrow();
        assertThat(c.perClass("buy")).as("'buy' predicted %d times on validation", c.predictedAs("buy")).isTrue();
        assertThat(c.perClass("no")).isTrue();
        double global = c.quantile("p05");
        double buyCut = c.cutOff("p05", "buy");
        assertThat(buyCut).isLessThan(global);
        JsonNode card = Json.mapper().readTree(Json.write(ModelBundle.readCard(model)));
        assertThat(card.at("/heldOutPredictions/confidence/byClass/buy/sequences").asInt()).isEqualTo(c.predictedAs("buy"));
        assertThat(card.at("/heldOutPredictions/confidence/byClass/buy/quantiles/p05").asDouble()).isEqualTo(buyCut);

        Path input = Files.writeString(dir.resolve("new.csv"), sequences("n", 1000, 2, false, 6, null));
        TrainEvaluatePredictTest.Run p = run("predict", "--model", model.toString(), "--input", input.toString());
        List<String[]> rows = rows(p);
        List<String[]> buys = rows.stream().filter(r -> r[1].equals("buy") && r[0].startsWith("n")).toList();
        long buysMarked = buys.stream().filter(r -> r[4].equals("true")).count();
        long buysBelowGlobal = buys.stream().filter(r -> Double.parseDouble(r[2]) < global).count();
        assertThat(buys).hasSizeGreaterThanOrEqualTo(10);
        // against the one global p05 many of the rare class's predictions would be marked; against its own, few
        assertThat(buysBelowGlobal).as(p.out()).isGreaterThan(buys.size() / 3);
        assertThat(buysMarked).as(p.out()).isLessThanOrEqualTo(buys.size() / 5).isLessThan(buysBelowGlobal);
        // each row is marked exactly when below the p05 of the class it is predicted as
        for (String[] r : rows) {
            double top = Math.max(Double.parseDouble(r[2]), Double.parseDouble(r[3]));
            assertThat(r[4]).as(String.join(",", r)).isEqualTo(Boolean.toString(top < c.cutOff("p05", r[1])));
        }
        // the strangers (between the classes) are still marked
        assertThat(rows.stream().filter(r -> r[0].startsWith("x"))).as(p.out()).hasSize(6).allMatch(r -> r[4].equals("true"));

        // --reject-below p05 labels the strangers unknown, not the rare class's predictions
        List<String[]> rejected = rows(run("predict", "--model", model.toString(), "--input", input.toString(), "--reject-below", "p05"));
        assertThat(rejected.stream().filter(r -> r[0].startsWith("x"))).allMatch(r -> r[1].equals("unknown"));
        assertThat(rejected.stream().filter(r -> r[1].equals("buy")).count()).isEqualTo(buys.size() - buysMarked);
    }

    @Test
    void theNoteSaysWhichCutOffsWereUsed() throws Exception {
        Path input = Files.writeString(dir.resolve("strangers.csv"), sequences("n", 20, 4, false, 10, null));
        TrainEvaluatePredictTest.Run p = run("predict", "--model", model.toString(), "--input", input.toString());
        assertThat(p.code()).as(p.err()).isZero();
        HeldOutConfidence c = ModelBundle.readCard(model).heldOutConfidence().orElseThrow();
        assertThat(p.err()).contains(String.format(Locale.ROOT, "below the validation p05 of the class predicted ('buy' %.4f, 'no' %.4f)",
                c.cutOff("p05", "buy"), c.cutOff("p05", "no")));
        // a class predicted fewer than 10 times on validation falls back to the p05 over all classes, said in a note
        Path few = dir.resolve("few.rnnlab");
        HeldOutPredictedSharesTest.rewriteCard(model, few, card -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                card.at("/heldOutPredictions/confidence/byClass/buy")).put("sequences", 7));
        TrainEvaluatePredictTest.Run f = run("predict", "--model", few.toString(), "--input", input.toString());
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(f.err()).contains(String.format(Locale.ROOT, "predict: note: low_confidence: a row is compared with the validation "
                + "p05 of the class it is predicted as; 'buy' (7 times) was predicted fewer than 10 times on the validation split, so "
                + "its rows are compared with the p05 over all classes (%.4f)", c.quantile("p05")));
        // trial 79h F5: a file refused (rows out of order) gets no note about output never written
        Path unsorted = Files.writeString(dir.resolve("unsorted.csv"), "id,t,a,b\nn0,1,0.1,0.2\nn0,0,0.3,0.1\nn0,2,0.2,0.0\n");
        TrainEvaluatePredictTest.Run refused = run("predict", "--model", few.toString(), "--input", unsorted.toString());
        assertThat(refused.code()).as(refused.err()).isNotZero();
        assertThat(refused.err()).contains("unsorted.csv:3: time 0 of sequence 'n0' does not increase").doesNotContain("note: low_confidence");
        // every class under 10: one cut-off, said once without the per-class clause (a small data set's note contradicted itself)
        Path none = dir.resolve("none.rnnlab");
        HeldOutPredictedSharesTest.rewriteCard(model, none, card -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) card.at("/heldOutPredictions/confidence/byClass/buy")).put("sequences", 7);
            ((com.fasterxml.jackson.databind.node.ObjectNode) card.at("/heldOutPredictions/confidence/byClass/no")).put("sequences", 8);
        });
        TrainEvaluatePredictTest.Run all = run("predict", "--model", none.toString(), "--input", input.toString());
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.err()).contains(String.format(Locale.ROOT, "predict: note: low_confidence: every class was predicted fewer than "
                + "10 times on the validation split, so every row is compared with the p05 over all classes (%.4f; the cut-off rests "
                + "on %d validation sequences", c.quantile("p05"), c.sequences()))
                .doesNotContain("of the class it is predicted as");
        for (String[] r : rows(f)) {
            double top = Math.max(Double.parseDouble(r[2]), Double.parseDouble(r[3]));
            double cut = r[1].equals("buy") ? c.quantile("p05") : c.cutOff("p05", "no");
            assertThat(r[4]).as(String.join(",", r)).isEqualTo(Boolean.toString(top < cut));
        }
    }

    @Test
    void anOlderCardWithoutPerClassQuantilesKeepsTheOneCutOff() throws Exception {
        Path old = dir.resolve("old.rnnlab");
        HeldOutPredictedSharesTest.rewriteCard(model, old, card -> assertThat(((com.fasterxml.jackson.databind.node.ObjectNode)
                card.at("/heldOutPredictions/confidence")).remove("byClass")).isNotNull());
        HeldOutConfidence c = ModelBundle.readCard(old).heldOutConfidence().orElseThrow();
        assertThat(c.byClass()).isEmpty();
        Path input = Files.writeString(dir.resolve("old-input.csv"), sequences("n", 200, 5, false, 0, null));
        TrainEvaluatePredictTest.Run p = run("predict", "--model", old.toString(), "--input", input.toString());
        for (String[] r : rows(p)) {
            double top = Math.max(Double.parseDouble(r[2]), Double.parseDouble(r[3]));
            assertThat(r[4]).as(String.join(",", r)).isEqualTo(Boolean.toString(top < c.quantile("p05")));
        }
        assertThat(p.err()).doesNotContain("of the class predicted").doesNotContain("fewer than 10 times");
        try (org.rnnlab.training.SequenceClassifier classifier = ModelBundle.load(old)) {
            float[][] weak = new float[8][];
            for (int t = 0; t < 8; t++) {
                weak[t] = new float[] {0.6f, 0f};
            }
            org.rnnlab.training.SequenceClassifier.Prediction q = classifier.predict(weak);
            assertThat(q.lowConfidence()).isEqualTo(q.topProbability() < c.quantile("p05"));
        }
    }

    @Test
    void evaluateReportsTheSharesOfUnknownAndKnownLabelsEachCutOffFlags() throws Exception {
        Path input = Files.writeString(dir.resolve("labelled.csv"), sequences("n", 100, 6, true, 8, "stranger"));
        TrainEvaluatePredictTest.Run e = run("evaluate", "--model", model.toString(), "--input", input.toString(),
                "--unknown-labels", "report");
        assertThat(e.code()).as(e.err()).isZero();
        // predict's flags on the same file, by label
        TrainEvaluatePredictTest.Run p = run("predict", "--model", model.toString(), "--input", input.toString(), "--reject-below", "p10");
        List<String[]> rows = rows(p);
        long strangersFlagged = rows.stream().filter(r -> r[0].startsWith("x") && r[4].equals("true")).count();
        long knownFlagged = rows.stream().filter(r -> r[0].startsWith("n") && r[4].equals("true")).count();
        assertThat(e.out()).contains("low confidence at each --reject-below cut-off (the top-class probability below the validation "
                + "quantile of the class predicted").contains("unknown labels flagged").contains("known labels flagged");
        String p10 = e.out().lines().filter(l -> l.startsWith("p10 ")).findFirst().orElseThrow();
        assertThat(p10).contains(String.format(Locale.ROOT, "%.4f (%d/8)", strangersFlagged / 8.0, strangersFlagged))
                .contains(String.format(Locale.ROOT, "%.4f (%d/100)", knownFlagged / 100.0, knownFlagged));
        assertThat(strangersFlagged).isEqualTo(8);
        TrainEvaluatePredictTest.Run j = run("evaluate", "--model", model.toString(), "--input", input.toString(),
                "--unknown-labels", "report", "--json");
        assertThat(j.code()).as(j.err()).isZero();
        JsonNode low = Json.mapper().readTree(j.out()).get("lowConfidence");
        assertThat(low.get("split").asText()).isEqualTo("validation");
        assertThat(low.get("perClass").asBoolean()).isTrue();
        assertThat(low.get("cutOffs")).hasSize(5);
        JsonNode j10 = low.get("cutOffs").get(2);
        assertThat(j10.get("quantile").asText()).isEqualTo("p10");
        assertThat(j10.get("unknownFlagged").asLong()).isEqualTo(strangersFlagged);
        assertThat(j10.get("unknown").asInt()).isEqualTo(8);
        assertThat(j10.get("knownFlagged").asLong()).isEqualTo(knownFlagged);
        assertThat(j10.get("known").asInt()).isEqualTo(100);
        assertThat(j10.get("knownShare").asDouble()).isEqualTo(knownFlagged / 100.0);
        // the flags rise with the cut-off
        for (int k = 1; k < 5; k++) {
            assertThat(low.get("cutOffs").get(k).get("knownFlagged").asInt())
                    .isGreaterThanOrEqualTo(low.get("cutOffs").get(k - 1).get("knownFlagged").asInt());
        }
        // all sequences of unknown labels: the table still comes, with no known sequence
        Path only = Files.writeString(dir.resolve("only.csv"), sequences("n", 0, 6, true, 4, "stranger"));
        TrainEvaluatePredictTest.Run o = run("evaluate", "--model", model.toString(), "--input", only.toString(), "--unknown-labels", "report");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out()).contains("low confidence at each --reject-below cut-off").contains("- (0/0)");
        // a model without the quantiles: no table
        Path none = dir.resolve("none.rnnlab");
        HeldOutPredictedSharesTest.rewriteCard(model, none, card ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) card.get("heldOutPredictions")).remove("confidence"));
        TrainEvaluatePredictTest.Run n = run("evaluate", "--model", none.toString(), "--input", input.toString(), "--unknown-labels", "report");
        assertThat(n.code()).as(n.err()).isZero();
        assertThat(n.out()).doesNotContain("low confidence at each");
    }

    /**
     * With --threshold, low_confidence and --reject-below judge the most probable class (the quantiles are of its
     * probability), not the label the cut-off wrote: notes say so and count the rows where they differ, and every
     * --threshold label --reject-below replaced by unknown (trial 71d F6: alarms turned unknown without a word).
     */
    @Test
    void withAThresholdTheNotesSayWhatIsJudgedAndCountTheLabelsRejected() throws Exception {
        Path input = Files.writeString(dir.resolve("alarms.csv"), sequences("n", 300, 5, false, 6, null));
        List<String[]> plain = rows(run("predict", "--model", model.toString(), "--input", input.toString()));
        TrainEvaluatePredictTest.Run cut = run("predict", "--model", model.toString(), "--input", input.toString(),
                "--threshold", "0.2", "--positive", "buy");
        List<String[]> thr = rows(cut);
        TrainEvaluatePredictTest.Run rejecting = run("predict", "--model", model.toString(), "--input", input.toString(),
                "--threshold", "0.2", "--positive", "buy", "--reject-below", "p05");
        List<String[]> rej = rows(rejecting);
        int n = plain.size();
        long other = 0;
        long otherLow = 0;
        long alarms = 0;
        long alarmsRejected = 0;
        long raisedRejected = 0;
        long othersRejected = 0;
        long alarmsRaisedLow = 0;
        for (int i = 0; i < n; i++) {
            boolean raised = !thr.get(i)[1].equals(plain.get(i)[1]);
            boolean low = plain.get(i)[4].equals("true");
            // the column is the most probable class's judgement, the same with or without the cut-off
            assertThat(thr.get(i)[4]).as(String.join(",", thr.get(i))).isEqualTo(plain.get(i)[4]);
            // rejected exactly where the most probable class is below its cut-off; else the threshold's label
            assertThat(rej.get(i)[1]).isEqualTo(low ? "unknown" : thr.get(i)[1]);
            boolean alarm = thr.get(i)[1].equals("buy");
            // the alarm column: the cut-off raised 'buy' (p_buy >= 0.2), also where --reject-below wrote unknown
            assertThat(thr.get(i)[5]).as(String.join(",", thr.get(i))).isEqualTo(Boolean.toString(alarm));
            if (Math.abs(Double.parseDouble(thr.get(i)[2]) - 0.2) > 1e-6) { // p_buy as printed, 6 digits
                assertThat(thr.get(i)[5]).isEqualTo(Boolean.toString(Double.parseDouble(thr.get(i)[2]) >= 0.2));
            }
            assertThat(rej.get(i)[5]).isEqualTo(thr.get(i)[5]);
            other += raised ? 1 : 0;
            otherLow += raised && low ? 1 : 0;
            alarms += alarm ? 1 : 0;
            alarmsRejected += alarm && low ? 1 : 0;
            raisedRejected += alarm && raised && low ? 1 : 0;
            othersRejected += !alarm && low ? 1 : 0;
            alarmsRaisedLow += alarm && raised && low ? 1 : 0;
        }
        // the note says what low_confidence means on an alarm row of another most probable class (trial 76d F13)
        if (alarmsRaisedLow > 0) {
            assertThat(cut.err()).contains(String.format(Locale.ROOT, "rows are marked; on the %d of them labelled 'buy' (column "
                    + "alarm true) it doubts their most probable class, another one, not the alarm", alarmsRaisedLow));
        } else {
            assertThat(cut.err()).doesNotContain("not the alarm");
        }
        assertThat(other).as("rows the threshold labelled otherwise").isPositive();
        assertThat(raisedRejected).as("alarms raised by the threshold and rejected").isPositive();
        assertThat(cut.err()).contains(String.format(Locale.ROOT, "predict: note: --threshold 0.2 labelled %d of the %d rows "
                + "otherwise than their most probable class; low_confidence judges each row's most probable class (its "
                + "probability against that class's cut-off, which is of the most probable class's probability), not the label "
                + "--threshold wrote: %d of those %d rows are marked", other, n, otherLow, other));
        assertThat(cut.err()).doesNotContain("--reject-below p05 replaced");
        assertThat(rejecting.err()).contains(String.format(Locale.ROOT, "predict: warning: --reject-below p05 replaced %d label(s) "
                + "that --threshold 0.2 wrote by unknown: %d of the %d rows labelled 'buy' (%d of them raised by the threshold "
                + "where another class is the most probable) and %d of the %d other rows", alarmsRejected + othersRejected,
                alarmsRejected, alarms, raisedRejected, othersRejected, n - alarms));
    }
}
