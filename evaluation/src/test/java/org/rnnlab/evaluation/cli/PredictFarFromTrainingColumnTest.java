package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * predict's column far_from_training marks each sequence as serve's farFromTraining does (trial 74d F11: a depot's
 * sequences in °F were marked by serve, while predict's CSV carried no per-row mark and their low_confidence was lowest
 * exactly there): the same features, judged on the sequence alone, before low_confidence, which stays last.
 */
class PredictFarFromTrainingColumnTest {

    @TempDir
    Path dir;

    @Test
    void theHelpSaysWhatTheColumnHolds() {
        Run help = run("predict", "--help");
        assertThat(help.code()).isZero();
        // a line may wrap after a comma of tokens,truncated,unknown_words: compared without the space after commas
        assertThat(help.out().replaceAll("\\s+", " ").replace(", ", ",")).contains("for sequence models length_untested,far_from_training,far_reasons and constant_features (below),for text models tokens,truncated,unknown_words and many_unknown_words (below),with --threshold alarm (below),then low_confidence (below),and last,for text models,reason (below)");
        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("A sequence model's column far_from_training names the features, separated by ';', whose values in that "
                        + "sequence lie far outside the training data (judged on the sequence alone, as serve's farFromTraining: 10% "
                        + "or more of its values")
                .contains("A sequence model's column length_untested is too_long where the sequence is over twice as long as the "
                        + "longest the model was trained on, too_short where it is under half as long as the shortest");
    }

    @Test
    void theColumnNamesWhatServeMarksForEachSequence() throws Exception {
        Random r = new Random(11);
        StringBuilder train = new StringBuilder("id,t,speed,temp,label\n");
        for (int s = 0; s < 30; s++) {
            boolean fast = s % 2 == 0;
            for (int t = 0; t < 12; t++) {
                train.append(String.format(Locale.ROOT, "s%d,%d,%.3f,%.3f,%s%n", s, t, (fast ? 60 : 30) + 5 * r.nextGaussian(),
                        80 + 3 * r.nextGaussian(), fast ? "fast" : "slow"));
            }
        }
        Path data = Files.writeString(dir.resolve("train.csv"), train);
        Path runDir = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=t",
                "--set", "label=label", "--hidden", "4", "--epochs", "1", "--quiet", "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = runDir.resolve("model.rnnlab").toString();

        // new sequences: as in training; temp in °F (176 for 80); speed in m/s (tiny next to km/h? no: x100); both; a -999
        // code at one step of temp; each id with its values [step][speed, temp]
        Map<String, float[][]> sequences = new LinkedHashMap<>();
        BiFunction<Integer, Integer, float[]> ordinary = (s, t) -> new float[] {(float) (45 + 10 * Math.sin(s + t)),
                (float) (80 + 2 * Math.cos(s * t))};
        for (String id : List.of("ok", "fahrenheit", "scaled", "both", "code")) {
            float[][] steps = new float[12][];
            for (int t = 0; t < 12; t++) {
                float[] v = ordinary.apply(id.length(), t);
                if (id.equals("fahrenheit") || id.equals("both")) {
                    v[1] = v[1] * 9 / 5 + 32 + 400; // a sensor far off
                }
                if (id.equals("scaled") || id.equals("both")) {
                    v[0] = v[0] * 100;
                }
                if (id.equals("code") && t == 5) {
                    v[1] = -999;
                }
                steps[t] = v;
            }
            sequences.put(id, steps);
        }
        StringBuilder csv = new StringBuilder("id,t,speed,temp,depot\n");
        sequences.forEach((id, steps) -> {
            for (int t = 0; t < steps.length; t++) {
                csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s%n", id, t, steps[t][0], steps[t][1], "d-" + id));
            }
        });
        Path input = Files.writeString(dir.resolve("new.csv"), csv);
        Run predicted = run("predict", "--model", model, "--input", input.toString(), "--keep-columns", "depot");
        assertThat(predicted.code()).as(predicted.err()).isZero();
        List<String> lines = predicted.out().lines().toList();
        assertThat(lines.get(0)).endsWith(",depot,length_untested,far_from_training,far_reasons,constant_features,low_confidence"); // low_confidence stays last
        Map<String, String> column = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells[cells.length - 1]).isIn("true", "false");
            column.put(cells[0], cells[cells.length - 4]); // far_from_training
        }
        assertThat(column).containsOnlyKeys(sequences.keySet());
        assertThat(column.get("ok")).isEmpty();
        assertThat(column.get("fahrenheit")).isEqualTo("temp");
        assertThat(column.get("scaled")).isEqualTo("speed");
        assertThat(column.get("both")).isEqualTo("speed;temp");
        assertThat(column.get("code")).isEqualTo("temp");

        assertServeMarksAsPredict(model, sequences, column);
    }

    /**
     * Serves {@code model} in-process, sends {@code sequences} to /predict and asserts that each
     * answer's farFromTraining equals predict's far_from_training column ({@code column}, by id).
     */
    static void assertServeMarksAsPredict(String model, Map<String, float[][]> sequences, Map<String, String> column)
            throws Exception {
        List<String> ids = new ArrayList<>(sequences.keySet());
        JsonNode predictions = ServedPredictions.of(model, ids.stream().map(sequences::get).toList());
        for (int i = 0; i < ids.size(); i++) {
            List<String> marked = new ArrayList<>();
            predictions.get(i).path("farFromTraining").forEach(f -> marked.add(f.asText()));
            assertThat(String.join(";", marked)).as(ids.get(i)).isEqualTo(column.get(ids.get(i)));
        }
    }
}
