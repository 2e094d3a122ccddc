package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A model trained with {@code --set sequenceScaling=standardize}: predict judges codes for a missing value and spikes on the
 * values as written, each sequence against itself, and marks them in {@code far_from_training} as for a model without
 * per-sequence scaling (trial 75a F7: a -999 in three cells and strain spikes of 500 flipped predictions, the column empty
 * on every row and no warning, since each sequence's own scaling bends around them); serve's farFromTraining alike.
 */
class PredictScaledCodesAndSpikesTest {

    @TempDir
    Path dir;

    /** A passage: one bump (class a) or two (class b) of strain, with acceleration noise. */
    private static float[][] passage(Random r, boolean two, int steps) {
        float[][] v = new float[steps][2];
        double amplitude = 40 + 20 * r.nextDouble();
        for (int t = 0; t < steps; t++) {
            double bump = Math.exp(-Math.pow((t - steps / 3.0) / 4, 2)) + (two ? Math.exp(-Math.pow((t - 2 * steps / 3.0) / 4, 2)) : 0);
            v[t][0] = (float) (amplitude * bump + 0.5 * r.nextGaussian());
            v[t][1] = (float) (2 * r.nextGaussian());
        }
        return v;
    }

    private static void append(StringBuilder csv, String id, float[][] v, String label) {
        for (int t = 0; t < v.length; t++) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s%n", id, t, v[t][0], v[t][1], label));
        }
    }

    @Test
    void codesAndSpikesAsWrittenAreMarkedForASequenceScaledModel() throws Exception {
        Random r = new Random(75);
        StringBuilder train = new StringBuilder("id,t,strain,acc,label\n");
        for (int s = 0; s < 40; s++) {
            append(train, "s" + s, passage(r, s % 2 == 1, 60), s % 2 == 1 ? "b" : "a");
        }
        Path data = Files.writeString(dir.resolve("train.csv"), train);
        Path runDir = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=t",
                "--set", "label=label", "--set", "sequenceScaling=standardize", "--hidden", "4", "--epochs", "1", "--quiet",
                "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();

        Map<String, float[][]> sequences = new LinkedHashMap<>();
        for (int s = 0; s < 6; s++) {
            sequences.put("ok" + s, passage(r, s % 2 == 1, 60));
        }
        float[][] code = passage(r, false, 60);
        code[10][1] = -999;
        code[30][1] = -999;
        code[50][1] = -999;
        sequences.put("code", code);
        float[][] spikes = passage(r, true, 60); // 8 of 60 cells (13%): marked, as a tenth of a sequence is
        for (int t : new int[] {3, 9, 14, 26, 27, 37, 45, 55}) {
            spikes[t][0] = 500;
        }
        sequences.put("spikes", spikes);
        float[][] twoSpikes = passage(r, false, 60); // 2 cells: named in the file's warning, too few to mark the row
        twoSpikes[12][0] = 5000;
        twoSpikes[40][0] = 5000;
        sequences.put("two", twoSpikes);
        float[][] peak = passage(r, false, 60); // a peak three times as high, reached through values near it: data
        for (float[] step : peak) {
            step[0] *= 3;
        }
        sequences.put("peak", peak);
        StringBuilder csv = new StringBuilder("id,t,strain,acc\n");
        sequences.forEach((id, v) -> {
            for (int t = 0; t < v.length; t++) {
                csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s%n", id, t, v[t][0], v[t][1]));
            }
        });
        Path input = Files.writeString(dir.resolve("new.csv"), csv);
        Run predicted = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", input.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        List<String> lines = predicted.out().lines().toList();
        assertThat(lines.get(0)).endsWith(",far_from_training,far_reasons,constant_features,low_confidence");
        Map<String, String> column = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            column.put(cells[0], cells[cells.length - 4]); // far_from_training, before far_reasons and constant_features
        }
        assertThat(column).containsOnlyKeys(sequences.keySet());
        assertThat(column.get("code")).isEqualTo("acc");
        assertThat(column.get("spikes")).isEqualTo("strain");
        for (String id : List.of("ok0", "ok1", "ok2", "ok3", "ok4", "ok5", "two", "peak")) {
            assertThat(column.get(id)).as(id).isEmpty();
        }
        String err = predicted.err().replaceAll("\\s+", " ");
        assertThat(err).contains("'acc' holds -999 in 3 cell(s) of 1 sequence(s) (e.g. 'code'), over 10 sd of its sequence's "
                + "other values from their mean (judged on the values as written, before each sequence's own scaling, "
                + "sequenceScaling standardize").contains("--na-values -999");
        assertThat(err).contains("'strain': 10 cell(s) in 2 of the 10 sequences are spikes, 500 to 5000 as written")
                .contains("in 'spikes' (8), 'two' (2).");
        assertThat(err).doesNotContain("'peak'").doesNotContain("'ok");

        // serve marks each sequence as sent alike
        PredictFarFromTrainingColumnTest.assertServeMarksAsPredict(runDir.resolve("model.rnnlab").toString(), sequences, column);
    }
}
