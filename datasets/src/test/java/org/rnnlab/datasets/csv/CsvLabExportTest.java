package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Files as lab software and spreadsheets in other locales write them (a fresh-user trial with German exports): what is
 * read, what is warned of and what is refused with which hint.
 */
class CsvLabExportTest {

    @TempDir
    Path dir;

    private static final String[] LABELS = {"Gehen", "Sitzen", "Stürze"};

    private static CsvOptions semicolons(CsvOptions o) {
        return new CsvOptions(o.header(), ';', o.features(), o.label(), o.sequenceId(), o.time(), o.split(), o.group(),
                o.labelNames(), o.validationFraction(), o.testFraction(), o.seed(), o.missing());
    }

    /** 40 sequences of 8 steps from 10 subjects: Maschine;Sequenz;Zeit_s;Messung;x;Aktivität, Messung epoch milliseconds. */
    private Path export(String name, boolean restartIds) throws IOException {
        Random r = new Random(7);
        StringBuilder b = new StringBuilder("Maschine;Sequenz;Zeit_s;Messung;x;Aktivität\n");
        long start = 1_796_306_701_250L;
        for (int s = 0; s < 40; s++) {
            for (int t = 0; t < 8; t++) {
                b.append(String.format(Locale.ROOT, "%d;%s;%.2f;%d;%.3f;%s%n", 101 + s % 10, restartIds ? "V" + (s / 10) : "S" + s,
                        t * 0.02, start + 60_000L * s + 10_000L * t, r.nextGaussian() + s % 3, LABELS[s % 3]));
            }
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }

    private static List<String> warnings(LoggedWarnings.Action action) throws Exception {
        return LoggedWarnings.of(CsvSequenceDataset.class, action);
    }

    private static final CsvOptions GERMAN = semicolons(CsvOptions.defaults().withColumns(Column.named("Sequenz"),
            Column.named("Zeit_s"), Column.named("Aktivität")));

    @Test
    void aTimeStampAmongTheFeaturesAndASubjectNotChosenAsGroupAreNamed() throws Exception {
        Path f = export("export.csv", false);
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(f, GERMAN)); // every other column a feature
        // epoch milliseconds, flat as 32-bit floats within most sequences: still a time stamp, whatever its name
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("feature column(s) [Messung] never fall within any of the 40 "
                + "sequences of 3 or more steps read for training (before validation and test sequences are carved from them), "
                + "and rise within them", "the time of this run is column 'Zeit_s'",
                "--set features=x"));
        // the subject, a number: the group it may be
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("column 'Maschine' (a feature) holds one value per sequence, shared by "
                + "several sequences (e.g. '", "4 of the 40 sequences; 10 values)", "--set group=Maschine carves each of its values"));
        // with the subject as group: no such hint
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(f, GERMAN.withGroupColumn(Column.named("Maschine"))
                .withFeatures(List.of(Column.named("x")))))).noneMatch(w -> w.contains("shared by several sequences"));
        // a German time-like name among the features without a time column: warned of by name
        CsvOptions noTime = semicolons(CsvOptions.defaults().withColumns(Column.named("Sequenz"), null,
                Column.named("Aktivität")));
        Path untimed = Files.writeString(dir.resolve("untimed.csv"), Files.readString(f).replace("Zeit_s", "Zeitpunkt"));
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(untimed, noTime.withFeatures(List.of(Column.named("Zeitpunkt"),
                Column.named("x")))))).anySatisfy(w -> assertThat(w).contains("column 'Zeitpunkt' is used as a feature; if it is the time"));
    }

    /**
     * Light curves as astronomy exports them (a trial's): a Modified Julian Date at irregular cadence among the features,
     * which the rising-column check does not catch (its steps vary), is warned of by name; so are JD, HJD and BJD, also
     * as part of a name; a magnitude's error column is not.
     */
    @Test
    void julianDatesAmongTheFeaturesAreWarnedOfByName() throws Exception {
        Random r = new Random(3);
        CsvOptions noTime = CsvOptions.defaults().withColumns(Column.named("star"), null, Column.named("class"));
        for (String name : List.of("mjd", "HJD", "bjd_tdb", "obs_jd", "JD (days)")) {
            StringBuilder b = new StringBuilder("star," + (name.contains(",") ? "\"" + name + "\"" : name) + ",mag,mag_err,class\n");
            for (int s = 0; s < 12; s++) {
                double t = 59000 + 30 * s;
                for (int k = 0; k < 6; k++) {
                    t += 0.1 + 3 * r.nextDouble(); // irregular cadence
                    b.append(String.format(Locale.ROOT, "S%d,%.5f,%.3f,0.015,%s%n", s, t, 15 + r.nextGaussian(), s % 2 == 0 ? "RRL" : "EB"));
                }
            }
            Path f = Files.writeString(dir.resolve("lc.csv"), b.toString());
            List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(f, noTime.withFractions(0.25, 0.25)));
            assertThat(warned).as(name).anySatisfy(w -> assertThat(w).contains("column '" + name
                    + "' is used as a feature; if it is the time (or step) of the rows, name it with --set time="));
            assertThat(warned).as(name).noneMatch(w -> w.contains("column 'mag_err' is used as a feature; if it is the time"));
        }
        assertThat(CsvSequenceDataset.timeLikeName("adjusted")).isFalse();
        assertThat(CsvSequenceDataset.timeLikeName("mag")).isFalse();
        assertThat(CsvSequenceDataset.timeLikeName("hour")).as("an hour of the day is a feature").isFalse();
    }

    @Test
    void idsThatRestartPerSubjectWithoutATimeColumnAreWarnedOf() throws Exception {
        Path f = export("restart.csv", true);
        CsvOptions noTime = semicolons(CsvOptions.defaults().withColumns(Column.named("Sequenz"), null,
                Column.named("Aktivität"))).withFeatures(List.of(Column.named("x")));
        // V0 holds sequences 0-9: contiguous; the labels differ within it, so the warning has to come before that refusal
        assertThatThrownBy(() -> warnings(() -> CsvSequenceDataset.fromLongCsv(f, noTime))).isInstanceOf(DatasetFormatException.class);
        Path interleaved = Files.writeString(dir.resolve("interleaved.csv"), "seq,x,label\n"
                + "1,0.1,a\n1,0.2,a\n2,0.3,b\n2,0.1,b\n1,0.4,a\n1,0.2,a\n2,0.5,b\n3,0.1,a\n3,0.3,a\n4,0.2,b\n4,0.1,b\n");
        CsvOptions plain = CsvOptions.defaults().withColumns(Column.named("seq"), null, Column.named("label"));
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(interleaved, plain.withFractions(0.25, 0.25)));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("the rows of 2 of the 4 sequences come in separate blocks with other "
                + "sequences' rows between (e.g. '1': 2 blocks, lines 2-3, then from line 6; '2': 2 blocks, lines 4-5, then from line 8)",
                "make the ids unique"));
        // with a time column: blocks of several rows each (ids restarting per patient, times rising across them) are warned
        // of; rows interleaved one by one, as a log sorted by time holds them, are not
        CsvOptions timed = CsvOptions.defaults().withColumns(Column.named("seq"), Column.named("t"), Column.named("label"))
                .withFractions(0.25, 0.25);
        StringBuilder restart = new StringBuilder("seq,t,x,label\n");
        StringBuilder interleavedRows = new StringBuilder("seq,t,x,label\n");
        int t = 0;
        for (int patient = 0; patient < 2; patient++) {
            for (int rec = 1; rec <= 4; rec++) {
                for (int k = 0; k < 4; k++) {
                    restart.append(rec).append(',').append(t++).append(",0.").append(k).append(',').append(rec % 2 == 0 ? "a" : "b").append('\n');
                }
            }
        }
        for (int k = 0; k < 6; k++) {
            for (int rec = 1; rec <= 4; rec++) {
                interleavedRows.append(rec).append(',').append(k).append(",0.").append(k).append(',').append(rec % 2 == 0 ? "a" : "b").append('\n');
            }
        }
        Path restarted = Files.writeString(dir.resolve("restarted.csv"), restart.toString());
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(restarted, timed))).anySatisfy(w -> assertThat(w).contains(
                "the rows of 4 of the 4 sequences come in separate blocks", "'1': 2 blocks, lines 2-5, then from line 18",
                "each sequence's blocks are joined in the file's order, so its times must go on increasing"));
        Path log = Files.writeString(dir.resolve("log.csv"), interleavedRows.toString());
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(log, timed))).noneMatch(w -> w.contains("separate blocks"));
        Path contiguous = Files.writeString(dir.resolve("contiguous.csv"), "seq,x,label\n"
                + "1,0.1,a\n1,0.2,a\n2,0.3,b\n2,0.1,b\n3,0.1,a\n3,0.3,a\n4,0.2,b\n4,0.1,b\n");
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(contiguous, plain.withFractions(0.25, 0.25))))
                .noneMatch(w -> w.contains("separate blocks"));
    }

    @Test
    void thousandsSeparatorsDecimalCommasDatesAndExcelsSepLineAreNamed() throws Exception {
        CsvOptions o = semicolons(CsvOptions.defaults().withColumns(Column.named("seq"), Column.named("t"), Column.named("label")));
        StringBuilder b = new StringBuilder("seq;t;x;Höhe (mm);label\n");
        for (int s = 0; s < 12; s++) {
            for (int t = 0; t < 3; t++) {
                int mm = 900 + 40 * s + 2 - t;
                b.append(String.format(Locale.ROOT, "s%d;%d;%.2f;%s;%s%n", s, t, (t == 1 ? -0.5 : 0.5) + s % 2, mm >= 1000 ? mm / 1000 + "."
                        + String.format("%03d", mm % 1000) : Integer.toString(mm), s % 2 == 0 ? "a" : "b"));
            }
        }
        Path grouped = Files.writeString(dir.resolve("grouped.csv"), b.toString());
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(grouped, o))).anySatisfy(w -> assertThat(w).contains("column "
                + "'Höhe (mm)' holds whole numbers (e.g. 902 at line 2) and numbers with three digits after a '.' (e.g. 1.022 at line 11)",
                "(1.022 = 1022), those values are read a thousand times too small"));

        // Excel's delimiter line is skipped when it names the delimiter read, refused with the setting when not
        Path sep = Files.writeString(dir.resolve("sep.csv"), "sep=;\n" + b);
        assertThat(CsvSequenceDataset.fromLongCsv(sep, o).input().featureNames()).containsExactly("x", "Höhe (mm)");
        CsvOptions commas = CsvOptions.defaults().withColumns(Column.named("seq"), Column.named("t"), Column.named("label"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(sep, commas)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("sep.csv:1: 'sep=;' is Excel's line naming the file's delimiter, and this file is read with ','")
                .hasMessageContaining("--set delimiter=';'");
    }

    @Test
    void textColumnsOfDatesAndNumbersWithDecimalCommasGetTheirCausesAndPasteableFeatures() throws Exception {
        CsvOptions o = semicolons(CsvOptions.defaults().withColumns(Column.named("seq"), null, Column.named("label")));
        Path raw = Files.writeString(dir.resolve("raw.csv"), "seq;Zeitstempel;Druck (Pa);\"Temp (°C, Sensor 1)\";label\n"
                + "s1;03.12.2026 14:05:01,250;101.404,70;36,8;a\ns1;03.12.2026 14:05:01,270;101.355,95;36,9;a\n"
                + "s2;03.12.2026 14:06:01,250;101.404,70;36,8;b\ns2;03.12.2026 14:06:01,270;101.355,95;36,9;b\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(raw, o)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("'Zeitstempel' hold(s) dates or times, which are not features")
                .hasMessageContaining("'Druck (Pa)', 'Temp (°C, Sensor 1)' hold(s) numbers with decimal commas")
                // pasted into a shell as it is: quoted whole, the name with a comma in double quotes
                .hasMessageContaining("--set 'features=Druck (Pa),\"Temp (°C, Sensor 1)\"'")
                .hasMessageNotContaining("is the file ','-separated");
        assertThat(CsvSequenceDataset.setFeatures(List.of("ax", "ay"))).isEqualTo("--set features=ax,ay");
        assertThat(CsvSequenceDataset.setFeatures(List.of("it's", "b"))).isEqualTo("--set 'features=it'\\''s,b'");

        // a lone dash for a value not measured: the markers to write instead
        Path dash = Files.writeString(dir.resolve("dash.csv"), "seq;t;x;label\ns1;0;1.5;a\ns1;1;-;a\ns2;0;0.5;b\ns2;1;0.7;b\n");
        CsvOptions timed = semicolons(CsvOptions.defaults().withColumns(Column.named("seq"), Column.named("t"), Column.named("label")));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(dash, timed)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("dash.csv:3: value '-' in column 'x' is not a number")
                .hasMessageContaining("if '-' marks a value that was not measured, write it as one of the missing-value markers");
    }

    @Test
    void columnNamesInDecomposedUnicodeAreTheNamesTypedComposed() throws Exception {
        String decomposed = java.text.Normalizer.normalize("Aktivität", java.text.Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo("Aktivität");
        Path f = Files.writeString(dir.resolve("nfd.csv"), "seq,t,x," + decomposed + "\ns1,0,1,a\ns1,1,2,a\ns2,0,3,b\ns2,1,4,b\n"
                + "s3,0,1,a\ns3,1,2,a\ns4,0,3,b\ns4,1,4,b\n");
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("seq"), Column.named("t"), Column.named("Aktivität"))
                .withFractions(0.25, 0.25);
        assertThat(CsvSequenceDataset.fromLongCsv(f, o).labelNames()).containsExactly("a", "b");
    }
    @Test
    void aMissingValueCodeIsNoWholeNumberOfThousandsGrouping() throws Exception {
        // trial 68e: a current logged with three decimals, -9999 for a dropout in two steps, its only whole numbers
        Random r = new Random(4);
        StringBuilder b = new StringBuilder("seq,t,current_a,label\n");
        for (int s = 0; s < 12; s++) {
            for (int t = 0; t < 5; t++) {
                String v = s == 3 && t < 2 ? "-9999" : String.format(Locale.ROOT, "%.3f", 11 + r.nextDouble());
                b.append(String.format(Locale.ROOT, "s%d,%d,%s,%s%n", s, t, v, s % 2 == 0 ? "a" : "b"));
            }
        }
        Path f = Files.writeString(dir.resolve("code.csv"), b.toString());
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("seq"), Column.named("t"), Column.named("label"));
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(f, o))).noneMatch(w -> w.contains("three digits after a '.'"));
    }

    @Test
    void ordinaryDataRaisesNoneOfTheseWarnings() throws Exception {
        // a reviewer's tries: an odometer (a cumulative measurement) called a time stamp, 0.125 called thousands grouping,
        // a second class column (activity_id) suggested as the group, an Excel 'sep=<TAB>' line refused in a tab file
        Random r = new Random(11);
        StringBuilder b = new StringBuilder("seq\tt\todometer\tdose\tactivity_id\tlabel\n");
        for (int s = 0; s < 24; s++) {
            double km = 0;
            for (int t = 0; t < 8; t++) {
                km += 0.5 * r.nextDouble();
                b.append(String.format(Locale.ROOT, "s%d\t%d\t%.4f\t%s\t%d\t%s%n", s, t, km, t % 2 == 0 ? "0.125" : Integer.toString(100 + s),
                        s % 3, new String[] {"run", "sit", "walk"}[s % 3]));
            }
        }
        Path f = Files.writeString(dir.resolve("clean.tsv"), "sep=\t\n" + b);
        CsvOptions tabs = new CsvOptions(true, '\t', List.of(Column.named("odometer"), Column.named("dose")), Column.named("label"),
                Column.named("seq"), Column.named("t"), null, null, List.of(), 0.15, 0.15, 42, MissingValues.ERROR);
        List<String> warned = warnings(() -> assertThat(CsvSequenceDataset.fromLongCsv(f, tabs).input().featureNames())
                .containsExactly("odometer", "dose"));
        assertThat(warned).noneMatch(w -> w.contains("never fall within") || w.contains("three digits after a '.'")
                || w.contains("shared by several sequences"));
        CsvOptions defaultFeatures = new CsvOptions(true, '\t', List.of(), Column.named("label"), Column.named("seq"),
                Column.named("t"), null, null, List.of(), 0.15, 0.15, 42, MissingValues.ERROR);
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(f, defaultFeatures)))
                .noneMatch(w -> w.contains("never fall within") || w.contains("three digits after a '.'"));
    }
}
