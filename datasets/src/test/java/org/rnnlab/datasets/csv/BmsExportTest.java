package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.NewData;

/**
 * A building-management (BMS) export, as trial 79c's energy analyst had it: 4 buildings, windows of 15-minute rows, times
 * in Europe/Berlin with their offsets, an operating mode per window ({@code hvac_mode}) and an occupancy flag written by
 * pandas as {@code True}/{@code False}. Each test names the finding it answers.
 */
class BmsExportTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final String[] MODES = {"heat", "cool", "off", "auto"};

    @TempDir
    Path dir;

    /** {@code --set sequenceId=window_id --set time=timestamp --set label=label --set group=building_id}, no carving. */
    private static CsvOptions bms() {
        return CsvOptions.defaults().withColumns(Column.named("window_id"), Column.named("timestamp"), Column.named("label"))
                .withGroupColumn(Column.named("building_id")).withFractions(0, 0);
    }

    /** One row of the export: building b, window w, step t at {@code at}. */
    record Row(int b, int w, int t, ZonedDateTime at) {
        String mode() {
            return MODES[(b + w) % MODES.length];
        }

        boolean occupied() {
            return (t + w) % 3 != 0;
        }
    }

    /**
     * 4 buildings x 4 windows x 8 steps of 15 min, window w of building b from {@code start} plus b*4+w days; the header and
     * the columns after {@code timestamp,supply_temp} given by {@code columns} and {@code cells}.
     */
    private Path export(String name, ZonedDateTime start, Function<ZonedDateTime, String> time, String columns,
                        Function<Row, String> cells, UnaryOperator<List<String>> edit) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int b = 1; b <= 4; b++) {
            for (int w = 0; w < 4; w++) {
                ZonedDateTime first = start.plusDays((b - 1) * 4L + w);
                for (int t = 0; t < 8; t++) {
                    Row row = new Row(b, w, t, first.plusMinutes(15L * t));
                    lines.add(String.format(Locale.ROOT, "B%d,B%d-w%02d,%s,%.2f,%s,%s", b, b, w, time.apply(row.at()),
                            40 + b + w * 0.5 + t * 0.13, cells.apply(row), w % 2 == 0 ? "normal" : "fault_valve"));
                }
            }
        }
        lines = edit.apply(lines);
        lines.add(0, "building_id,window_id,timestamp,supply_temp," + columns + ",label");
        return Files.write(dir.resolve(name), lines);
    }

    private Path numeric(String name, Function<ZonedDateTime, String> time, UnaryOperator<List<String>> edit) throws IOException {
        return export(name, ZonedDateTime.of(2026, 2, 2, 6, 0, 0, 0, BERLIN), time, "occupied", r -> r.occupied() ? "1" : "0", edit);
    }

    private static String iso(ZonedDateTime at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at);
    }

    @Test
    void anOperatingModePerWindowIsOfferedAsOneHotFeaturesAndNotAsTheGroupBesideTheGroupGiven() throws IOException {
        // F1: hvac_mode (heat/cool/off/auto, one per window) was offered only as --set group=hvac_mode, beside building_id
        Path raw = export("raw.csv", ZonedDateTime.of(2026, 2, 2, 6, 0, 0, 0, BERLIN), BmsExportTest::iso, "hvac_mode",
                Row::mode, l -> l);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(raw, bms()))
                .hasMessageContaining("raw.csv: column(s) 'hvac_mode' ('cool', line 2) hold text")
                .hasMessageContaining("one 0/1 column per category (pandas: pd.get_dummies(df, columns=['hvac_mode'], dtype=int))")
                .hasMessageNotContaining("--set group=hvac_mode");
        // without a group given it is still no group (its name and values say what, not who); the building column is
        CsvOptions noGroup = bms().withGroupColumn(null);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(raw, noGroup))
                .hasMessageContaining("pd.get_dummies(df, columns=['hvac_mode'], dtype=int)").hasMessageNotContaining("--set group=hvac_mode")
                .hasMessageContaining("if 'building_id' names who or which session a sequence comes from, --set group=building_id");
        // a column of who (a meter's code per window) is offered as the group when none is given, and not beside one
        Path meters = export("meters.csv", ZonedDateTime.of(2026, 2, 2, 6, 0, 0, 0, BERLIN), BmsExportTest::iso, "meter",
                r -> "M" + (r.b() * 10 + r.w() % 2), l -> l);
        List<String> header = new ArrayList<>(Files.readAllLines(meters));
        Path metersOnly = Files.write(dir.resolve("meters-only.csv"), header.stream().map(l -> l.substring(l.indexOf(',') + 1)).toList());
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(metersOnly, noGroup))
                .hasMessageContaining("if 'meter' names who or which session a sequence comes from, --set group=meter")
                .hasMessageNotContaining("get_dummies");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(meters, bms()))
                .hasMessageContaining("column(s) 'meter' ('M10', line 2) hold text").hasMessageNotContaining("--set group=meter")
                .hasMessageNotContaining("get_dummies");
    }

    @Test
    void trueAndFalseAreReadAsOneAndZeroInEveryYesNoColumnWithAWarningAtTrainAndPredict() throws Exception {
        // F2/F3: pandas' True/False in a flag column were refused, "read as 0 and 1 once written so"; one rule now
        Path numbers = numeric("numbers.csv", BmsExportTest::iso, l -> l);
        Path words = export("words.csv", ZonedDateTime.of(2026, 2, 2, 6, 0, 0, 0, BERLIN), BmsExportTest::iso,
                "occupied,mode_heat,mode_cool", r -> (r.occupied() ? "True" : "false") + "," + (r.b() % 2 == 0 ? "TRUE,False"
                        : "False,True"), l -> l);
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(words, bms()));
        assertThat(warned).filteredOn(w -> w.contains("True/False")).singleElement().satisfies(w -> assertThat(w).contains(
                "words.csv: feature column(s) 'occupied' (128 cells), 'mode_heat' (128 cells), 'mode_cool' (128 cells) hold "
                        + "True/False (e.g. 'false' at line 2), read as 1 and 0", "df[['occupied', 'mode_heat', 'mode_cool']] = df[['occupied', 'mode_heat', 'mode_cool']].astype(int)"));
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(numbers, bms()).schema();
        Path newWords = export("new-words.csv", ZonedDateTime.of(2026, 2, 2, 6, 0, 0, 0, BERLIN), BmsExportTest::iso,
                "occupied", r -> r.occupied() ? "true" : "FALSE", l -> l);
        // predict and evaluate read them as the 0/1 file, and say so
        List<String> predicted = LoggedWarnings.of(CsvSequenceDataset.class, () -> NewData.csv(newWords, schema, true));
        assertThat(predicted).anySatisfy(w -> assertThat(w).contains("new-words.csv: feature column(s) 'occupied' (128 cells) "
                + "hold True/False"));
        List<float[][]> asWords = NewData.csv(newWords, schema, true).values();
        List<float[][]> asNumbers = NewData.csv(numbers, schema, true).values();
        assertThat(asWords).hasSize(16).usingRecursiveComparison().isEqualTo(asNumbers);
        // a True among other numbers is no flag: refused, with what is read
        Path mixed = numeric("mixed.csv", BmsExportTest::iso, l -> {
            List<String> out = new ArrayList<>(l);
            out.set(4, out.get(4).replaceFirst(",[01],(normal|fault_valve)$", ",True,$1"));
            out.set(5, out.get(5).replaceFirst(",[01],(normal|fault_valve)$", ",7,$1"));
            return out;
        });
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(mixed, bms()))
                .hasMessageContaining("mixed.csv:6: value 'True' in column 'occupied' is not a number")
                .hasMessageContaining("True/False (any case) are read as 1 and 0 only in a yes/no column");
    }

    @Test
    void aDuplicatedRowsRefusalCountsTheTimesRepeatedWithOtherValuesEarlierInTheFile() throws IOException {
        // F4: a second reading of one time in B1-w01 (judged at the file's end) went unsaid beside B3-w00's duplicated row
        UnaryOperator<List<String>> tie = l -> {
            List<String> out = new ArrayList<>(l);
            String[] row = out.get(8 + 3).split(",");
            row[3] = "99.99"; // B1-w01 step 3 again, another value
            out.add(8 + 4, String.join(",", row));
            return out;
        };
        Path both = numeric("both.csv", BmsExportTest::iso, l -> {
            List<String> out = tie.apply(l);
            out.add(33 + 5, out.get(33 + 4)); // B3-w00 (after the added row) step 4 twice, every value the same
            return out;
        });
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(both, bms()))
                .hasMessageContaining("both.csv:40: time ").hasMessageContaining("line 40 repeats line 39, every feature the same")
                .hasMessageContaining("df.drop_duplicates(); also: 1 time(s) repeated with other values, e.g. 'B1-w01' line 14 "
                        + "(two readings of one time, refused in a sequence sampled at a rate): keep one (or their mean) per time "
                        + "(pandas: df.drop_duplicates(subset=[\"window_id\", \"timestamp\"]) keeps the first; df.groupby([\"window_id\", "
                        + "\"timestamp\", \"label\", \"building_id\"], as_index=False, sort=False).mean(numeric_only=True) their mean)");
        // the readings alone: refused at line 14, with the same pandas lines
        Path readings = numeric("readings.csv", BmsExportTest::iso, tie);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(readings, bms()))
                .hasMessageContaining("readings.csv:14: time ")
                .hasMessageContaining("keep one (or their mean) per time (pandas: df.drop_duplicates(subset=[\"window_id\", "
                        + "\"timestamp\"]) keeps the first");
    }

    @Test
    void zoneAbbreviationsAreRefusedWithTheOffsetsThatReplaceThem() throws IOException {
        // F5: '2026-03-29 01:00:00 CET' got only --set time=none, which drops every check of the time column
        DateTimeFormatter spaced = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
        ZonedDateTime spring = ZonedDateTime.of(2026, 3, 27, 0, 0, 0, 0, BERLIN); // windows before and after 29 March
        Path cet = export("cet.csv", spring, at -> spaced.format(at) + (at.getOffset().getTotalSeconds() == 3600 ? " CET"
                : " CEST"), "occupied", r -> r.occupied() ? "1" : "0", l -> l);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(cet, bms()))
                .hasMessageContaining("cet.csv:2: time '2026-03-27 00:00:00 CET' in column 'timestamp' is not a number or an "
                        + "ISO-8601 date-time")
                .hasMessageContaining("'CEST', 'CET' name time zones, which are not read: write the offset instead, as ISO-8601 "
                        + "does (CEST -> +02:00, CET -> +01:00; pandas: df[\"timestamp\"] = df[\"timestamp\"].str.replace(' CEST', "
                        + "'+02:00', regex=False).str.replace(' CET', '+01:00', regex=False))");
        // the replacement given reads the file, with its checks
        Path replaced = Files.write(dir.resolve("replaced.csv"), Files.readAllLines(cet).stream()
                .map(l -> l.replace(" CEST", "+02:00").replace(" CET", "+01:00")).toList());
        assertThat(CsvSequenceDataset.fromLongCsv(replaced, bms()).schema().timeStep().offsets()).isTrue();
        // a zone of several offsets is named as such
        Path cst = Files.write(dir.resolve("cst.csv"), Files.readAllLines(cet).stream().map(l -> l.replace(" CEST", " CST")
                .replace(" CET", " CST")).toList());
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(cst, bms()))
                .hasMessageContaining("'CST' name(s) no one offset known here").hasMessageNotContaining("str.replace");
    }

    @Test
    void newDataOfTheOtherKindOfDateTimesAreNotedAtPredict() throws Exception {
        // F6: a model trained on offset times read local times without a word
        CsvSchema offsets = CsvSequenceDataset.fromLongCsv(numeric("offsets.csv", BmsExportTest::iso, l -> l), bms()).schema();
        assertThat(offsets.timeStep().offsets()).isTrue();
        Path local = numeric("local.csv", at -> LOCAL.format(at), l -> l);
        String note = "the model was trained on date-times with an offset (instants), this file has local date-times without one";
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> NewData.csv(local, offsets, true)))
                .anySatisfy(w -> assertThat(w).contains("local.csv: time column 'timestamp': " + note, "read as written"));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> NewData.csv(numeric("same.csv", BmsExportTest::iso, l -> l),
                offsets, true))).noneMatch(w -> w.contains("the model was trained on"));
        // the reverse
        CsvSchema locals = CsvSequenceDataset.fromLongCsv(local, bms()).schema();
        assertThat(locals.timeStep().offsets()).isFalse();
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> NewData.csv(numeric("utc.csv", BmsExportTest::iso, l -> l),
                locals, true))).anySatisfy(w -> assertThat(w).contains("utc.csv: time column 'timestamp': the model was trained "
                + "on local date-times without an offset, this file has date-times with one"));
        // a model saved before the kind was recorded: nothing said
        CsvSchema older = offsets.withTimeStep(offsets.timeStep().withOffsets(null));
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> NewData.csv(local, older, true)))
                .noneMatch(w -> w.contains("the model was trained on"));
        // kept in the model's card, and absent from older cards
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .setInjectableValues(new com.fasterxml.jackson.databind.InjectableValues.Std().addValue("rnnlab.absent", null));
        assertThat(json.readValue(json.writeValueAsString(offsets.timeStep()), TimeStep.class)).isEqualTo(offsets.timeStep());
        assertThat(json.readValue("{\"value\":900.0,\"dateTimes\":true}", TimeStep.class).offsets()).isNull();
    }

    @Test
    void withoutATimeSetAnIsoDateTimeColumnIsOfferedFirstAsTheTimeByItsName() throws IOException {
        // F7: the generic --set time=NAME came last, after a features list that trains in file order unchecked
        Path f = numeric("notime.csv", BmsExportTest::iso, l -> l);
        CsvOptions noTime = bms().withColumns(Column.named("window_id"), null, Column.named("label"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, noTime)).satisfies(e -> {
            String m = e.getMessage();
            assertThat(m).contains("notime.csv: column(s) 'timestamp' ('2026-02-02T06:00:00+01:00', line 2) hold text, and every "
                    + "column without a role is read as a feature (expected numbers); 'timestamp' hold(s) ISO-8601 date-times: "
                    + "--set time=timestamp reads it as the time column (not a feature), which checks each sequence's order");
            assertThat(m).doesNotContain("--set time=NAME");
            assertThat(m.indexOf("--set time=timestamp")).isLessThan(m.indexOf("--set features="));
        });
    }

    @Test
    void localTimesRepeatingTheAutumnHourAreRefusedWithThePandasLineThatMakesThemInstants() throws IOException {
        // F8: train has no --time-zone; the refusal named the cause but left the conversion to the user
        Path f = export("nooff.csv", ZonedDateTime.of(2026, 10, 21, 1, 30, 0, 0, BERLIN), at -> LOCAL.format(at), "occupied",
                r -> r.occupied() ? "1" : "0", l -> l);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, bms()))
                .hasMessageContaining("time 2026-10-25T02:00:00 of sequence 'B2-w00' does not increase")
                .hasMessageContaining("date-times without an offset repeat an hour where daylight saving time ends")
                .hasMessageContaining("df[\"timestamp\"] = df.groupby(\"window_id\")[\"timestamp\"].transform(lambda s: "
                        + "pd.to_datetime(s).dt.tz_localize('Europe/Berlin', ambiguous='infer').dt.tz_convert('UTC'))");
    }
}
