package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

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
 * A German spectrometer's wide export as it is (trial 69f): {@code ;}-separated, decimal commas in the cells and in the
 * wavelength column names ({@code sample_id;fat_class;908,1;914,3;...}). Under {@code --set decimal=comma} the names are
 * the numeric axis, stored with a point, so that predict and evaluate read a comma export and a point export of the same
 * grid alike; without it the names are refused naming the setting. A missing cell is named with its wavelength column,
 * and a flat spectrum under {@code sequenceScaling=standardize} is warned of.
 */
class WideDecimalCommaAxisTest {

    @TempDir
    Path dir;

    static final List<String> AXIS = List.of("908.1", "914.3", "920.5", "926.7", "932.9", "939.1", "945.3", "951.5", "957.7",
            "963.9", "970.1", "976.3");

    /**
     * {@code samples} samples of 3 classes, 2 replicates each: each class a band at its own place; {@code comma}: names and
     * cells written with decimal commas; {@code rowEdit} edits each data row's cells (index 0 the first data row).
     */
    private Path spectra(String name, int samples, int seed, boolean comma, RowEdit rowEdit) throws Exception {
        return spectra(name, samples, seed, comma, comma, rowEdit);
    }

    /** As above, the names written with decimal commas ({@code commaNames}) or not, whatever the cells. */
    private Path spectra(String name, int samples, int seed, boolean comma, boolean commaNames, RowEdit rowEdit) throws Exception {
        java.util.Random random = new java.util.Random(seed);
        UnaryOperator<String> write = comma ? s -> s.replace('.', ',') : s -> s;
        UnaryOperator<String> writeName = commaNames ? s -> s.replace('.', ',') : s -> s;
        List<String> lines = new ArrayList<>(List.of("sample_id;fat_class;" + String.join(";", AXIS.stream().map(writeName).toList())));
        List<String> classes = List.of("lean", "medium", "fat");
        int row = 0;
        for (int s = 0; s < samples; s++) {
            int c = s % 3;
            for (int r = 1; r <= 2; r++) {
                List<String> cells = new ArrayList<>();
                double gain = 1 + 0.2 * random.nextDouble();
                for (int k = 0; k < AXIS.size(); k++) {
                    double band = Math.exp(-Math.pow(k - (2 + 4 * c), 2) / 2);
                    cells.add(write.apply(String.format(Locale.ROOT, "%.3f", gain * (1 + 5 * band) + 0.05 * random.nextGaussian())));
                }
                rowEdit.edit(row++, cells);
                lines.add("S" + seed + "_" + s + "_" + r + ";" + classes.get(c) + ";" + String.join(";", cells));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    interface RowEdit {
        void edit(int row, List<String> cells);
    }

    private static final RowEdit AS_IS = (r, cells) -> { };

    @Test
    void decimalCommaColumnNamesAreTheAxisAndCompareWithAPointExport() throws Exception {
        Path train = spectra("nir_train.csv", 18, 1, true, AS_IS);
        // without decimal=comma: the names are not split into a feature '908,' and step 1, but named as decimal commas
        Run plain = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "delimiter=;", "--set", "layout=wide",
                "--set", "label=fat_class", "--set", "sequenceId=sample_id", "--epochs", "1", "--quiet", "--out",
                dir.resolve("plain").toString());
        assertThat(plain.code()).isNotZero();
        assertThat(plain.err()).contains("column names like '908,1' look like decimal-comma numbers: add --set decimal=comma")
                .doesNotContain("has no column");

        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "delimiter=;", "--set", "layout=wide",
                "--set", "decimal=comma", "--set", "label=fat_class", "--set", "sequenceId=sample_id", "--set",
                "sequenceScaling=standardize", "--cell", "gru", "--hidden", "4", "--epochs", "2", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        // the axis stored with a point: 908,1 is 908.1
        assertThat(Files.readString(out.resolve("dataset-provenance.json"))).contains("axis=[" + String.join(", ", AXIS) + "]");
        String model = out.resolve("model.rnnlab").toString();

        // predict and evaluate on a comma export, and on a point export of the same spectra: the same predictions
        Path comma = spectra("nir_new.csv", 3, 2, true, AS_IS);
        Path point = spectra("nir_new_point.csv", 3, 2, false, AS_IS);
        Run byComma = run("predict", "--model", model, "--input", comma.toString());
        assertThat(byComma.code()).as(byComma.err()).isZero();
        assertThat(byComma.out().lines()).hasSize(7);
        Run byPoint = run("predict", "--model", model, "--input", point.toString(), "--decimal", "point");
        assertThat(byPoint.code()).as(byPoint.err()).isZero();
        assertThat(byPoint.out()).isEqualTo(byComma.out());
        Run evaluate = run("evaluate", "--model", model, "--input", comma.toString(), "--json");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(Json.mapper().readTree(evaluate.out()).at("/examples").asLong()).isEqualTo(6);

        // the comma header read with decimal points: the cause named, once
        Run asPoint = run("predict", "--model", model, "--input", comma.toString(), "--decimal", "point");
        assertThat(asPoint.code()).isNotZero();
        assertThat(asPoint.err()).contains("column names like '908,1' look like decimal-comma numbers: read the file with --decimal comma")
                .contains("this file has no column named by a number").doesNotContain("0 columns named by numbers");
    }

    /** A model trained on names with points and cells with decimal commas (the trial's workaround), standardising each sequence. */
    private String trainedOnPointNames() throws Exception {
        // names with points, cells with decimal commas (the trial's workaround): so told apart from the names' reading
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", spectra("nir_train.csv", 18, 1, true, false, AS_IS).toString(), "--set",
                "delimiter=;", "--set", "layout=wide", "--set", "decimal=comma", "--set", "label=fat_class", "--set",
                "sequenceId=sample_id", "--set", "sequenceScaling=standardize", "--cell", "gru", "--hidden", "4", "--epochs", "2",
                "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        return out.resolve("model.rnnlab").toString();
    }

    @Test
    void aMissingCellIsNamedByItsStepColumn() throws Exception {
        String model = trainedOnPointNames();
        // a gap mid-spectrum under --missing error: the wavelength column named, not only the feature 'value'
        Path gap = spectra("nir_gap.csv", 2, 3, true, false, (r, cells) -> {
            if (r == 1) {
                cells.set(5, "");
            }
        });
        Run refused = run("predict", "--model", model, "--input", gap.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("nir_gap.csv:3: missing value").contains("in column 'value' (step column '939.1')");
    }

    @Test
    void aFlatSpectrumIsWarnedOfUnderStandardize() throws Exception {
        String model = trainedOnPointNames();
        // a flat spectrum (a dead detector) under sequenceScaling=standardize: read as 0 throughout, warned of
        Path flat = spectra("nir_flat.csv", 2, 4, true, false, (r, cells) -> {
            if (r == 0) {
                java.util.Collections.fill(cells, "0,5");
            }
        });
        Run predicted = run("predict", "--model", model, "--input", flat.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.err()).contains("warning: 1 of the 4 sequences have one value over all their steps in every feature: "
                + "'S4_0_1'").contains("sequenceScaling standardize");
        Run evaluated = run("evaluate", "--model", model, "--input", flat.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.err()).contains("have one value over all their steps in every feature: 'S4_0_1'");
    }
}
