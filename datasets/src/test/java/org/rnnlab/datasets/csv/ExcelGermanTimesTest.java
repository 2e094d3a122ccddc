package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.FileEncoding;
import org.rnnlab.datasets.NewData;

/**
 * Excel exports of a German Windows setup (trial 81a): {@code ;}-separated, decimal commas, Windows-1252, CRLF, a blank last
 * column, date-times written day first ({@code 08.12.2026 14:03:17}). The pandas lines the refusals print run as printed
 * and write files the same reading accepts: the day-first time column rewritten in ISO-8601 (F2, which keeps the order
 * check that {@code --set time=none} drops), and rows out of order sorted in the file's own delimiter, decimal separator and
 * encoding, local times kept local (F3).
 */
class ExcelGermanTimesTest {

    @TempDir
    Path dir;

    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final FileEncoding ENCODING = FileEncoding.parse("windows-1252", "--set encoding");

    /** Sequenz;Zeit;Temperatur °C;Druck (hPa);Klasse; with 6 sequences of 8 rows, times German or ISO; {@code swap}: rows 4, 5 of s1. */
    private Path export(String name, boolean german, boolean swap) throws Exception {
        StringBuilder text = new StringBuilder("Sequenz;Zeit;Temperatur °C;Druck (hPa);Klasse;\r\n");
        for (int s = 0; s < 6; s++) {
            for (int t = 0; t < 8; t++) {
                int step = swap && s == 1 && (t == 4 || t == 5) ? 9 - t : t;
                int second = step * 3;
                String time = german ? String.format(Locale.ROOT, "%02d.12.2026 14:%02d:%02d", 8 + s, 10 + second / 60, second % 60)
                        : String.format(Locale.ROOT, "2026-12-%02dT14:%02d:%02d", 8 + s, 10 + second / 60, second % 60);
                text.append(String.format(Locale.ROOT, "s%d;%s;%s;%s;%s;\r\n", s, time,
                        String.format(Locale.ROOT, "%.3f", 20 + s + step * 0.125).replace('.', ','),
                        String.format(Locale.ROOT, "%.2f", 1013.25 - step * 0.5).replace('.', ','), s % 2 == 0 ? "normal" : "Störung"));
            }
        }
        return Files.write(dir.resolve(name), text.toString().getBytes(CP1252));
    }

    private static CsvOptions options() {
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("Sequenz"), Column.named("Zeit"), Column.named("Klasse"))
                .withFeatures(List.of(Column.named("Temperatur °C"), Column.named("Druck (hPa)"))).withFractions(0, 0);
        return new CsvOptions(o.header(), ';', o.features(), o.label(), o.sequenceId(), o.time(), o.split(), o.group(),
                o.labelNames(), o.validationFraction(), o.testFraction(), o.seed(), o.missing());
    }

    /** {@code body} read as training reads with --set encoding=windows-1252 --set decimal=comma. */
    private static <T> T asExported(Supplier<T> body) {
        return FileEncoding.reading(ENCODING, () -> DecimalSeparator.reading(true, body));
    }

    /** The pandas code in {@code message} from {@code start} to the first {@code end} after it. */
    private static String code(String message, String start, String end) {
        Matcher m = Pattern.compile("(" + Pattern.quote(start) + ".*?" + Pattern.quote(end) + ")").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return m.group(1);
    }

    private void pandas(String code) throws Exception {
        TimeSpacingTest.runPandas(dir, "import pandas as pd\n" + code + "\n");
    }

    @Test
    void aDayFirstTimeColumnGetsThePandasLineThatKeepsItAndTimeNoneSaysItDropsTheOrderCheck() throws Exception {
        Path german = export("train.csv", true, false);
        String refused = catchThrowable(() -> asExported(() -> CsvSequenceDataset.fromLongCsv(german, options()))).getMessage();
        Path iso = dir.resolve("train-iso.csv");
        assertThat(refused).contains("train.csv:2: time '08.12.2026 14:10:00' in column 'Zeit' is not a number or an ISO-8601 "
                + "date-time", "'08.12.2026 14:10:00' is a date written day first, which is not read as a time without its "
                + "pattern: train with --set 'timeFormat=dd.MM.yyyy HH:mm:ss' (a java.time pattern, recorded with the model and "
                + "used for new files too) and the column stays the time column, each sequence's time order checked; or write "
                + "it as ISO-8601 (pandas: df = "
                + "pd.read_csv(\"" + german + "\", sep=';', decimal=',', encoding='windows-1252'); df = df.loc[:, "
                + "~df.columns.str.startswith('Unnamed: ')]; df[\"Zeit\"] = pd.to_datetime(df[\"Zeit\"], format='%d.%m.%Y "
                + "%H:%M:%S').dt.strftime('%Y-%m-%dT%H:%M:%S'); df.to_csv(\"" + iso + "\", sep=';', decimal=',', "
                + "encoding='windows-1252', index=False), and read that file)",
                "train with --set time=none (which no longer checks the order: rows out of order, in training or in new "
                + "data, are then read as they stand, without a word)");
        pandas(code(refused, "df = pd.read_csv(", "index=False)"));
        CsvSequenceDataset read = asExported(() -> CsvSequenceDataset.fromLongCsv(iso, options()));
        CsvSequenceDataset same = asExported(() -> {
            try {
                return CsvSequenceDataset.fromLongCsv(export("train-written-iso.csv", false, false), options());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(read.schema().time().name()).isEqualTo("Zeit");
        assertThat(read.schema().decimalComma()).isTrue();
        assertThat(read.schema().features()).isEqualTo(same.schema().features());
        assertThat(Files.readString(iso, CP1252)).startsWith("Sequenz;Zeit;Temperatur °C;Druck (hPa);Klasse")
                .contains("s0;2026-12-08T14:10:03;20,125;1012,75;normal");
    }

    @Test
    void theSortLineWritesTheFileInItsOwnLayoutAndKeepsLocalTimesLocal() throws Exception {
        CsvSchema schema = asExported(() -> {
            try {
                return CsvSequenceDataset.fromLongCsv(export("train.csv", false, false), options()).schema();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Path swapped = export("swapped.csv", false, true);
        String refused = catchThrowable(() -> FileEncoding.reading(ENCODING, () -> NewData.csv(swapped, schema, true))).getMessage();
        Path sorted = dir.resolve("swapped-sorted.csv");
        assertThat(refused).contains("swapped.csv:15: time 2026-12-09T14:10:12 of sequence 's1' does not increase after line 14",
                "rows only out of order are sorted with pandas (the ids kept in the order they first appear, the order predict "
                + "writes them): df = pd.read_csv(\"" + swapped + "\", sep=';', decimal=',', encoding='windows-1252'); ",
                "df[\"Zeit\"] = pd.to_datetime(df[\"Zeit\"]); df.assign(", ".to_csv(\"" + sorted + "\", sep=';', decimal=',', "
                + "encoding='windows-1252', index=False)").doesNotContain("utc=True");
        pandas(code(refused, "df = pd.read_csv(", "index=False)"));
        NewData read = FileEncoding.reading(ENCODING, () -> NewData.csv(sorted, schema, true));
        NewData original = FileEncoding.reading(ENCODING, () -> {
            try {
                return NewData.csv(export("original.csv", false, false), schema, true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(read.ids()).isEqualTo(original.ids());
        for (int i = 0; i < read.values().size(); i++) {
            assertThat(read.values().get(i)).isDeepEqualTo(original.values().get(i));
        }
    }

    @Test
    void aTimeFormatSettingReadsDayFirstTimesKeepsTheOrderCheckAndIsRecordedForNewFiles() throws Exception {
        Path german = export("train.csv", true, false);
        DatasetOptions o = DatasetOptions.defaults().withFiles(german, null).with("sequenceId", "Sequenz").with("time", "Zeit")
                .with("label", "Klasse").with("delimiter", ";").with("decimal", "comma").with("encoding", "windows-1252")
                .with("features", "Temperatur °C,Druck (hPa)").with(TimeStamps.SETTING, "dd.MM.yyyy HH:mm:ss");
        CsvSchema schema = ((CsvSequenceDataset) Datasets.open("csv", o)).schema();
        assertThat(schema.timeFormat()).isEqualTo("dd.MM.yyyy HH:mm:ss");
        assertThat(schema.toString()).contains("timeFormat=dd.MM.yyyy HH:mm:ss");
        // kept with the model's layout (JSON), and a layout saved before it reads as none
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .setInjectableValues(new com.fasterxml.jackson.databind.InjectableValues.Std().addValue("rnnlab.absent", null));
        assertThat(json.readValue(json.writeValueAsString(schema), CsvSchema.class).timeFormat()).isEqualTo("dd.MM.yyyy HH:mm:ss");
        assertThat(json.readValue(json.writeValueAsString(schema.withTimeFormat(null)).replace(",\"timeFormat\":null", ""),
                CsvSchema.class).timeFormat()).isNull();

        // new data are read with it: in order they are read, rows out of order are refused as with ISO-8601 times
        NewData read = FileEncoding.reading(ENCODING, () -> {
            try {
                return NewData.csv(export("new.csv", true, false), schema, true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(read.ids()).containsExactly("s0", "s1", "s2", "s3", "s4", "s5");
        Path swapped = export("swapped.csv", true, true);
        String refused = catchThrowable(() -> FileEncoding.reading(ENCODING, () -> NewData.csv(swapped, schema, true))).getMessage();
        Path sorted = dir.resolve("swapped-sorted.csv");
        assertThat(refused).contains("swapped.csv:15: time 09.12.2026 14:10:12 of sequence 's1' does not increase after line 14",
                "df.assign(_o=df.groupby(\"Sequenz\", sort=False).ngroup(), _t=pd.to_datetime(df[\"Zeit\"], format='%d.%m.%Y "
                + "%H:%M:%S')).sort_values([\"_o\", \"_t\"], kind='stable').drop(columns=[\"_o\", \"_t\"]).to_csv(\"" + sorted
                + "\", sep=';', decimal=',', encoding='windows-1252', index=False)");
        pandas(code(refused, "df = pd.read_csv(", "index=False)"));
        NewData fixed = FileEncoding.reading(ENCODING, () -> NewData.csv(sorted, schema, true));
        for (int i = 0; i < read.values().size(); i++) {
            assertThat(fixed.values().get(i)).isDeepEqualTo(read.values().get(i));
        }
        // ISO-8601 times are still read; a time of neither form names the pattern; a pattern java.time does not read is refused
        Path iso = export("iso.csv", false, false);
        assertThat(FileEncoding.reading(ENCODING, () -> NewData.csv(iso, schema, true)).ids()).hasSize(6);
        Path other = Files.write(dir.resolve("other.csv"), new String(Files.readAllBytes(german), CP1252)
                .replace("08.12.2026 14:10:00", "2026/12/08 14:10:00").getBytes(CP1252));
        assertThat(catchThrowable(() -> FileEncoding.reading(ENCODING, () -> NewData.csv(other, schema, true))).getMessage())
                .contains("other.csv:2: time '2026/12/08 14:10:00' in column 'Zeit' is not a date-time of --set timeFormat "
                        + "'dd.MM.yyyy HH:mm:ss', nor a number or an ISO-8601 date-time");
        assertThat(catchThrowable(() -> Datasets.open("csv", o.with(TimeStamps.SETTING, "dd.MM.yyyy bb"))).getMessage())
                .contains("--set timeFormat 'dd.MM.yyyy bb' is not a java.time pattern");
    }

    @Test
    void aSpacerColumnIsNamedByPositionAndANoBreakSpaceGroupingThousandsIsNamedAndCounted() throws Exception {
        // F4: an Excel spacer column in the middle was refused naming neither its position nor a fitting remedy
        Path iso = export("iso.csv", false, false);
        String text = new String(Files.readAllBytes(iso), CP1252);
        Path spacer = Files.write(dir.resolve("midblank.csv"), text.replaceAll("(?m)^([^;\r\n]*;[^;\r\n]*;)", "$1;")
                .getBytes(CP1252));
        assertThat(catchThrowable(() -> asExported(() -> CsvSequenceDataset.fromLongCsv(spacer, options()))).getMessage())
                .contains("midblank.csv:1: empty column name in the header", ": column 3 (between 'Zeit' and 'Temperatur °C') has "
                        + "no name (expected a name for every column; an empty spacer column, as spreadsheets keep one, is deleted "
                        + "in the spreadsheet or with pandas: df.drop(columns=df.columns[2]);");
        // F5: '1 011,76' with a no-break space (U+00A0, invisible in the message) was a bare "not a number"
        Path nbsp = Files.write(dir.resolve("nbsp.csv"), text.replaceAll(";1(0\\d\\d,\\d\\d);", ";1\u00A0$1;").getBytes(CP1252));
        assertThat(catchThrowable(() -> asExported(() -> CsvSequenceDataset.fromLongCsv(nbsp, options()))).getMessage())
                .contains("nbsp.csv:2: value '1\u00A0013,25' in column", "is not a number (expected a finite decimal number; its "
                        + "thousands are grouped by a no-break space (U+00A0), as spreadsheets write numbers with a thousands "
                        + "separator", "Druck (hPa)' 48;", "read it with pandas' read_csv(..., thousands='\\xa0', decimal=',')");
    }
}
