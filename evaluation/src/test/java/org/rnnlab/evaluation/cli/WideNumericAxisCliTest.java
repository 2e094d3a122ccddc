package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A spectrometer's wide export handed in as it is ({@code sample_id;replicate;polymer;1800.0;1650.5;...}, wavenumbers as
 * column names, a trial's 68b): trained with {@code --set layout=wide}, its axis stored in the model, whose predict and
 * evaluate read a new file with the same axis and refuse one with another, naming the column; the first tries without
 * the layout say what reads the file.
 */
class WideNumericAxisCliTest {

    @TempDir
    Path dir;

    static final List<String> AXIS = List.of("1800.0", "1650.5", "1500.2", "1350.7", "1200.1", "1050.9", "900.4", "750.0");

    /** {@code samples} samples of 3 polymers, 3 replicate scans each: each polymer a band at its own place, each scan a gain. */
    private Path spectra(String name, int samples, int seed, UnaryOperator<String> headerEdit) throws Exception {
        java.util.Random random = new java.util.Random(seed);
        List<String> lines = new ArrayList<>(List.of(headerEdit.apply("sample_id;replicate;polymer;" + String.join(";", AXIS))));
        List<String> classes = List.of("PET", "PP", "PS");
        for (int s = 0; s < samples; s++) {
            int c = s % 3;
            for (int r = 1; r <= 3; r++) {
                List<String> row = new ArrayList<>(List.of("S" + seed + "_" + s, Integer.toString(r), classes.get(c)));
                double gain = 1 + 0.2 * random.nextDouble();
                for (int k = 0; k < AXIS.size(); k++) {
                    double band = Math.exp(-Math.pow(k - (1 + 2.5 * c), 2));
                    row.add(String.format(Locale.ROOT, "%.2f", gain * (1 + 5 * band) + 0.05 * random.nextGaussian()));
                }
                lines.add(String.join(";", row));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void theModelStoresTheAxisReadsTheSameAxisAndRefusesAnother() throws Exception {
        Path train = spectra("spectra.csv", 24, 1, h -> h);
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "delimiter=;", "--set", "layout=wide",
                "--set", "label=polymer", "--set", "group=sample_id", "--cell", "gru", "--hidden", "4", "--epochs", "2", "--quiet",
                "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        JsonNode provenance = Json.mapper().readTree(Files.readString(out.resolve("dataset-provenance.json")));
        assertThat(provenance.toString()).contains("axis=[1800.0, 1650.5, 1500.2, 1350.7, 1200.1, 1050.9, 900.4, 750.0]");
        String model = out.resolve("model.rnnlab").toString();

        Path fresh = spectra("newbatch.csv", 3, 2, h -> h);
        Run predict = run("predict", "--model", model, "--input", fresh.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> rows = predict.out().lines().toList();
        assertThat(rows).hasSize(10); // header + 9 scans, ids their line numbers
        assertThat(rows.get(1)).startsWith("2,");
        Run evaluate = run("evaluate", "--model", model, "--input", fresh.toString(), "--json");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(Json.mapper().readTree(evaluate.out()).at("/examples").asLong()).isEqualTo(9);

        // an app fed by the ONNX export learns the axis from its metadata
        Run export = run("export", "--model", model);
        assertThat(export.code()).as(export.err()).isZero();
        JsonNode meta = Json.mapper().readTree(out.resolve("model.onnx.json").toFile());
        assertThat(meta.get("step_columns").asText()).isEqualTo(String.join(",", AXIS));
        // and how the files wrote their cells; the summary names the axis, as the Java API gives it
        assertThat(meta.get("csv_delimiter").asText()).isEqualTo(";");
        assertThat(meta.get("csv_decimal").asText()).isEqualTo("point");
        assertThat(export.err()).contains("steps: the 8 columns 1800.0, 1650.5 ... 750.0 (metadata step_columns)")
                .contains("the training files: columns separated by ';', numbers with a decimal point");
        try (org.rnnlab.training.SequenceClassifier loaded = org.rnnlab.training.ModelBundle.load(out.resolve("model.rnnlab"))) {
            assertThat(loaded.stepColumns()).isEqualTo(AXIS);
            assertThat(loaded.card().input().featureNames()).containsExactly("value");
            // a missing value is named by its step column, as predict names the cell of a file
            float[][] scan = new float[AXIS.size()][1];
            scan[3][0] = Float.NaN;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> loaded.predict(scan))
                    .hasMessageContaining("sequence 0, step 3, feature value (step column '1350.7'): NaN is not a finite number "
                            + "(a missing value");
        }

        // another instrument's axis: refused, naming the first column that differs
        Path other = spectra("other.csv", 3, 3, h -> h.replace("1350.7", "1351.2"));
        for (String command : List.of("predict", "evaluate")) {
            Run refused = run(command, "--model", model, "--input", other.toString());
            assertThat(refused.code()).as(command).isNotZero();
            assertThat(refused.err()).contains("other.csv:1").contains("its step column 4 is '1351.2' where the model's is '1350.7'");
        }
    }

    @Test
    void theFirstTriesSayWhatReadsTheFile() throws Exception {
        // the instrument's 700 wavenumbers: the messages must stay whole (the CLI cuts them at 2000 characters)
        List<String> axis = new ArrayList<>();
        for (int k = 0; k < 700; k++) {
            axis.add(String.format(Locale.ROOT, "%.1f", 4000 - k * 3.9));
        }
        List<String> lines = new ArrayList<>(List.of("sample_id;replicate;polymer;" + String.join(";", axis)));
        for (int s = 0; s < 6; s++) {
            int i = s;
            lines.add("S" + s + ";1;" + (s % 2 == 0 ? "PET" : "PP") + ";" + String.join(";", axis.stream()
                    .map(a -> Integer.toString(a.length() * i % 7)).toList()));
        }
        Path f = Files.write(dir.resolve("spectra_wide.csv"), lines);
        Run plain = run("train", "--dataset", "csv", "--train", f.toString(), "--epochs", "1", "--quiet", "--out",
                dir.resolve("a").toString());
        assertThat(plain.code()).isNotZero();
        assertThat(plain.err()).contains("--set delimiter=';'").doesNotContain("message cut");
        Run delimited = run("train", "--dataset", "csv", "--train", f.toString(), "--set", "delimiter=;", "--epochs", "1", "--quiet",
                "--out", dir.resolve("b").toString());
        assertThat(delimited.code()).isNotZero();
        assertThat(delimited.err()).contains("--set layout=wide --set label=COLUMN").doesNotContain("message cut");
    }
}
