package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.training.HeldOutConfidence;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.SequenceClassifier;

/**
 * A sequence unlike the training data gets a low-confidence mark: train records the quantiles of the top-class probability
 * on its validation split in the card ({@code heldOutPredictions.confidence}); predict writes {@code low_confidence} (below
 * the validation p05) and warns when many rows are, {@code --reject-below Q} labels them {@code unknown}; the Java API's
 * prediction carries {@code lowConfidence}. A keystroke trial's three unenrolled typists were each given an enrolled user's
 * label (p 0.25 against 0.99 for genuine sessions) with nothing to tell them apart. A card without the quantiles (older
 * models) still predicts, without the column, said once.
 */
class PredictLowConfidenceTest {

    @TempDir
    static Path dir;
    static Path model;

    /** {@code n} sequences of 8 steps: class up has a near +1, down near -1, b is noise; or every value {@code fixed}. */
    private static String sequences(String prefix, int n, long seed, boolean labelled, Double fixed) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder(labelled ? "id,t,a,b,label\n" : "id,t,a,b\n");
        for (int i = 0; i < n; i++) {
            boolean up = i % 2 == 0;
            for (int t = 0; t < 8; t++) {
                double a = fixed != null ? fixed : (up ? 1 : -1) + 0.15 * r.nextGaussian();
                double b = fixed != null ? fixed : 0.3 * r.nextGaussian();
                s.append(prefix).append(i).append(',').append(t).append(',').append(String.format(Locale.ROOT, "%.4f,%.4f", a, b));
                s.append(labelled ? (up ? ",up" : ",down") : "").append('\n');
            }
        }
        return s.toString();
    }

    @BeforeAll
    static void train() throws Exception {
        Path data = Files.writeString(dir.resolve("train.csv"), sequences("s", 120, 1, true, null));
        Path out = dir.resolve("run");
        TrainEvaluatePredictTest.Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--set", "validationFraction=0.25", "--set", "testFraction=0.15", "--cell", "rnn",
                "--hidden", "6", "--epochs", "8", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        model = out.resolve("model.rnnlab");
    }

    @Test
    void theCardRecordsTheValidationTopProbabilityQuantiles() throws Exception {
        ModelCard card = ModelBundle.readCard(model);
        HeldOutConfidence c = card.heldOutConfidence().orElseThrow();
        assertThat(card.heldOutPredictions().split()).isEqualTo("validation");
        assertThat(c.sequences()).isEqualTo(card.heldOutPredictions().classCounts().values().stream().mapToLong(Long::longValue).sum());
        assertThat(c.quantiles().keySet()).containsExactly("p01", "p05", "p10", "p25", "p50");
        assertThat(c.correct()).isBetween(1, c.sequences());
        assertThat(c.correctQuantiles().keySet()).containsExactly("p01", "p05", "p10", "p25", "p50");
        // quantiles rise, and the model is surer of its validation sequences than a coin
        assertThat(c.quantile("p01")).isLessThanOrEqualTo(c.quantile("p05"));
        assertThat(c.quantile("p05")).isLessThanOrEqualTo(c.quantile("p50"));
        assertThat(c.quantile("p05")).isGreaterThan(0.5);
        com.fasterxml.jackson.databind.JsonNode json = org.rnnlab.core.Json.mapper().readTree(org.rnnlab.core.Json.write(card));
        assertThat(json.at("/heldOutPredictions/confidence/sequences").asInt()).isEqualTo(c.sequences());
        assertThat(json.at("/heldOutPredictions/confidence/quantiles/p05").asDouble()).isEqualTo(c.quantile("p05"));
        assertThat(json.at("/heldOutPredictions/confidence/correctQuantiles/p50").asDouble()).isEqualTo(c.correctQuantiles().get("p50"));
    }

    @Test
    void predictMarksASequenceUnlikeTrainingAndNotTypicalOnes() throws Exception {
        // 20 sequences like training's, then 6 on the boundary between the classes (a = b = 0 throughout)
        String typical = sequences("n", 20, 7, false, null);
        String strange = sequences("x", 6, 8, false, 0.0);
        Path input = Files.writeString(dir.resolve("new.csv"), typical + strange.substring(strange.indexOf('\n') + 1));
        TrainEvaluatePredictTest.Run p = run("predict", "--model", model.toString(), "--input", input.toString());
        assertThat(p.code()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,label,p_down,p_up,length_untested,far_from_training,far_reasons,constant_features,low_confidence");
        List<String> flagged = lines.stream().skip(1).filter(l -> l.endsWith(",true")).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(flagged).as(p.out()).contains("x0", "x1", "x2", "x3", "x4", "x5");
        assertThat(flagged.stream().filter(id -> id.startsWith("n"))).as(p.out()).hasSizeLessThanOrEqualTo(2);
        assertThat(lines.stream().skip(1)).allMatch(l -> l.endsWith(",true") || l.endsWith(",false"));
        assertThat(p.err()).contains("warning: " + flagged.size() + " of 26 rows are less confident than 95% of the validation "
                + "sequences").contains("they may be unlike the training data (a class the model does not know, another device")
                .contains("not open-set recognition");
        // typical ones alone: no warning
        TrainEvaluatePredictTest.Run typicalOnly = run("predict", "--model", model.toString(), "--input",
                Files.writeString(dir.resolve("typical.csv"), typical).toString());
        assertThat(typicalOnly.code()).as(typicalOnly.err()).isZero();
        assertThat(typicalOnly.err()).doesNotContain("warning: ");
        // trial 79h F4: a submission's --columns id,label has no low_confidence column to see: the warning says how to get it
        TrainEvaluatePredictTest.Run submission = run("predict", "--model", model.toString(), "--input", input.toString(),
                "--columns", "id,label");
        assertThat(submission.code()).as(submission.err()).isZero();
        assertThat(submission.out().lines().findFirst().orElseThrow()).isEqualTo("id,label");
        assertThat(submission.err()).contains("warning: " + flagged.size() + " of 26 rows are less confident than 95% of the "
                + "validation sequences").contains("; the low_confidence column marks them, which --columns leaves out: add "
                + "low_confidence to --columns to get it. A confidence heuristic").doesNotContain("see the low_confidence column");
        TrainEvaluatePredictTest.Run withFlag = run("predict", "--model", model.toString(), "--input", input.toString(),
                "--columns", "id,label,low_confidence");
        assertThat(withFlag.err()).contains("; see the low_confidence column. A confidence heuristic")
                .doesNotContain("add low_confidence to --columns");

        // the Java API marks the same
        try (SequenceClassifier classifier = ModelBundle.load(model)) {
            float[][] boundary = new float[8][2];
            SequenceClassifier.Prediction strangeOne = classifier.predict(boundary);
            assertThat(strangeOne.lowConfidence()).isTrue();
            float[][] up = new float[8][];
            for (int t = 0; t < 8; t++) {
                up[t] = new float[] {1f, 0f};
            }
            assertThat(classifier.predict(up).lowConfidence()).isFalse();
            assertThat(classifier.predict(up).label()).isEqualTo("up");
        }
    }

    @Test
    void rejectBelowLabelsLessConfidentRowsUnknownKeepingTheProbabilities() throws Exception {
        String strange = sequences("x", 2, 8, false, 0.0);
        Path input = Files.writeString(dir.resolve("mixed.csv"), sequences("n", 4, 7, false, null) + strange.substring(strange.indexOf('\n') + 1));
        TrainEvaluatePredictTest.Run p = run("predict", "--model", model.toString(), "--input", input.toString(), "--reject-below", "p05");
        assertThat(p.code()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        assertThat(lines.get(5)).startsWith("x0,unknown,").endsWith(",true");
        assertThat(lines.get(6)).startsWith("x1,unknown,").endsWith(",true");
        assertThat(lines.get(1)).startsWith("n0,up,");
        String[] cells = lines.get(5).split(",");
        assertThat(Double.parseDouble(cells[2]) + Double.parseDouble(cells[3])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(p.err()).contains("labelled unknown (--reject-below p05)");
        // a probability as the cut-off; a bad one is refused
        TrainEvaluatePredictTest.Run all = run("predict", "--model", model.toString(), "--input", input.toString(), "--reject-below", "0.999999");
        assertThat(all.out().lines().skip(1)).allMatch(l -> l.contains(",unknown,"));
        TrainEvaluatePredictTest.Run bad = run("predict", "--model", model.toString(), "--input", input.toString(), "--reject-below", "p07");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--reject-below p07: expected a quantile of the held-out split (p01, p05, p10, p25, p50) or a probability");
    }

    @Test
    void anOldCardWithoutTheQuantilesStillPredicts() throws Exception {
        Path old = dir.resolve("old.rnnlab");
        HeldOutPredictedSharesTest.rewriteCard(model, old, card ->
                assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) card.get("heldOutPredictions")).remove("confidence")).isNotNull());
        assertThat(ModelBundle.readCard(old).heldOutConfidence()).isEmpty();
        Path input = Files.writeString(dir.resolve("old-input.csv"), sequences("n", 4, 7, false, null));
        TrainEvaluatePredictTest.Run p = run("predict", "--model", old.toString(), "--input", input.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out().lines().findFirst().orElseThrow()).isEqualTo("id,label,p_down,p_up,length_untested,far_from_training,far_reasons,constant_features");
        assertThat(p.out().lines()).hasSize(5);
        assertThat(p.err()).containsOnlyOnce("records no confidence quantiles of its held-out split");
        try (SequenceClassifier classifier = ModelBundle.load(old)) {
            assertThat(classifier.predict(new float[8][2]).lowConfidence()).isNull();
        }
        // a quantile needs them; a probability does not
        TrainEvaluatePredictTest.Run q = run("predict", "--model", old.toString(), "--input", input.toString(), "--reject-below", "p05");
        assertThat(q.code()).isEqualTo(2);
        assertThat(q.err()).contains("records no held-out confidence quantiles");
    }
}
