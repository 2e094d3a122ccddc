package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.ClassShareDrift;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;

/**
 * predict compares the classes it predicts with those the model predicted on its run's held-out split (the card's
 * {@code heldOutPredictions}), not with the training split's true shares. Review 66a #1: a normal model (ROC AUC 0.83) on
 * data with a 'rare' class of about 20% and a weak signal predicted 'rare' for 7.3% of its own training file, and predict
 * warned that the shares had drifted; the same on fresh data of the same generator. Its case here: silent on the training
 * file and on fresh data, a warning for inputs that did move, and a note for a card without the held-out predictions.
 */
class HeldOutPredictedSharesTest {

    @TempDir
    static Path dir;
    static Path data;
    static Path model;

    /**
     * The review's generator (gen2.py): {@code n} sequences of 6 steps, 'rare' with probability 0.2, whose f1 is raised by
     * 0.35 (a weak signal in noise of 1), f2 noise; every f1 raised by {@code shift} more (0: same distribution).
     */
    private static Path sequences(String name, int n, long seed, double shift) throws Exception {
        return sequences(name, n, seed, shift, 6);
    }

    /** As above, with only the first {@code written} of each sequence's 6 steps written (a sequence still under way). */
    private static Path sequences(String name, int n, long seed, double shift, int written) throws Exception {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("sequence_id,step,f1,f2,label\n");
        for (int i = 0; i < n; i++) {
            boolean rare = r.nextDouble() < 0.2;
            double base = (rare ? 0.35 : 0.0) + shift;
            for (int h = 0; h < 6; h++) {
                String values = String.format(Locale.ROOT, "%.3f,%.3f", base + r.nextGaussian(), r.nextGaussian());
                if (h >= written) {
                    continue;
                }
                csv.append('q').append(i).append(',').append(h).append(',')
                        .append(values).append(',')
                        .append(rare ? "rare" : "common").append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static Path train(String name, int epochs, String... more) {
        Path runDir = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", "csv", "--train", data.toString(), "--set",
                "time=step", "--cell", "lstm", "--hidden", "8", "--epochs", String.valueOf(epochs), "--threads", "1", "--quiet", "--out",
                runDir.toString()));
        args.addAll(List.of(more));
        var t = run(args.toArray(String[]::new));
        assertThat(t.code()).as(t.err()).isZero();
        return runDir.resolve("model.rnnlab");
    }

    @BeforeAll
    static void trainAnImperfectModelOnImbalancedClasses() throws Exception {
        data = sequences("imb.csv", 800, 1, 0);
        model = train("run", 6);
    }

    /** The predicted classes' counts (in the card's label order) of predict's output. */
    private static long[] predicted(ModelCard card, String out) {
        long[] counts = new long[card.labelNames().size()];
        out.lines().skip(1).forEach(l -> counts[card.labelNames().indexOf(l.split(",")[1])]++);
        return counts;
    }

    @Test
    void theCardKeepsTheValidationSplitsPredictedClasses() {
        ModelCard card = ModelBundle.readCard(model);
        assertThat(card.heldOutPredictions().split()).isEqualTo("validation");
        assertThat(card.heldOutPredictions().classCounts().keySet()).containsExactlyElementsOf(card.labelNames());
        long heldOut = java.util.Arrays.stream(card.heldOutPredictedCounts().orElseThrow()).sum();
        long training = java.util.Arrays.stream(card.trainingCounts().orElseThrow()).sum();
        assertThat(heldOut).isPositive().isLessThan(training); // the validation split, not training's 800 less test
    }

    @Test
    void predictIsSilentOnItsOwnTrainingFileAndOnFreshDataOfTheSameKind() throws Exception {
        ModelCard card = ModelBundle.readCard(model);
        var self = run("predict", "--model", model.toString(), "--input", data.toString(), "--threads", "1");
        assertThat(self.code()).as(self.err()).isZero();
        // the review's case: the model under-predicts 'rare', so its predicted shares on its own training file differ
        // clearly from the true training shares (the comparison that warned before)
        assertThat(ClassShareDrift.compare(card.trainingCounts().orElseThrow(), predicted(card, self.out())).orElseThrow().differs())
                .as("an imperfect model, biased toward the majority class").isTrue();
        assertThat(self.err()).doesNotContain("shares").doesNotContain("predict: note:");

        var fresh = run("predict", "--model", model.toString(), "--input", sequences("imb_new.csv", 600, 7, 0).toString(),
                "--threads", "1");
        assertThat(fresh.code()).as(fresh.err()).isZero();
        assertThat(ClassShareDrift.compare(card.trainingCounts().orElseThrow(), predicted(card, fresh.out())).orElseThrow().differs())
                .isTrue();
        assertThat(fresh.err()).doesNotContain("shares");
    }

    @Test
    void predictWarnsWhenTheInputsMoved() throws Exception {
        ModelCard card = ModelBundle.readCard(model);
        var moved = run("predict", "--model", model.toString(), "--input", sequences("moved.csv", 600, 8, 1.0).toString(),
                "--threads", "1");
        assertThat(moved.code()).as(moved.err()).isZero();
        long[] counts = predicted(card, moved.out());
        long[] heldOut = card.heldOutPredictedCounts().orElseThrow();
        int rare = card.labelNames().indexOf("rare");
        assertThat(moved.err()).contains("predict: warning: the shares of the classes the model predicted (its most probable class "
                        + "per sequence) differ from those it predicted on its validation split (total variation distance ")
                .contains(" over " + java.util.Arrays.stream(heldOut).sum() + " validation-predicted and 600 predicted sequences): ")
                .contains(String.format(Locale.ROOT, "'rare' %.1f%% of the validation predictions, %.1f%% of these predictions",
                        100.0 * heldOut[rare] / java.util.Arrays.stream(heldOut).sum(), 100.0 * counts[rare] / 600))
                .contains("the same model predicted both, so these inputs differ from the validation data");
    }

    @Test
    void aPrefixTrainedModelGivenMostlyPartialSequencesHasTheShareWarningQualified() throws Exception {
        // a model trained with --augment prefix=0.5 (its card says so) on whole sequences of 6 steps, given their first 3:
        // its held-out predictions are of whole sequences, so shares on partial ones are expected to differ
        Path prefixModel = dir.resolve("prefix.rnnlab");
        rewriteCard(model, prefixModel, card -> ((ObjectNode) card.at("/training/augmentation")).put("prefix", 0.5));
        assertThat(ModelBundle.readCard(prefixModel).training().augmentation().prefix()).isEqualTo(0.5);
        Path partial = sequences("partial-moved.csv", 600, 8, 1.0, 3);
        var p = run("predict", "--model", prefixModel.toString(), "--input", partial.toString(), "--threads", "1");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.err()).contains("predict: warning: the shares of the classes the model predicted")
                .contains("; but the model was trained with --augment prefix=0.5 and 600 of these 600 sequences are shorter than "
                        + "the shortest whole sequence it was trained on (6 steps): its held-out predictions are of whole sequences, "
                        + "and shares predicted on partial ones are expected to differ from them");
        // the same inputs to the model trained on whole sequences only: the warning as it was
        var whole = run("predict", "--model", model.toString(), "--input", partial.toString(), "--threads", "1");
        assertThat(whole.err()).contains("predict: warning: the shares of the classes").doesNotContain("--augment prefix");
        // mostly whole sequences: not qualified
        assertThat(TrainingShares.partialSequences(0.5, 6, new int[] {3, 3, 6})).get().asString()
                .contains("2 of these 3 sequences are shorter");
        assertThat(TrainingShares.partialSequences(0.5, 6, new int[] {3, 6, 6})).isEmpty();
        assertThat(TrainingShares.partialSequences(1, 6, new int[] {3, 3, 3})).isEmpty();
    }

    @Test
    void aCardWithoutHeldOutPredictionsStillPredictsWithANote() throws Exception {
        Path old = dir.resolve("old.rnnlab");
        withoutKeys(model, old, "heldOutPredictions", "trainingClassCounts"); // as rnnlab before both wrote it
        assertThat(ModelBundle.readCard(old).heldOutPredictions()).isNull();
        Path moved = sequences("old-moved.csv", 600, 9, 1.0);
        var p = run("predict", "--model", old.toString(), "--input", moved.toString(), "--threads", "1");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out().lines().count()).isEqualTo(601);
        assertThat(p.err()).contains("predict: note: " + old + " predates rnnlab's record of the classes the model predicted on its "
                + "held-out data (its model card has no heldOutPredictions)").doesNotContain("warning: the shares");
    }

    @Test
    void aRunWithoutValidationKeepsTheTestSplitsAndWithoutEitherNone() throws Exception {
        ModelCard noValidation = ModelBundle.readCard(train("run-nv", 1, "--set", "validationFraction=0"));
        assertThat(noValidation.heldOutPredictions().split()).isEqualTo("test");
        Path none = train("run-none", 1, "--set", "validationFraction=0", "--set", "testFraction=0");
        assertThat(ModelBundle.readCard(none).heldOutPredictions()).isNull();
        var p = run("predict", "--model", none.toString(), "--input", data.toString(), "--threads", "1");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.err()).contains("predict: note: " + none + " was trained without validation or test data, so its model card "
                + "records no classes it predicted on held-out data").doesNotContain("warning: the shares");
    }

    /** Copies a model file with {@code keys} taken out of its card. */
    static void withoutKeys(Path from, Path to, String... keys) throws Exception {
        rewriteCard(from, to, card -> {
            for (String key : keys) {
                assertThat(((ObjectNode) card).remove(key)).as(key).isNotNull();
            }
        });
    }

    /** Copies a model file with its card changed by {@code change}. */
    static void rewriteCard(Path from, Path to, java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> change)
            throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        ObjectNode card = (ObjectNode) Json.mapper().readTree(entries.get("model-card.json"));
        change.accept(card);
        // an edited card is refused by the content digest of format 5: written as format 4 (the same entries, no digest)
        if (card.path("formatVersion").asInt() == 5) {
            card.put("formatVersion", 4);
            entries.put("bundle.json", "{\"format\":\"rnnlab-bundle\",\"version\":4}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        entries.put("model-card.json", Json.mapper().writeValueAsBytes(card));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Files.write(to, bytes.toByteArray());
    }
}
