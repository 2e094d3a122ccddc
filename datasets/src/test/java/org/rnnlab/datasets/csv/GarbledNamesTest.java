package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Mojibake in a CSV file's header, ids, labels and groups (a trial's agency export, Windows-1252 and UTF-8 files joined
 * with cat and converted as a whole with iconv): warned of in training and in new data, silent on clean accented names,
 * and named when a model refuses a file for columns that differ from its own only so.
 */
class GarbledNamesTest {
    private static final String[] STATIONS = {"Paris-Bd-Périphérique", "Köln-Clevischer-Ring", "Évry-Centre", "Göttingen-Süd",
        "Ñandú-Park", "Lyon-Berthelot", "Zürich-Stampfenbach", "Saint-Denis"};
    private static final String[] TYPES = {"trafic", "urbain", "périurbain"};
    private static final String HEADER = "sequence_id,time,station,label,NO2 [µg/m³],Temperatur [°C]";
    private static final CsvOptions OPTIONS = CsvOptions.defaults().withGroupColumn(Column.named("station"));

    @TempDir
    Path dir;

    /** {@code s}'s UTF-8 bytes read as Windows-1252: what iconv -f windows-1252 makes of a line that was UTF-8 already. */
    private static String garbled(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), Charset.forName("windows-1252"));
    }

    /**
     * A long file of 3 windows of 8 steps per station, each line passed through {@code line} (the header too), station
     * {@code i}'s type {@code TYPES[i % 3]}.
     */
    private Path stations(String name, UnaryOperator<String> line) throws Exception {
        Random r = new Random(7);
        List<String> lines = new ArrayList<>();
        lines.add(line.apply(HEADER));
        for (int s = 0; s < STATIONS.length; s++) {
            for (int w = 0; w < 3; w++) {
                for (int t = 0; t < 8; t++) {
                    lines.add(line.apply(String.format(Locale.ROOT, "%s_w%02d,%d,%s,%s,%.2f,%.2f", STATIONS[s], w, t, STATIONS[s],
                            TYPES[s % 3], 20 + 10 * (s % 3) + r.nextGaussian(), 12 + r.nextGaussian())));
                }
            }
        }
        return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }

    /** The trial's file: the header and the rows of the UTF-8 sources (Paris, Köln, Évry) garbled, the others converted right. */
    private Path mixedThenConverted(String name) throws Exception {
        return stations(name, l -> l.startsWith("sequence_id") || l.startsWith("Paris") || l.startsWith("Köln")
                || l.startsWith("Évry") ? garbled(l) : l);
    }

    private static List<String> warned(LoggedWarnings.Action action) throws Exception {
        return LoggedWarnings.of(GarbledNames.class, action);
    }

    @Test
    void trainingNamesTheGarbledHeaderIdsAndGroupsWithTheirRepairAndTheFix() throws Exception {
        Path f = mixedThenConverted("mojibake.csv");
        List<String> warnings = warned(() -> CsvSequenceDataset.fromLongCsv(f, OPTIONS));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("mojibake.csv", "look like UTF-8 text read as Windows-1252",
                "column names: 2 of 6, e.g. 'NO2 [Âµg/mÂ³]' is 'NO2 [µg/m³]' read as Windows-1252, 'Temperatur [Â°C]' is "
                        + "'Temperatur [°C]' read as Windows-1252",
                "sequence id column 'sequence_id': 9 of 24 values, e.g. 'Paris-Bd-PÃ©riphÃ©rique_w00' is 'Paris-Bd-Périphérique_w00' "
                        + "read as Windows-1252",
                "group column 'station': 3 of 8 values, e.g. 'Paris-Bd-PÃ©riphÃ©rique' is 'Paris-Bd-Périphérique' read as "
                        + "Windows-1252, 'KÃ¶ln-Clevischer-Ring' is 'Köln-Clevischer-Ring' read as Windows-1252, 'Ã‰vry-Centre' is "
                        + "'Évry-Centre' read as Windows-1252",
                "label column 'label': 1 of 4 values, e.g. 'pÃ©riurbain' is 'périurbain' read as Windows-1252 (1 of them beside "
                        + "their repaired form in the same column, e.g. 'pÃ©riurbain' and 'périurbain': one value under two names)",
                "convert each source file from its own encoding before joining them",
                "a file that was UTF-8 already must not go through iconv");
    }

    @Test
    void aCleanFileWithAccentedNamesAndUnitsIsSilent() throws Exception {
        Path clean = stations("clean.csv", l -> l);
        assertThat(Files.readString(clean)).contains("Évry", "Göttingen", "µg/m³", "°C", "Ñandú", "périurbain");
        assertThat(warned(() -> CsvSequenceDataset.fromLongCsv(clean, OPTIONS))).isEmpty();
    }

    @Test
    void newDataWithGarbledIdsAndGroupsAreWarnedOfInPredictAndEvaluate() throws Exception {
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(stations("train.csv", l -> l), OPTIONS).schema();
        // the header clean (it came from a Windows-1252 source), the UTF-8 sources' rows garbled
        Path fresh = stations("new.csv", l -> l.startsWith("Paris") ? garbled(l) : l);
        for (boolean labelRequired : new boolean[] {false, true}) {
            List<String> warnings = warned(() -> CsvSequenceDataset.readAll(fresh, schema, labelRequired, new ArrayList<>()));
            assertThat(warnings).singleElement().asString().contains("new.csv", "sequence id column 'sequence_id': 3 of 24 values",
                    "group column 'station': 1 of 8 values, e.g. 'Paris-Bd-PÃ©riphÃ©rique' is 'Paris-Bd-Périphérique' read as "
                            + "Windows-1252", "must not go through iconv").doesNotContain("column names");
        }
        assertThat(warned(() -> CsvSequenceDataset.readAll(stations("clean-new.csv", l -> l), schema, true, new ArrayList<>())))
                .isEmpty();
    }

    @Test
    void aModelRefusingColumnsThatDifferOnlyByMojibakeSaysWhichSideWasConvertedWrongly() throws Exception {
        // the trial's model, trained on the garbled file, given a clean one
        CsvSchema garbledModel = CsvSequenceDataset.fromLongCsv(mixedThenConverted("mojibake.csv"), OPTIONS).schema();
        Path clean = stations("clean.csv", l -> l);
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(clean, garbledModel, false, new ArrayList<>()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("feature column(s) [NO2 [Âµg/mÂ³], Temperatur [Â°C]] missing")
                .hasMessageContaining("the file has 'NO2 [µg/m³]' for 'NO2 [Âµg/mÂ³]', 'Temperatur [°C]' for 'Temperatur [Â°C]' "
                        + "(the model's names are this file's read as Windows-1252: the training file went through a wrong "
                        + "encoding conversion; convert each of its source files from its own encoding and retrain)")
                .hasMessageContaining("a file that was UTF-8 already must not go through iconv");
        // a clean model given a garbled file
        CsvSchema cleanModel = CsvSequenceDataset.fromLongCsv(clean, OPTIONS).schema();
        Path garbledNew = stations("garbled-new.csv", GarbledNamesTest::garbled);
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(garbledNew, cleanModel, false, new ArrayList<>()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("'NO2 [Âµg/mÂ³]' for 'NO2 [µg/m³]', 'Temperatur [Â°C]' for 'Temperatur [°C]' (this file's "
                        + "names are the model's read as Windows-1252: this file went through a wrong encoding conversion");
        // a clean model whose label column has an accent, evaluated on a file whose header alone was garbled
        CsvOptions accented = CsvOptions.defaults().withColumns(Column.named("sequence_id"), Column.named("time"),
                Column.named("catégorie"));
        UnaryOperator<String> withoutStation = l -> l.startsWith("sequence_id") ? l.replace(",station,", ",")
                : l.replaceFirst("^([^,]*,[^,]*),[^,]*,", "$1,");
        CsvSchema labelModel = CsvSequenceDataset.fromLongCsv(stations("cat.csv", l -> withoutStation.apply(l)
                .replace(",label,", ",catégorie,")), accented).schema();
        Path catNew = stations("cat-new.csv", l -> withoutStation.apply(l).replace(",label,", "," + garbled("catégorie") + ","));
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(catNew, labelModel, true, new ArrayList<>()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("no label column 'catégorie'")
                .hasMessageContaining("'catÃ©gorie' for 'catégorie' (this file's name is the model's read as Windows-1252");
    }

    @Test
    void aFolderLayoutsLabelsFileAndSequenceFileColumnsAreCheckedToo() throws Exception {
        for (boolean garble : new boolean[] {true, false}) {
            Path folder = Files.createDirectories(dir.resolve(garble ? "garbled" : "clean"));
            UnaryOperator<String> line = l -> garble ? garbled(l) : l;
            Random r = new Random(5);
            List<String> labels = new ArrayList<>(List.of("file,label"));
            for (int i = 0; i < 24; i++) {
                labels.add(line.apply("Station-" + i + ".csv," + TYPES[i % 3]));
                List<String> rows = new ArrayList<>(List.of(line.apply("time,NO2 [µg/m³],Temperatur [°C]")));
                for (int t = 0; t < 6; t++) {
                    rows.add(String.format(Locale.ROOT, "%d,%.2f,%.2f", t, 20 + 10 * (i % 3) + r.nextGaussian(), r.nextGaussian()));
                }
                Files.write(folder.resolve("Station-" + i + ".csv"), rows, StandardCharsets.UTF_8);
            }
            Files.write(folder.resolve("labels.csv"), labels, StandardCharsets.UTF_8);
            List<String> warnings = warned(() -> CsvSequenceDataset.fromFolder(folder, CsvOptions.defaults()));
            if (garble) {
                assertThat(warnings).singleElement().asString().contains("labels.csv: names that look like UTF-8",
                        "labels: 1 of 3 values, e.g. 'pÃ©riurbain' is 'périurbain' read as Windows-1252",
                        "column names of the sequence files (features): 2 of 3, e.g. 'NO2 [Âµg/mÂ³]' is 'NO2 [µg/m³]'");
            } else {
                assertThat(warnings).isEmpty();
            }
        }
    }

    /**
     * The garbled time column is refused as the model's missing time column, with the repair, also when left out with
     * --ignore-columns (a trial, stop 65: the unknown-column refusal advised that, and the rows were then read in file order
     * without a word); a file without any time column still reads in file order.
     */
    @Test
    void aTimeColumnNameGarbledInNewDataIsNamedInTheRefusalOfItsUnknownColumn() throws Exception {
        CsvOptions zeit = CsvOptions.defaults().withColumns(Column.named("sequence_id"), Column.named("Zeitstempel (µs)"),
                Column.named("label"));
        UnaryOperator<String> withoutStation = l -> l.startsWith("sequence_id") ? l.replace(",station,", ",")
                : l.replaceFirst("^([^,]*,[^,]*),[^,]*,", "$1,");
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(stations("zeit.csv", l -> withoutStation.apply(l)
                .replace(",time,", ",Zeitstempel (µs),")), zeit).schema();
        Path fresh = stations("zeit-new.csv", l -> withoutStation.apply(l).replace(",time,", "," + garbled("Zeitstempel (µs)") + ","));
        for (CsvSchema read : List.of(schema, schema.withIgnored(List.of(garbled("Zeitstempel (µs)"))))) {
            assertThatThrownBy(() -> CsvSequenceDataset.readAll(fresh, read, false, new ArrayList<>()))
                    .isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining("zeit-new.csv:1: no time column 'Zeitstempel (µs)' (the model orders each sequence's rows "
                            + "by it")
                    .hasMessageContaining("the file has 'Zeitstempel (Âµs)' for 'Zeitstempel (µs)' (this file's name is the model's "
                            + "read as Windows-1252: this file went through a wrong encoding conversion")
                    .hasMessageContaining("leaving the column out with --ignore-columns would read the rows in file order");
        }
        Path noTime = stations("no-time.csv", l -> withoutStation.apply(l).replaceFirst("^([^,]*),[^,]*,", "$1,"));
        assertThat(CsvSequenceDataset.readAll(noTime, schema, false, new ArrayList<>())).isNotEmpty();
    }

    /**
     * Review 66a #6: a clean UTF-8 file read under the user's own wrong {@code --encoding cp1252} garbles its time column
     * ('Zeitstempel (Âµs)'); the refusal told the user to convert the file. Now its remedy is to leave the option out, named
     * as given. Silent: the same file without a declared encoding reads, and a file garbled at its source (no declared
     * encoding) keeps the conversion advice (the test above).
     */
    @Test
    void aTimeColumnGarbledByTheUsersOwnDeclaredEncodingIsToldToLeaveItOut() throws Exception {
        CsvOptions zeit = CsvOptions.defaults().withColumns(Column.named("sequence_id"), Column.named("Zeitstempel (µs)"),
                Column.named("label"));
        UnaryOperator<String> withoutStation = l -> l.startsWith("sequence_id") ? l.replace(",station,", ",")
                : l.replaceFirst("^([^,]*,[^,]*),[^,]*,", "$1,");
        Path clean = stations("zeit8.csv", l -> withoutStation.apply(l).replace(",time,", ",Zeitstempel (µs),"));
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(clean, zeit).schema();
        org.rnnlab.datasets.FileEncoding cp1252 = org.rnnlab.datasets.FileEncoding.parse("cp1252", "--encoding");
        assertThatThrownBy(() -> org.rnnlab.datasets.FileEncoding.reading(cp1252,
                () -> CsvSequenceDataset.readAll(clean, schema, false, new ArrayList<>())))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("zeit8.csv:1: no time column 'Zeitstempel (µs)'")
                .hasMessageContaining("the file has 'Zeitstempel (Âµs)' for 'Zeitstempel (µs)' (this file's name is the model's "
                        + "read as windows-1252): the file is valid UTF-8, read in the encoding --encoding=cp1252 declares; leave "
                        + "--encoding=cp1252 out (UTF-8 is the default)")
                .hasMessageNotContaining("convert");
        // an unknown garbled feature column: the same remedy, named as training's setting
        org.rnnlab.datasets.FileEncoding set = org.rnnlab.datasets.FileEncoding.parse("windows-1252", "--set encoding");
        Path feature = stations("feature8.csv", withoutStation);
        CsvSchema plain = CsvSequenceDataset.fromLongCsv(feature, CsvOptions.defaults().withColumns(Column.named("sequence_id"),
                Column.named("time"), Column.named("label"))).schema();
        assertThat(plain.featureNames()).contains("NO2 [µg/m³]");
        assertThatThrownBy(() -> org.rnnlab.datasets.FileEncoding.reading(set,
                () -> CsvSequenceDataset.readAll(feature, plain, false, new ArrayList<>())))
                .hasMessageContaining("feature8.csv:1: feature column(s) [NO2 [µg/m³], Temperatur [°C]] missing")
                .hasMessageContaining("leave --set encoding=windows-1252 out").hasMessageNotContaining("convert");
        assertThat(CsvSequenceDataset.readAll(clean, schema, false, new ArrayList<>())).isNotEmpty();
    }
}
