package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;

/**
 * The Java API predicts what rnnlab predict prints for the same raw values, for a model trained with per-sequence scaling,
 * codes for a missing value and a filling policy (a trial's Java program got chance-level answers from such a model, where
 * rnnlab predict got 1.0: SequenceClassifier applied only the normaliser).
 */
class JavaApiPreparationTest {

    @TempDir
    Path dir;

    @Test
    void rawArraysArePreparedAsPredictReadsAFile() throws Exception {
        Random random = new Random(6);
        StringBuilder csv = new StringBuilder("sequence_id,temp,vib,label\n");
        Map<String, float[][]> raw = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            boolean hot = i % 2 == 0;
            float offset = 20 + 10 * random.nextFloat(); // a level per sequence, which center removes
            float[][] values = new float[12][2];
            for (int t = 0; t < 12; t++) {
                // as written to the file (4 decimals), so that both read the same numbers
                values[t][0] = Float.parseFloat(String.format(Locale.ROOT, "%.4f", offset + (hot ? 0.5f * t : -0.5f * t)
                        + 0.1f * (float) random.nextGaussian()));
                values[t][1] = Float.parseFloat(String.format(Locale.ROOT, "%.4f", random.nextGaussian()));
                boolean coded = i % 5 == 0 && t == 4;
                csv.append(String.format(Locale.ROOT, "s%d,%s,%.4f,%s%n", i, coded ? "-9999" : String.format(Locale.ROOT, "%.4f",
                        values[t][0]), values[t][1], hot ? "hot" : "cool"));
                if (coded) {
                    values[t][0] = -9999;
                }
            }
            raw.put("s" + i, values);
        }
        Path data = Files.writeString(dir.resolve("data.csv"), csv);
        Path out = dir.resolve("run");
        Run train = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceScaling=center", "--set",
                "naValues=-9999", "--missing", "ffill", "--hidden", "6", "--epochs", "2", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Run predicted = run("predict", "--model", out.resolve("model.rnnlab").toString(), "--input", data.toString(), "--digits", "9");
        assertThat(predicted.code()).as(predicted.err()).isZero();
        try (SequenceClassifier classifier = ModelBundle.load(out.resolve("model.rnnlab"))) {
            List<SequenceClassifier.Prediction> java = classifier.predict(new ArrayList<>(raw.values()));
            List<String> rows = predicted.out().lines().skip(1).toList();
            assertThat(rows).hasSize(60);
            for (int i = 0; i < 60; i++) {
                String[] cells = rows.get(i).split(",");
                assertThat(cells[0]).isEqualTo("s" + i);
                assertThat(java.get(i).label()).as("sequence %d", i).isEqualTo(cells[1]);
                for (int c = 0; c < 2; c++) {
                    assertThat(java.get(i).probabilities()[c]).isCloseTo(Double.parseDouble(cells[2 + c]),
                            org.assertj.core.data.Offset.offset(1e-6));
                }
            }
            // unprepared, the same arrays give other answers: the preparation is what makes predict agree (a review)
            List<SequenceClassifier.Prediction> unprepared = classifier.predictPrepared(new ArrayList<>(raw.values()), 0);
            double largest = 0;
            for (int i = 0; i < 60; i++) {
                largest = Math.max(largest, Math.abs(unprepared.get(i).probabilities()[0] - java.get(i).probabilities()[0]));
            }
            assertThat(largest).isGreaterThan(1e-3);
            // the caller's arrays are not changed
            assertThat(raw.get("s0")[4][0]).isEqualTo(-9999f);
            // a NaN is a missing value, filled by the policy as the code is
            float[][] withNaN = raw.get("s0").clone();
            withNaN[4] = new float[] {Float.NaN, raw.get("s0")[4][1]};
            assertThat(classifier.predict(withNaN).probabilities()).containsExactly(java.get(0).probabilities());
        }
        // a model that fills no missing values says so
        Path strict = dir.resolve("strict");
        Path clean = Files.writeString(dir.resolve("clean.csv"), csv.toString().replace("-9999", "25.0"));
        assertThat(run("train", "--dataset", "csv", "--train", clean.toString(), "--hidden", "4", "--epochs", "1", "--quiet",
                "--out", strict.toString()).code()).isZero();
        try (SequenceClassifier classifier = ModelBundle.load(strict.resolve("model.rnnlab"))) {
            float[][] gap = {{Float.NaN, 0f}, {21f, 0.1f}};
            assertThatThrownBy(() -> classifier.predict(gap)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sequence 0, step 0, feature temp: NaN is not a finite number (a missing value: the model "
                            + "fills none, it was trained with --missing error)");
        }
    }

    /**
     * Each prediction's {@code farFromTraining()} is what rnnlab predict writes in its {@code far_from_training} column for
     * the same sequence, with and without per-sequence scaling: a code as written, spikes, every value tiny (trial 76a: the
     * API had no such field, and a service could not return predict's mark).
     */
    @Test
    void farFromTrainingIsPredictsColumn() throws Exception {
        Random random = new Random(76);
        StringBuilder train = new StringBuilder("sequence_id,temp,vib,label\n");
        for (int i = 0; i < 60; i++) {
            boolean hot = i % 2 == 0;
            for (int t = 0; t < 24; t++) {
                train.append(String.format(Locale.ROOT, "s%d,%.4f,%.4f,%s%n", i, 20 + (hot ? 0.2 * t : -0.2 * t) + random.nextGaussian(),
                        random.nextGaussian(), hot ? "hot" : "cool"));
            }
        }
        Path data = Files.writeString(dir.resolve("far-train.csv"), train);
        StringBuilder fresh = new StringBuilder("sequence_id,temp,vib\n");
        List<float[][]> raw = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            float[][] values = new float[24][2];
            for (int t = 0; t < 24; t++) {
                values[t][0] = Float.parseFloat(String.format(Locale.ROOT, "%.4f", 20 + 0.2 * t + random.nextGaussian()));
                values[t][1] = Float.parseFloat(String.format(Locale.ROOT, "%.4f", random.nextGaussian()));
                if (i == 0 && t >= 5 && t < 9) {
                    values[t][0] = -999f; // a code for a missing value, as written
                }
                if (i == 1 && t % 8 == 3) {
                    values[t][1] = 1000f; // three spikes
                }
                if (i == 2) {
                    values[t][1] = Float.parseFloat(String.format(Locale.ROOT, "%.7f", values[t][1] * 1e-4f)); // another unit
                }
                fresh.append(String.format(Locale.ROOT, "n%d,%s,%s%n", i, values[t][0], values[t][1]));
            }
            raw.add(values);
        }
        Path input = Files.writeString(dir.resolve("far-new.csv"), fresh);
        for (String scaling : List.of("none", "standardize")) {
            Path out = dir.resolve("far-" + scaling);
            Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceScaling=" + scaling,
                    "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
            assertThat(trained.code()).as(trained.err()).isZero();
            Run predicted = run("predict", "--model", out.resolve("model.rnnlab").toString(), "--input", input.toString());
            assertThat(predicted.code()).as(predicted.err()).isZero();
            List<String> rows = predicted.out().lines().toList();
            int column = List.of(rows.get(0).split(",", -1)).indexOf("far_from_training");
            assertThat(column).isPositive();
            try (SequenceClassifier classifier = ModelBundle.load(out.resolve("model.rnnlab"))) {
                List<SequenceClassifier.Prediction> java = classifier.predict(raw);
                List<String> marks = new ArrayList<>();
                for (int i = 0; i < raw.size(); i++) {
                    String[] cells = rows.get(i + 1).split(",", -1);
                    assertThat(cells[0]).isEqualTo("n" + i);
                    marks.add(cells[column]);
                    assertThat(String.join(";", java.get(i).farFromTraining())).as("%s: sequence n%d", scaling, i)
                            .isEqualTo(cells[column]);
                    // alone as in the batch
                    assertThat(classifier.predict(raw.get(i)).farFromTraining()).isEqualTo(java.get(i).farFromTraining());
                }
                // the column marks what was made far: the code and the spikes in both, the other unit where no scaling hides it
                assertThat(marks.subList(0, 2)).as(scaling).containsExactly("temp", "vib");
                assertThat(marks.get(2)).as(scaling).isEqualTo(scaling.equals("none") ? "vib" : "");
                assertThat(marks.subList(3, 6)).as(scaling).containsOnly("");
            }
        }
    }
}
