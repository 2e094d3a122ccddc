package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Split;

/**
 * The wide layout with step columns named by numbers: a spectrometer's export, one scan per row, {@code
 * sample_id;replicate;polymer;1800.0;1650.5;...} (wavenumbers, descending, not whole numbers), read as one feature whose
 * steps are those columns in file order, its axis stored so that new files must have the same columns in the same order;
 * and the messages for the first tries without the layout (trial 68b).
 */
class WideNumericAxisTest {

    @TempDir
    Path dir;

    /** 8 wavenumbers, descending, as an instrument writes them. */
    static final List<String> AXIS = List.of("1800.0", "1650.5", "1500.2", "1350.7", "1200.1", "1050.9", "900.4", "750.0");

    static final List<String> CLASSES = List.of("PET", "PP", "PS");

    /**
     * {@code samples} samples of 3 classes, 3 replicate scans each, {@code ;}-separated: each class a band at its own
     * wavenumber index, each scan a gain; {@code headerEdit} edits the header line.
     */
    static Path spectra(Path dir, String name, int samples, UnaryOperator<String> headerEdit) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(headerEdit.apply("sample_id;replicate;polymer;" + String.join(";", AXIS)));
        for (int s = 0; s < samples; s++) {
            int c = s % CLASSES.size();
            for (int r = 1; r <= 3; r++) {
                List<String> row = new ArrayList<>(List.of("S" + s, Integer.toString(r), CLASSES.get(c)));
                double gain = 1 + 0.1 * r + 0.01 * s;
                for (int k = 0; k < AXIS.size(); k++) {
                    double band = Math.exp(-Math.pow(k - (1 + 2.5 * c), 2));
                    row.add(String.format(Locale.ROOT, "%.3f", gain * (100 + 1000 * band + k)));
                }
                lines.add(String.join(";", row));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static List<String> reversed() {
        List<String> r = new ArrayList<>(AXIS);
        java.util.Collections.reverse(r);
        return r;
    }

    private static DatasetOptions wide(Path f) {
        return DatasetOptions.defaults().withFiles(f, null).with("delimiter", ";").with("layout", "wide").with("label", "polymer")
                .with("group", "sample_id").with("validationFraction", "0").with("testFraction", "0");
    }

    @Test
    void numberedStepColumnsAreOneFeatureInFileOrderAndTheAxisIsStored() throws Exception {
        Path f = spectra(dir, "spectra.csv", 12, h -> h);
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", wide(f));
        CsvSchema schema = d.schema();
        assertThat(schema.featureNames()).containsExactly(WideLayout.VALUE);
        assertThat(schema.wide().axis()).containsExactlyElementsOf(AXIS);
        assertThat(schema.ignored()).containsExactly("replicate");
        assertThat(schema.describeColumns()).contains("steps the 8 columns named by numbers 1800.0, 1650.5, 1500.2, ... (4 more), "
                + "750.0, in that order");
        assertThat(d.labelNames()).containsExactlyElementsOf(CLASSES);
        assertThat(d.split(Split.TRAIN).examples()).hasSize(36).allSatisfy(q -> assertThat(q.length()).isEqualTo(8));
        // line 2 (sample S0, scan 1): its values in file order, 1800.0 first (not sorted, not split at '.')
        List<String> cells = List.of(Files.readAllLines(f).get(1).split(";"));
        List<CsvSequence> read = CsvSequenceDataset.readAll(f, schema, true, new ArrayList<>());
        float[][] first = read.get(0).values();
        for (int k = 0; k < AXIS.size(); k++) {
            assertThat(first[k][0]).isEqualTo(Float.parseFloat(cells.get(3 + k)));
        }
        assertThat(read.get(0).group()).isEqualTo("S0");
        // the axis travels with the model's card, and a card saved before it existed still reads (no axis)
        // as the model keeps its card (core's Json: missing creator properties refused unless injected)
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .setInjectableValues(new com.fasterxml.jackson.databind.InjectableValues.Std().addValue("rnnlab.absent", null));
        String json = mapper.writeValueAsString(schema);
        assertThat(mapper.readValue(json, CsvSchema.class)).isEqualTo(schema);
        String old = mapper.writeValueAsString(schema.withWide(new WideLayout(true, Column.named("polymer"), null,
                Column.named("sample_id"), null))).replace(",\"axis\":null", "");
        assertThat(old).doesNotContain("axis");
        assertThat(mapper.readValue(old, CsvSchema.class).wide().axis()).isNull();
    }

    @Test
    void aNewFileMustHaveTheSameAxisInTheSameOrder() throws Exception {
        CsvSchema schema = ((CsvSequenceDataset) Datasets.open("csv", wide(spectra(dir, "train.csv", 12, h -> h)))).schema();
        // the same axis, other samples: read
        assertThat(CsvSequenceDataset.readAll(spectra(dir, "new.csv", 3, h -> h), schema, true, new ArrayList<>())).hasSize(9);
        // another axis: refused naming the first column that differs
        Path shifted = spectra(dir, "shifted.csv", 3, h -> h.replace("1500.2", "1500.3"));
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(shifted, schema, true, new ArrayList<>()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("shifted.csv:1: --set layout=wide: the model's steps are the 8 columns named 1800.0, 1650.5, "
                        + "1500.2, ... (4 more), 750.0, in that order")
                .hasMessageContaining("its step column 3 is '1500.3' where the model's is '1500.2'");
        // the same numbers in another order: refused too
        Path reversed = dir.resolve("reversed.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(shifted));
        lines.set(0, "sample_id;replicate;polymer;" + String.join(";", reversed()));
        Files.write(reversed, lines);
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(reversed, schema, true, new ArrayList<>()))
                .hasMessageContaining("its step column 1 is '750.0' where the model's is '1800.0'");
        // the same number written otherwise, and a shorter axis
        Path written = spectra(dir, "written.csv", 3, h -> h.replace("1800.0", "1800"));
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(written, schema, true, new ArrayList<>()))
                .hasMessageContaining("its step column 1 is '1800' where the model's is '1800.0' (the same number written otherwise");
        Path shorter = dir.resolve("shorter.csv");
        Files.write(shorter, Files.readAllLines(spectra(dir, "s.csv", 3, h -> h)).stream()
                .map(l -> l.substring(0, l.lastIndexOf(';'))).toList());
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(shorter, schema, true, new ArrayList<>()))
                .hasMessageContaining("it ends after step column 7 ('900.4'): no column '750.0' (the model's step column 8)");
    }

    @Test
    void wholeNumbersRisingStayStepsByTheirNumberAndALabelNameBeforeNumbersIsAHeader() throws Exception {
        // pandas' array columns beside a label: steps by number as before, no axis stored
        Path p = Files.writeString(dir.resolve("p.csv"), "label,0,1,2\na,1,2,3\nb,3,2,1\na,1,2,4\nb,4,2,1\n");
        assertThat(((CsvSequenceDataset) Datasets.open("csv", DatasetOptions.defaults().withFiles(p, null).with("layout", "wide")
                .with("validationFraction", "0").with("testFraction", "0"))).schema().wide().axis()).isNull();
        // the label's name then wavenumbers: a header (not a series of the label 'polymer')
        Path l = Files.writeString(dir.resolve("l.csv"), "polymer;1800.0;1650.5;1500.2\nPET;1;2;3\nPP;3;2;1\nPET;1;2;4\nPP;4;2;1\n");
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", DatasetOptions.defaults().withFiles(l, null)
                .with("delimiter", ";").with("layout", "wide").with("label", "polymer").with("validationFraction", "0")
                .with("testFraction", "0"));
        assertThat(d.labelNames()).containsExactly("PET", "PP");
        assertThat(d.schema().wide().axis()).containsExactly("1800.0", "1650.5", "1500.2");
        // whole wavenumbers falling: an axis in file order, and no advice to read the header as data (trial 68b's step 20)
        List<String> ints = new ArrayList<>(List.of("id;polymer;" + String.join(";", List.of("4000", "3996", "3992", "3988", "3984",
                "3980", "3976", "3972", "3968", "3964", "3960"))));
        for (int i = 0; i < 4; i++) {
            ints.add("s" + i + ";" + (i % 2 == 0 ? "PET" : "PP") + ";" + "1;2;3;4;5;6;7;8;9;10;" + (11 + i));
        }
        Path n = Files.write(dir.resolve("ints.csv"), ints);
        CsvSequenceDataset[] read = new CsvSequenceDataset[1];
        List<String> warnings = LoggedWarnings.of(CsvTable.class, () -> read[0] = (CsvSequenceDataset) Datasets.open("csv",
                DatasetOptions.defaults().withFiles(n, null).with("delimiter", ";").with("layout", "wide").with("label", "polymer")
                        .with("sequenceId", "id").with("validationFraction", "0").with("testFraction", "0")));
        assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("holds numbers as column names"));
        assertThat(read[0].schema().wide().axis()).startsWith("4000", "3996").endsWith("3960");
        assertThat(CsvSequenceDataset.readAll(n, read[0].schema(), true, new ArrayList<>()).get(0).values()[0][0]).isEqualTo(1f);
        // features lacking steps: a few named, the count of the others (a long header ran past the CLI's cut)
        Path many = Files.writeString(dir.resolve("many.csv"), "label,a_0,b_1,c_2,d_3,e_4\nx,1,2,3,4,5\ny,1,2,3,4,6\n");
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(many, null).with("layout", "wide")))
                .hasMessageContaining("feature 'c' has no column [c_0, c_1, c_3, c_4]; ... (2 more features lack steps) (expected "
                        + "the same steps for every feature: 5 features");
    }

    @Test
    void theFirstTriesWithoutTheLayoutNameTheDelimiterAndTheWideLayout() throws Exception {
        // 700 wavenumbers, as the instrument writes them
        List<String> axis = new ArrayList<>();
        for (int k = 0; k < 700; k++) {
            axis.add(String.format(Locale.ROOT, "%.1f", 4000 - k * 3.9));
        }
        List<String> lines = new ArrayList<>(List.of("sample_id;replicate;polymer;" + String.join(";", axis)));
        for (int i = 0; i < 4; i++) {
            int s = i;
            lines.add("S" + s + ";1;" + (s % 2 == 0 ? "PET" : "PP") + ";" + String.join(";", axis.stream().map(a -> Integer.toString(a.length() + s)).toList()));
        }
        Path f = Files.write(dir.resolve("export.csv"), lines);
        DatasetOptions plain = DatasetOptions.defaults().withFiles(f, null);
        // as is: the delimiter hint, in a message short enough not to be cut (the CLI cuts at 2000 characters)
        assertThatThrownBy(() -> Datasets.open("csv", plain)).satisfies(e -> {
            assertThat(e.getMessage()).contains("no column named 'sequence_id' (expected one of [sample_id;replicate;polymer;4000.0")
                    .contains("the header reads as one column but holds ';'").contains("--set delimiter=';'");
            assertThat(e.getMessage().length()).isLessThan(1000);
        });
        // with the delimiter: the wide layout, in the warning and in the error, not only --set header=false
        Throwable[] thrown = new Throwable[1];
        List<String> warnings = LoggedWarnings.of(CsvTable.class, () -> {
            try {
                Datasets.open("csv", plain.with("delimiter", ";"));
            } catch (RuntimeException e) {
                thrown[0] = e;
            }
        });
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("holds numbers as column names (700 of its 703")
                .contains("read it with --set layout=wide --set label=COLUMN (one of [sample_id, replicate, polymer]")
                .contains("give --set header=false"));
        assertThat(thrown[0]).isInstanceOf(DatasetFormatException.class);
        assertThat(thrown[0].getMessage()).contains("no column named 'sequence_id', the sequence id (expected one of [sample_id, "
                        + "replicate, polymer, 4000.0,").contains("the header names 700 of its 703 columns by numbers (4000.0, 3996.1, "
                        + "3992.2, ..., " + axis.get(699) + ")").contains("--set layout=wide --set label=COLUMN");
        assertThat(thrown[0].getMessage().length()).isLessThan(1500);
        // and the file then reads
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", plain.with("delimiter", ";").with("layout", "wide")
                .with("label", "polymer").with("validationFraction", "0").with("testFraction", "0"));
        assertThat(d.schema().wide().axis()).hasSize(700);
        assertThat(d.split(Split.TRAIN).examples()).allSatisfy(q -> assertThat(q.length()).isEqualTo(700));
    }
}
