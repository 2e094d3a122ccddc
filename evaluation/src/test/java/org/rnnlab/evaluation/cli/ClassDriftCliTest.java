package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * {@code evaluate} and {@code predict} judge, once the model has predicted, a file's or group's level against the training
 * sequences of the classes predicted ({@link ModelData#warnClassDrift}): a reefer trial's +2 %RH humidity calibration offset
 * over a whole file lay 4.9 sds of all training sequences' means out, inside the 6 allowed a group of one class, and turned
 * every 'ok' window into a fault without a word (trial 71d F1).
 */
class ClassDriftCliTest {

    @TempDir
    Path dir;

    /**
     * Containers of 6 windows of 24 steps: temperature tells the class (ok about 4, fault about 9), humidity's level differs
     * a little by class (ok 88.0, fault 88.8, each window's own level around it) under a reading noise of 1.8 %RH;
     * {@code offset} %RH added to the humidity of containers from {@code offsetFrom} on.
     */
    private static String reefer(int containers, long seed, double offset, int offsetFrom) {
        return reefer(containers, 6, seed, offset, offsetFrom);
    }

    /** As {@link #reefer(int, long, double, int)}, with {@code windows} windows per container. */
    private static String reefer(int containers, int windows, long seed, double offset, int offsetFrom) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("window,container,temperature,humidity,label\n");
        for (int c = 0; c < containers; c++) {
            for (int w = 0; w < windows; w++) {
                boolean fault = r.nextDouble() < 0.5;
                double level = (fault ? 88.8 + 0.5 * r.nextGaussian() : 88.0 + 0.2 * r.nextGaussian()) + (c >= offsetFrom ? offset : 0);
                for (int t = 0; t < 24; t++) {
                    b.append(String.format(Locale.ROOT, "K%d-w%d,K%d,%.3f,%.3f,%s%n", c, w, c, (fault ? 9 : 4) + 0.7 * r.nextGaussian(),
                            level + 1.8 * r.nextGaussian(), fault ? "fault" : "ok"));
                }
            }
        }
        return b.toString();
    }

    @Test
    void aHumidityOffsetOverAWholeFileIsNamedAgainstThePredictedClassesAndNormalDataAreNot() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), reefer(30, 71, 0, 0));
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=window",
                "--set", "group=container", "--set", "features=temperature,humidity", "--hidden", "8", "--epochs", "15",
                "--threads", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        org.rnnlab.training.TrainingRange range = org.rnnlab.training.ModelBundle.readCard(out.resolve("model.rnnlab")).trainingRange();
        assertThat(range.hasClassSequenceMeans()).isTrue();
        assertThat(range.classCount()).isEqualTo(2);
        String model = out.resolve("model.rnnlab").toString();

        Path shifted = Files.writeString(dir.resolve("shifted.csv"), reefer(12, 72, 2.0, 0)); // +2 %RH everywhere
        Run evaluated = run("evaluate", "--model", model, "--input", shifted.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        // the level check of all training sequences' means leaves room for a group of one class: it says nothing here
        // evaluate has the labels: each window judged against its labelled class (trial 80g F1), and said so
        assertThat(evaluated.err()).doesNotContain("level or spread differs").doesNotContain("classes the model predicted for them,")
                .contains("the new data's level differs from that of the training sequences of their own classes (judged by the "
                        + "labels of this file, not by the classes the model predicted), in 1 feature(s)")
                .contains("'humidity' in ").contains("their means lie on average ").contains(", labelled 'fault' ");
        // and in --json's drift, one finding per container named (trial 80c F2: prose only)
        Run json = run("evaluate", "--model", model, "--input", shifted.toString(), "--json");
        assertThat(json.code()).as(json.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode drift = org.rnnlab.core.Json.mapper().readTree(json.out()).get("drift");
        assertThat(drift.isArray()).as("evaluate --json's drift").isTrue();
        assertThat(drift.size()).isPositive();
        // every one named, also those the warning counts as "and N more" past the first ModelData.DRIFT_SHOWN
        assertThat(drift.size()).isGreaterThan(ModelData.DRIFT_SHOWN);
        assertThat(evaluated.err()).contains("; and " + (drift.size() - ModelData.DRIFT_SHOWN) + " more.");
        for (int k = 0; k < drift.size(); k++) {
            com.fasterxml.jackson.databind.JsonNode d = drift.get(k);
            assertThat(d.get("feature").asText()).isEqualTo("humidity");
            assertThat(d.get("kind").asText()).isEqualTo("CLASS_LEVEL");
            assertThat(d.get("classesBy").asText()).isEqualTo("labelled");
            assertThat(d.get("figures").get("meanSds").asDouble()).isGreaterThan(3);
            assertThat(d.get("figures").get("meanDifference").asDouble()).isGreaterThan(0);
            if (k < ModelData.DRIFT_SHOWN) {
                assertThat(evaluated.err()).contains(d.get("sentence").asText());
            }
        }
        assertThat(drift.get(0).get("sentence").asText()).startsWith("'humidity' in ");
        Run predicted = run("predict", "--model", model, "--input", shifted.toString(), "--output", dir.resolve("p.csv").toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.err()).contains("of the classes the model predicted for them").contains("'humidity' in ");

        // +2 %RH on every container, 8 of them of 6 windows and 6 of 2 (too few to judge alone): the whole file first
        String small = reefer(6, 2, 75, 2.0, 0).replace(",K", ",S").replace("K", "S");
        Path everywhere = Files.writeString(dir.resolve("everywhere.csv"), reefer(8, 76, 2.0, 0)
                + small.substring(small.indexOf('\n') + 1));
        String all = run("evaluate", "--model", model, "--input", everywhere.toString()).err();
        assertThat(all).contains("in 1 feature(s), in the whole file and ", " of the 14 'container' value(s) (6 of the 14 "
                + "'container' value(s) have under 5 sequences, too few to judge alone)", "'humidity' in the whole file (60 sequences");
        assertThat(all.indexOf("'humidity' in the whole file")).isLessThan(all.indexOf("'humidity' in 'K"));

        // normal new containers and the training file: no word
        Path normal = Files.writeString(dir.resolve("normal.csv"), reefer(12, 73, 0, 0));
        assertThat(run("evaluate", "--model", model, "--input", normal.toString()).err()).doesNotContain("training sequences of");
        assertThat(run("predict", "--model", model, "--input", normal.toString()).err()).doesNotContain("classes the model predicted");
        assertThat(run("evaluate", "--model", model, "--input", train.toString()).err()).doesNotContain("training sequences of");
        assertNoDrift(run("evaluate", "--model", model, "--input", normal.toString(), "--json").out());

        // one container of twelve offset: named by itself
        Path one = Files.writeString(dir.resolve("one.csv"), reefer(12, 74, 2.0, 11));
        String err = run("evaluate", "--model", model, "--input", one.toString()).err();
        assertThat(err).contains("of their own classes").contains("'humidity' in 'K11'").doesNotContain("in 'K10'");
    }

    /** evaluate --json's {@code drift} of normal data: there, and empty. */
    private static void assertNoDrift(String json) throws Exception {
        com.fasterxml.jackson.databind.JsonNode drift = org.rnnlab.core.Json.mapper().readTree(json).get("drift");
        assertThat(drift).as("evaluate --json's drift of normal data").isNotNull();
        assertThat(drift.isArray() && drift.isEmpty()).as(drift.toString()).isTrue();
    }
}
