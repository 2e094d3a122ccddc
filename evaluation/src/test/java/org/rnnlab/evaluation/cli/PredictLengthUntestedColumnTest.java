package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.training.TrainedLengths;

/**
 * predict's column length_untested marks each sequence whose length makes its prediction untested, as serve's
 * lengthUntested does (trial 77a F2: a 20,000-step engine log against training lengths of 2,150-8,717 was warned of, by
 * name only as the first "e.g.", and its row in the CSV carried no mark, while far and constant features are marked per row).
 */
class PredictLengthUntestedColumnTest {

    @TempDir
    Path dir;

    @Test
    void theCellSaysTooLongOrTooShortByTheTrainedLengths() {
        TrainedLengths lengths = new TrainedLengths(10, 20);
        assertThat(PredictCommand.lengthUntested(lengths, 41)).isEqualTo("too_long");
        // twice the longest: outside training, not untested (serve's lengthOutsideTrained; trial 77e F3)
        assertThat(PredictCommand.lengthUntested(lengths, 40)).isEqualTo("longer_than_trained");
        assertThat(PredictCommand.lengthUntested(lengths, 21)).isEqualTo("longer_than_trained");
        assertThat(PredictCommand.lengthUntested(lengths, 4)).isEqualTo("too_short");
        assertThat(PredictCommand.lengthUntested(lengths, 5)).isEqualTo("shorter_than_trained"); // half the shortest
        assertThat(PredictCommand.lengthUntested(lengths, 9)).isEqualTo("shorter_than_trained");
        assertThat(PredictCommand.lengthUntested(lengths, 10)).isEmpty(); // the bounds were trained on
        assertThat(PredictCommand.lengthUntested(lengths, 20)).isEmpty();
        assertThat(PredictCommand.lengthUntested(lengths, 15)).isEmpty();
        assertThat(PredictCommand.lengthUntested(new TrainedLengths(0, 0), 5000)).as("a card without lengths").isEmpty();
    }

    @Test
    void everyUntestedSequenceIsMarkedAsServeMarksIt() throws Exception {
        Random r = new Random(3);
        StringBuilder train = new StringBuilder("id,t,x,label\n");
        for (int s = 0; s < 24; s++) {
            boolean up = s % 2 == 0;
            int steps = (s / 2) % 2 == 0 ? 10 : 20; // 10 or 20 steps, each class both
            for (int t = 0; t < steps; t++) {
                train.append(String.format(Locale.ROOT, "s%d,%d,%.3f,%s%n", s, t, (up ? t : -t) + r.nextGaussian(), up ? "up" : "down"));
            }
        }
        Path data = Files.writeString(dir.resolve("train.csv"), train);
        Path runDir = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=t",
                "--set", "label=label", "--hidden", "2", "--epochs", "1", "--quiet", "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = runDir.resolve("model.rnnlab").toString();
        assertThat(TrainedLengths.of(org.rnnlab.training.ModelBundle.readCard(Path.of(model)))).isEqualTo(new TrainedLengths(10, 20));

        // four too long (more than the warning names), one too short, and lengths inside, outside but tested, and at the bounds
        Map<String, Integer> lengths = new LinkedHashMap<>();
        for (String id : List.of("long1", "long2", "long3", "long4")) {
            lengths.put(id, 41 + 20 * lengths.size());
        }
        lengths.put("short", 4);
        lengths.put("half", 5);
        lengths.put("inside", 15);
        lengths.put("longer", 30);
        lengths.put("twice", 40);
        StringBuilder csv = new StringBuilder("id,t,x\n");
        Map<String, float[][]> sequences = new LinkedHashMap<>();
        lengths.forEach((id, steps) -> {
            float[][] values = new float[steps][1];
            for (int t = 0; t < steps; t++) {
                values[t][0] = t % 7;
                csv.append(String.format(Locale.ROOT, "%s,%d,%s%n", id, t, values[t][0]));
            }
            sequences.put(id, values);
        });
        Path input = Files.writeString(dir.resolve("new.csv"), csv);
        Run predicted = run("predict", "--model", model, "--input", input.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.err()).contains("4 sequence(s) are over twice as long as the longest the model was trained on (20 steps), "
                + "e.g. long1 (41 steps), long2 (61 steps), long3 (81 steps): predictions over so many steps are untested");
        List<String> lines = predicted.out().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        int column = header.indexOf("length_untested");
        assertThat(header.subList(column, header.size()))
                .containsExactly("length_untested", "far_from_training", "far_reasons", "constant_features", "low_confidence");
        Map<String, String> marks = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            marks.put(cells[0], cells[column]);
        }
        assertThat(marks).isEqualTo(Map.of("long1", "too_long", "long2", "too_long", "long3", "too_long",
                "long4", "too_long", "short", "too_short", "half", "shorter_than_trained", "inside", "", "longer", "longer_than_trained",
                "twice", "longer_than_trained"));

        // serve's lengthUntested for the same sequences: true exactly where the column says too_long or too_short, and its
        // lengthOutsideTrained exactly where it says shorter_than_trained or longer_than_trained (trial 77e F3)
        List<String> ids = List.copyOf(sequences.keySet());
        JsonNode predictions = ServedPredictions.of(model, ids.stream().map(sequences::get).toList());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(predictions.get(i).path("lengthUntested").asBoolean(false)).as(ids.get(i))
                    .isEqualTo(marks.get(ids.get(i)).startsWith("too_"));
            assertThat(predictions.get(i).path("lengthOutsideTrained").asBoolean(false)).as(ids.get(i))
                    .isEqualTo(marks.get(ids.get(i)).endsWith("_than_trained"));
        }
    }
}
