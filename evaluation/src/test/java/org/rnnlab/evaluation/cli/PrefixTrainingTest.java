package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * {@code --augment prefix=R} trains for sequences still under way (a carrier's in-flight shipments, trial 66d): on data
 * whose last step all but gives the label away (a 'done' scan), a model trained on whole sequences learns that step and
 * is near chance on the first steps of new sequences; trained on random prefixes, it learns what the first steps say.
 */
class PrefixTrainingTest {

    /**
     * {@code n} sequences of 8 to 12 steps: x's first step is +-1 by the label (plus noise), its later steps noise; 'done' is 0
     * until the last step, where it is +-1 by the label. With {@code cut} > 0 only the first {@code cut} steps are written.
     */
    private static Path shipments(Path dir, String name, int n, long seed, int cut) throws Exception {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("id,x,done,label\n");
        for (int i = 0; i < n; i++) {
            boolean late = r.nextBoolean();
            int steps = 8 + r.nextInt(5);
            int written = cut > 0 ? cut : steps;
            for (int t = 0; t < written; t++) {
                double x = t == 0 ? (late ? 1 : -1) + 0.3 * r.nextGaussian() : r.nextGaussian();
                double done = t == steps - 1 ? (late ? 1 : -1) : 0;
                sb.append(String.format(Locale.ROOT, "s%d,%.4f,%.1f,%s%n", i, x, done, late ? "late" : "on_time"));
            }
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    private static double accuracy(Path model, Path data) throws Exception {
        Run e = run("evaluate", "--model", model.toString(), "--input", data.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode json = Json.mapper().readTree(e.out());
        return json.at("/metrics/ACCURACY").asDouble();
    }

    @Test
    void aModelTrainedOnPrefixesReadsTheFirstStepsWhereOneTrainedOnWholeSequencesCannot(@TempDir Path dir) throws Exception {
        Path train = shipments(dir, "train.csv", 300, 1, 0);
        Path early = shipments(dir, "early.csv", 200, 2, 3); // new sequences, their first 3 steps only
        String[] common = {"--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=id", "--set", "label=label",
                "--cell", "gru", "--hidden", "8", "--epochs", "12", "--threads", "1", "--quiet"};
        Run whole = run(concat(new String[] {"train"}, common, new String[] {"--out", dir.resolve("whole").toString()}));
        assertThat(whole.code()).as(whole.err()).isZero();
        Run prefixes = run(concat(new String[] {"train"}, common, new String[] {"--augment", "prefix=0.1",
                "--out", dir.resolve("prefixes").toString()}));
        assertThat(prefixes.code()).as(prefixes.err()).isZero();
        assertThat(Files.readString(dir.resolve("prefixes/config.json"))).contains("\"prefix\" : 0.1");

        double wholeEarly = accuracy(dir.resolve("whole/model.rnnlab"), early);
        double prefixEarly = accuracy(dir.resolve("prefixes/model.rnnlab"), early);
        System.out.printf("prefix-training: accuracy on 3-step prefixes %.4f trained whole, %.4f trained on prefixes%n",
                wholeEarly, prefixEarly);
        assertThat(prefixEarly).isGreaterThan(0.85).isGreaterThan(wholeEarly + 0.15);

        // 3 steps are under half the shortest training sequence (8) of the first model, not of the second (down to 1 step)
        Run p1 = run("predict", "--model", dir.resolve("whole/model.rnnlab").toString(), "--input", early.toString());
        Run p2 = run("predict", "--model", dir.resolve("prefixes/model.rnnlab").toString(), "--input", early.toString());
        assertThat(p1.err()).contains("under half as long as the shortest");
        assertThat(p2.err()).doesNotContain("under half as long as the shortest");
    }

    @Test
    void prefixesOfSequencesScaledByTheirWholeStatisticsAreRefused(@TempDir Path dir) throws Exception {
        Path train = shipments(dir, "train.csv", 60, 1, 0);
        Run r = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=id", "--set", "label=label",
                "--set", "sequenceScaling=standardize", "--augment", "prefix=0.5", "--hidden", "4", "--epochs", "1", "--quiet",
                "--out", dir.resolve("refused").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--augment prefix=0.5 cuts sequences after --set sequenceScaling=");
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
