package org.rnnlab.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.Main;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;
import picocli.CommandLine;

/**
 * The README's "Using a model from Java": another program loads a {@code model.rnnlab} trained by
 * {@code rnnlab train} through the public API ({@link ModelBundle#load}, {@link SequenceClassifier#predict})
 * and gets exactly what {@code rnnlab predict} prints for the same sequences.
 */
class EmbeddingExampleTest {

    @Test
    void aProgramThatLoadsTheBundlePredictsLikeTheCommandLine(@TempDir Path dir) throws Exception {
        // a tiny model, trained the way a user would: rnnlab data example, then rnnlab train
        Path data = dir.resolve("data");
        Path run = dir.resolve("run");
        cli("data", "example", "--out", data.toString(), "--train-per-class", "8", "--test-per-class", "4");
        cli("train", "--dataset", "csv", "--train", data.resolve("TRAIN.csv").toString(), "--test", data.resolve("TEST.csv").toString(),
                "--set", "sequenceId=series_id", "--set", "time=timestamp", "--set", "label=class",
                "--hidden", "4", "--epochs", "1", "--quiet", "--out", run.toString());
        Path model = run.resolve("model.rnnlab");

        // 10 sequences of TEST.csv (header series_id,timestamp,x,y,z,class), as [time][feature] arrays in the model's feature order
        List<String> rows = Files.readAllLines(data.resolve("TEST.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        Map<String, List<float[]>> steps = new LinkedHashMap<>();
        StringBuilder input = new StringBuilder(rows.get(0)).append('\n');

        // --- the embedding example (README, "Using a model from Java") ---
        SequenceClassifier classifier = ModelBundle.load(model);
        List<String> features = classifier.card().input().featureNames(); // [x, y, z]
        // ---

        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            if (!steps.containsKey(f[0]) && steps.size() == 10) {
                continue;
            }
            float[] step = new float[features.size()];
            for (int i = 0; i < step.length; i++) {
                step[i] = Float.parseFloat(f[header.indexOf(features.get(i))]);
            }
            steps.computeIfAbsent(f[0], k -> new ArrayList<>()).add(step);
            input.append(row).append('\n');
        }
        assertThat(steps).hasSize(10);
        Files.writeString(dir.resolve("ten.csv"), input);

        // --- the embedding example, continued ---
        List<float[][]> sequences = new ArrayList<>();
        for (List<float[]> s : steps.values()) {
            sequences.add(s.toArray(float[][]::new)); // one sequence: [time][feature]
        }
        List<SequenceClassifier.Prediction> predictions = classifier.predict(sequences);
        String label = predictions.get(0).label();                        // the most probable class
        int index = predictions.get(0).index();                           // its place in classifier.labelNames()
        double[] probabilities = predictions.get(0).probabilities();      // one per class, in classifier.labelNames() order (a copy)
        // ---

        // the README's types (a trial's first draft took probabilities() for a float[]): index names label, one probability per class
        assertThat(classifier.labelNames().get(index)).isEqualTo(label);
        assertThat(probabilities).hasSize(classifier.labelNames().size());
        assertThat(probabilities[index]).isEqualTo(java.util.Arrays.stream(probabilities).max().orElseThrow());

        List<String> expected = new ArrayList<>();
        StringBuilder head = new StringBuilder("id,label");
        classifier.labelNames().forEach(l -> head.append(",p_").append(l));
        expected.add(head.append(",length_untested,far_from_training,far_reasons,constant_features,low_confidence").toString()); // the Java API's lowConfidence(), as predict's last column
        org.rnnlab.training.TrainedLengths lengths = org.rnnlab.training.TrainedLengths.of(classifier.card());
        List<String> ids = new ArrayList<>(steps.keySet());
        for (int i = 0; i < predictions.size(); i++) {
            StringBuilder line = new StringBuilder(ids.get(i)).append(',').append(predictions.get(i).label());
            for (double p : predictions.get(i).probabilities()) {
                line.append(',').append(String.format(Locale.ROOT, "%.6f", p));
            }
            // predict's length_untested column: the model's trained lengths, as the Java API's log judges them
            int length = sequences.get(i).length;
            line.append(',').append(lengths.tooLong(length) ? "too_long" : lengths.tooShort(length) ? "too_short"
                    : lengths.outsideTrained(length) ? length < lengths.minLength() ? "shorter_than_trained" : "longer_than_trained" : "");
            // predict's far_from_training column is each prediction's own mark
            line.append(',').append(String.join(";", predictions.get(i).farFromTraining()));
            // and far_reasons the kinds of its farReasons()
            line.append(',').append(String.join(";", predictions.get(i).farReasons().stream().map(r -> r.feature() + ":" + r.kind()).toList()));
            line.append(',').append(String.join(";", predictions.get(i).constantFeatures())); // and its constant_features
            expected.add(line.append(',').append(predictions.get(i).lowConfidence()).toString());
        }
        String printed = cli("predict", "--model", model.toString(), "--input", dir.resolve("ten.csv").toString());
        assertThat(printed.lines().toList()).containsExactlyElementsOf(expected);
    }

    /** The README's lines for a prediction's label, index and probabilities are the ones compiled above, with their types. */
    @Test
    void theReadmeShowsThePredictionLinesWithTheirTypes() throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "guide", "java-api.md"));
        List<String> source = Files.readAllLines(Path.of("src/test/java/org/rnnlab/evaluation/EmbeddingExampleTest.java"));
        List<String> typed = source.stream().map(String::strip)
                .filter(l -> l.matches("(String label|int index|double\\[\\] probabilities) = predictions\\.get\\(0\\)\\..*")).toList();
        assertThat(typed).hasSize(3);
        typed.forEach(l -> assertThat(readme).as("docs/guide/java-api.md, Using a model from Java").contains("\n" + l + "\n"));
    }

    /** Runs the command line in-process like {@code ./rnnlab ARGS}; returns standard output, fails on a non-zero exit. */
    private static String cli(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(args)).as(String.join(" ", args) + "\n" + err).isZero();
        return out.toString();
    }
}
