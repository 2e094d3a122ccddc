package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Split;

/**
 * UEA/sktime-style end padding (shorter series padded with NaN rows up to the longest): {@code --missing trim} removes it
 * and nothing else, and the other policies and the default error say that the missing values are padding (a trial's user
 * was offered ffill, zero and drop, each of which changed the data).
 */
class EndPaddingTest {
    @TempDir
    Path dir;

    /** Three sequences of 2 features: a of 4 steps, b of 2 steps + 2 padding steps, c of 3 steps + 1 padding step. */
    private Path padded(String name) throws Exception {
        return Files.writeString(dir.resolve(name), """
                sequence_id,time,x,y,label
                a,0,1,2,p
                a,1,2,3,p
                a,2,3,4,p
                a,3,4,5,p
                b,0,5,1,q
                b,1,6,1,q
                b,2,NaN,NaN,q
                b,3,,,q
                c,0,1,1,p
                c,1,2,2,p
                c,2,3,3,p
                c,3,NaN,NaN,p
                d,0,9,9,q
                d,1,8,8,q
                """);
    }

    private static CsvOptions options() {
        return CsvOptions.defaults().withFractions(0, 0);
    }

    @Test
    void theErrorPolicySaysTheMissingValuesLookLikeEndPaddingAndSuggestsTrim() throws Exception {
        Path f = padded("pad.csv");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, options()))
                .hasMessageContaining("pad.csv:8: missing value 'NaN' in column 'x' of sequence 'b'")
                .hasMessageContaining("--missing trim|ffill|interpolate|zero|drop")
                .hasMessageContaining("all 6 missing value(s) of this file are in time steps at the end of a sequence whose every "
                        + "feature is missing (2 of 4 sequence(s)): that looks like end padding")
                .hasMessageContaining("--missing trim removes those steps and changes no value read");
        // mostly padding, one gap inside a sequence: still padding, and trim would refuse the gap as this does
        Path mostly = Files.writeString(dir.resolve("mostly.csv"), Files.readString(f).replace("a,1,2,3,p", "a,1,,3,p"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(mostly, options()))
                .hasMessageContaining("mostly.csv:3: missing value '' in column 'x' of sequence 'a'")
                .hasMessageContaining("6 of the 7 missing value(s) of this file are in time steps at the end")
                .hasMessageContaining("refuses the other 1 as here");
        // gaps that are not padding get no such hint
        Path gaps = Files.writeString(dir.resolve("gaps.csv"), "sequence_id,x,y,label\na,1,,p\na,,2,p\na,3,3,p\nb,1,1,q\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(gaps, options())).hasMessageContaining("missing value")
                .hasMessageNotContaining("end padding")
                // how many the file holds, by column (a trial saw only the first, and could not tell how bad the export was)
                .hasMessageContaining("the file holds 2 missing value(s) in its feature columns, in 2 of its 4 rows: 'x' 1, 'y' 1");
    }

    @Test
    void aChannelFilledOnEveryKthRowIsNamedAsALowerRateWithInterpolateAndFfill() throws Exception {
        // trial 73c F3: heart_rate (1 Hz) on every 25th row of 25 Hz rows, edr_resp (4 Hz) on every 6th or 7th: refused with
        // the six policies and no word of the pattern
        StringBuilder s = new StringBuilder("sequence_id,time,acc_x,heart_rate,edr_resp,label\n");
        for (int w = 0; w < 4; w++) {
            for (int k = 0; k < 200; k++) {
                s.append('w').append(w).append(',').append(k * 40).append(',').append(k % 9).append(',')
                        .append(k % 25 == 0 ? String.valueOf(70 + w) : "").append(',')
                        .append(k * 40 % 250 < 40 ? String.valueOf(k % 3) : "").append(',').append(w % 2 == 0 ? "a" : "b").append('\n');
            }
        }
        Path f = Files.writeString(dir.resolve("grid.csv"), s);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, options()))
                .hasMessageContaining("missing value '' in column 'heart_rate'")
                .hasMessageContaining("; 'heart_rate' on every 25th row, 'edr_resp' on every 6th or 7th row (empty between): the "
                        + "pattern of a channel sampled at a lower rate and merged into one table? --missing interpolate fills the "
                        + "rows between its samples on a straight line, ffill holds each value until the next (a staircase)");
        // gaps at random are no such pattern
        Path gaps = Files.writeString(dir.resolve("gaps.csv"), "sequence_id,x,y,label\na,1,,p\na,,2,p\na,3,3,p\nb,1,1,q\n"
                + "b,,1,q\nb,2,,q\nb,,,q\nb,4,4,q\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(gaps, options())).hasMessageNotContaining("lower rate");
    }

    @Test
    void trimRemovesTheEndPaddingOnlyAndReadsTheSequencesAsWithoutIt() throws Exception {
        Path f = padded("pad.csv");
        Path unpadded = Files.writeString(dir.resolve("unpadded.csv"), String.join("\n", Files.readAllLines(f).stream()
                .filter(l -> !l.contains("NaN") && !l.contains(",,")).toList()) + "\n");
        CsvSequenceDataset[] read = new CsvSequenceDataset[1];
        List<String> infos = LoggedWarnings.at(Level.INFO, CsvSequenceDataset.class,
                () -> read[0] = CsvSequenceDataset.fromLongCsv(f, options().withMissing(MissingValues.TRIM)));
        assertThat(infos).contains("csv: " + f + ": removed 3 time step(s) at the end of 2 sequence(s) whose every feature was "
                + "missing (--missing trim: end padding)");
        CsvSequenceDataset trimmed = read[0];
        CsvSequenceDataset plain = CsvSequenceDataset.fromLongCsv(unpadded, options());
        // the same sequences, lengths and values (fingerprints) as the file without its padding rows
        assertThat(trimmed.sequenceFingerprints().get(Split.TRAIN)).isEqualTo(plain.sequenceFingerprints().get(Split.TRAIN));
        assertThat(trimmed.split(Split.TRAIN).examples().stream().map(s -> s.length()).sorted().toList()).containsExactly(2, 2, 3, 4);
        // stored with the schema (the model card's dataSchema), and read back from JSON
        assertThat(trimmed.schema().missing()).isEqualTo(MissingValues.TRIM);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readValue(json.writeValueAsString(trimmed.schema()), CsvSchema.class)).isEqualTo(trimmed.schema());
        assertThat(MissingValues.parse("Trim")).isEqualTo(MissingValues.TRIM);
        // new data read with the model's contract: trimmed too
        List<CsvSequence> again = CsvSequenceDataset.readAll(f, trimmed.schema(), false, new ArrayList<>());
        assertThat(again.stream().map(s -> s.values().length).toList()).containsExactly(4, 2, 3, 2);
    }

    @Test
    void trimRefusesAnyOtherMissingValueNamingWhereAndASequenceWithNoValue() throws Exception {
        CsvOptions trim = options().withMissing(MissingValues.TRIM);
        // a gap inside a padded sequence
        Path inside = Files.writeString(dir.resolve("inside.csv"), "sequence_id,x,y,label\na,1,1,p\na,NA,2,p\na,3,3,p\na,,,p\nb,1,1,q\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(inside, trim))
                .hasMessageContaining("inside.csv:3: missing value 'NA' in column 'x' of sequence 'a' is not end padding")
                .hasMessageContaining("here the last 1 step(s) of this sequence")
                .hasMessageContaining("--missing ffill|interpolate|zero|drop");
        // a last step with only some features missing is not padding
        Path partial = Files.writeString(dir.resolve("partial.csv"), "sequence_id,x,y,label\na,1,1,p\na,2,,p\nb,1,1,q\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(partial, trim))
                .hasMessageContaining("partial.csv:3: missing value '' in column 'y' of sequence 'a' is not end padding");
        // a sequence of padding only
        Path empty = Files.writeString(dir.resolve("empty.csv"), "sequence_id,x,y,label\na,1,1,p\nb,,,q\nb,NaN,NaN,q\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(empty, trim))
                .hasMessageContaining("empty.csv:3: sequence 'b' has no value at all: every feature of its 2 step(s) is missing");
        // and the error policy does not call such a sequence padding
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(empty, options())).hasMessageContaining("missing value")
                .hasMessageNotContaining("end padding");
    }

    @Test
    void ffillZeroAndDropSayHowMuchOfWhatTheyChangedWasEndPadding() throws Exception {
        Path f = padded("pad.csv");
        List<String> ffill = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(f, options().withMissing(MissingValues.FFILL)));
        assertThat(ffill).anySatisfy(w -> assertThat(w).startsWith("csv: " + f + ": filled 6 missing value(s) in 2 sequence(s): ")
                .contains(" (--missing ffill").contains("; all in time steps at the end of 2 sequence(s) whose every feature is missing: "
                + "that looks like end padding").endsWith("--missing trim removes those steps instead"));
        Path mixed = Files.writeString(dir.resolve("mixed.csv"), Files.readString(f).replace("a,1,2,3,p", "a,1,,3,p"));
        List<String> zero = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(mixed, options().withMissing(MissingValues.ZERO)));
        assertThat(zero).anySatisfy(w -> assertThat(w).startsWith("csv: " + mixed + ": filled 7 missing value(s) in 3 sequence(s): ")
                .contains(" (--missing zero").contains("; 6 of them in time steps at the end of 2 sequence(s)"));
        // a sequence with no value at all (e) is not padded: trim would refuse it too, so it is not counted
        Path withEmpty = Files.writeString(dir.resolve("pad-e.csv"), Files.readString(f) + "e,0,NaN,NaN,p\ne,1,,,p\n");
        List<String> drop = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(withEmpty, options().withMissing(MissingValues.DROP)));
        assertThat(drop).contains("csv: " + withEmpty + ": 2 sequence(s) were dropped (--missing drop) only for time steps at their end "
                + "whose every feature is missing: that looks like end padding, as UEA/sktime exports pad shorter series up to the "
                + "longest; --missing trim keeps them, without those steps");
        // all-missing last steps of sequences of different lengths (3 and 4 steps with them), among more gaps elsewhere, are
        // gaps that fall at the end, not padding, which pads series up to one length or makes most of the missing values (a
        // sleep-lab trial's channels were called end padding, and the trim suggested then refused them)
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "sequence_id,x,y,label\na,1,2,p\na,2,,p\na,,,p\n"
                + "b,1,1,q\nb,,2,q\nb,3,3,q\nb,,,q\nc,5,,p\nc,,6,p\nc,7,7,p\nd,,1,q\nd,2,,q\nd,3,3,q\n");
        List<String> raggedFill = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(ragged, options().withMissing(MissingValues.FFILL)));
        assertThat(raggedFill).anySatisfy(w -> assertThat(w).contains("filled 10 missing value(s) in 4 sequence(s)")
                .doesNotContain("padding"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(ragged, options()))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("padding"));
        // under drop too: sequences of two lengths whose last steps are all missing are not called padding
        Path raggedDrop = Files.writeString(dir.resolve("ragged-drop.csv"), "sequence_id,x,y,label\na,1,2,p\na,,,p\n"
                + "b,1,1,q\nb,2,2,q\nb,,,q\nc,5,5,p\nc,6,6,p\nd,7,7,q\n");
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(raggedDrop,
                options().withMissing(MissingValues.DROP)))).noneSatisfy(w -> assertThat(w).contains("end padding"));
        // gaps that are not padding: the fill warning says nothing of padding
        Path gaps = Files.writeString(dir.resolve("gaps.csv"), "sequence_id,x,y,label\na,1,,p\na,,2,p\na,3,3,p\nb,1,1,q\n");
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(gaps,
                options().withMissing(MissingValues.FFILL)))).anySatisfy(w -> assertThat(w).contains("filled 2 missing value(s)")
                .doesNotContain("padding"));
    }

    @Test
    void theFolderLayoutTrimsEachFile() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("seqs"));
        Files.writeString(folder.resolve("s0.csv"), "x,y\n1,2\n3,4\nNaN,NaN\n");
        Files.writeString(folder.resolve("s1.csv"), "x,y\n1,2\n3,4\n5,6\n");
        Files.writeString(folder.resolve("labels.csv"), "file,label\ns0.csv,p\ns1.csv,q\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromFolder(folder, options()))
                .hasMessageContaining("all 2 missing value(s) of this file are in time steps at the end");
        CsvSequenceDataset d = CsvSequenceDataset.fromFolder(folder, options().withMissing(MissingValues.TRIM));
        assertThat(d.split(Split.TRAIN).examples().stream().map(s -> s.length()).sorted().toList()).containsExactly(2, 3);
    }

    @Test
    void helpersFindTheEndPaddingOnly() {
        float n = Float.NaN;
        float[][] v = {{n, 1}, {2, 3}, {n, n}, {n, n}};
        assertThat(MissingValues.trailingMissingSteps(v)).isEqualTo(2);
        assertThat(MissingValues.trimmed(v)).hasDimensions(2, 2);
        assertThat(MissingValues.firstMissing(MissingValues.trimmed(v))).containsExactly(0, 0);
        float[][] none = {{1, 2}};
        assertThat(MissingValues.trimmed(none)).isSameAs(none);
        assertThat(MissingValues.trailingMissingSteps(new float[][] {{n}, {n}})).isEqualTo(2);
        assertThat(CsvSequenceDataset.paddingHint(10, 4, 1, 3)).isEmpty(); // padding, but under half the missing values
        assertThat(CsvSequenceDataset.paddingHint(10, 5, 1, 3)).contains("5 of the 10 missing value(s)");
    }

    @Test
    void sequencesPaddedWithRowsOfZerosAreWarnedOfAndAFileWithoutTheModelsTimeColumnIsSaidToBeReadInRowOrder() throws Exception {
        // a trial padded every utterance to 12 frames with rows of 0 (Keras' pad_sequences pads in front by default)
        StringBuilder end = new StringBuilder("sequence_id,time,x,y,label\n");
        StringBuilder start = new StringBuilder("sequence_id,time,x,y,label\n");
        StringBuilder plain = new StringBuilder("sequence_id,time,x,y,label\n");
        for (int i = 0; i < 20; i++) {
            int length = 4 + i % 6;
            for (int t = 0; t < 12; t++) {
                boolean real = t < length;
                String label = i % 2 == 0 ? "p" : "q";
                end.append("s").append(i).append(',').append(t).append(',').append(real ? (t + 1) * 0.5 : 0).append(',')
                        .append(real ? i + 1 : 0).append(',').append(label).append('\n');
                boolean realFromEnd = t >= 12 - length;
                start.append("s").append(i).append(',').append(t).append(',').append(realFromEnd ? (t + 1) * 0.5 : 0).append(',')
                        .append(realFromEnd ? i + 1 : 0).append(',').append(label).append('\n');
                if (real) {
                    plain.append("s").append(i).append(',').append(t).append(',').append(t == 0 ? 0 : t * 0.5).append(',')
                            .append(t == 0 ? 0 : i + 1).append(',').append(label).append('\n');
                }
            }
        }
        CsvOptions o = CsvOptions.defaults();
        Path endFile = Files.writeString(dir.resolve("end.csv"), end);
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(endFile, o)))
                .anySatisfy(w -> assertThat(w).contains("of the 20 training sequences end with 2 or more rows of 0 in every feature "
                        + "(e.g. 's0': its last 8 of 12 rows): padding to one length?"));
        Path startFile = Files.writeString(dir.resolve("start.csv"), start);
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(startFile, o)))
                .anySatisfy(w -> assertThat(w).contains("training sequences begin with 2 or more rows of 0"));
        // rain at two gauges: dry hours at the ends and in the middle alike (a review: told it was padding)
        StringBuilder rain = new StringBuilder("sequence_id,time,x,y,label\n");
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < 20; i++) {
            for (int t = 0; t < 24; t++) {
                boolean dry = r.nextDouble() < 0.6;
                rain.append("s").append(i).append(',').append(t).append(',').append(dry ? 0 : r.nextInt(5) + 1).append(',')
                        .append(dry ? 0 : r.nextInt(5) + 1).append(',').append(i % 2 == 0 ? "p" : "q").append('\n');
            }
        }
        Path rainFile = Files.writeString(dir.resolve("rain.csv"), rain);
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(rainFile, o)))
                .noneMatch(w -> w.contains("rows of 0"));
        Path plainFile = Files.writeString(dir.resolve("plain.csv"), plain);
        CsvSequenceDataset[] read = new CsvSequenceDataset[1];
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> read[0] = CsvSequenceDataset.fromLongCsv(plainFile, o)))
                .noneMatch(w -> w.contains("rows of 0"));

        // new data without the model's time column: read in row order, and said so
        Path untimed = Files.writeString(dir.resolve("untimed.csv"), "sequence_id,x,y\nn,1,2\nn,2,3\n");
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> org.rnnlab.datasets.NewData.csv(untimed, read[0].schema(), false)))
                .anySatisfy(w -> assertThat(w).contains("no time column 'time' (the model was trained with one): the rows are read "
                        + "in file order"));
    }

    @Test
    void aColumnEmptyInMostOfTheFileIsToldItCanBeLeftOut() throws Exception {
        // a trial's turbidity, measured at one station of eight: training stopped at the first window, with no way out named
        StringBuilder csv = new StringBuilder("sequence_id,time,x,turbidity,label\n");
        for (int i = 0; i < 8; i++) {
            for (int t = 0; t < 4; t++) {
                csv.append("s").append(i).append(',').append(t).append(',').append(t + i).append(',').append(i == 7 ? "0.5" : "")
                        .append(',').append(i % 2 == 0 ? "p" : "q").append('\n');
            }
        }
        Path f = Files.writeString(dir.resolve("turbidity.csv"), csv);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withMissing(MissingValues.INTERPOLATE)))
                .hasMessageContaining("column 'turbidity' of sequence 's0' has no value at all")
                .hasMessageContaining("the column is empty in 28 of the file's 32 rows (88%): if it was not measured for most sequences, "
                        + "leave it out with --set features=x; --missing drop drops the sequences without it, and every other "
                        + "sequence with a missing value; to leave out only the sequences where it has no value and fill the "
                        + "others, pandas: df = df.groupby('sequence_id').filter(lambda g: g['turbidity'].notna().any())");
    }

    @Test
    void anEmptyRecordingIsNamedAsOneNotBlamedOnItsFirstFeature() throws Exception {
        // an ECG trial's all-NaN recording was told to leave its first lead out, which would not have helped
        StringBuilder csv = new StringBuilder("record,time,lead_i,lead_ii,label\n");
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < 4; t++) {
                boolean empty = i == 2;
                csv.append("r").append(i).append(',').append(t).append(',').append(empty ? "NaN" : t + i).append(',')
                        .append(empty ? "" : (t == 1 ? "" : String.valueOf(t * i))).append(',').append(i % 2 == 0 ? "p" : "q")
                        .append('\n');
            }
        }
        Path f = Files.writeString(dir.resolve("empty-recording.csv"), csv);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withColumns(Column.named("record"),
                Column.named("time"), Column.named("label")).withMissing(MissingValues.INTERPOLATE)))
                .hasMessageContaining("empty-recording.csv:10: sequence 'r2' has no value at all in any of its features (lead_i, "
                        + "lead_ii over its 4 step(s)): an empty recording")
                .hasMessageContaining("df = df.groupby('record').filter(lambda g: g[['lead_i', 'lead_ii']].notna().any().all())")
                // the fallback for one empty feature is named, and why it does not apply here (a trial's one-feature
                // sessions of one event were not told of it)
                .hasMessageContaining("--set emptyFeature=mean|zero fills a feature with no value in a sequence whose other "
                        + "features have values, not a sequence with none")
                .hasMessageNotContaining("--set features=");
    }

    /** 8 stations of 4 rows; turbidity measured at the last only, {@code absent} at the others. */
    private Path turbidity(String name, String absent) throws IOException {
        StringBuilder csv = new StringBuilder("sequence_id,time,x,turbidity,label\n");
        for (int i = 0; i < 8; i++) {
            for (int t = 0; t < 4; t++) {
                csv.append("s").append(i).append(',').append(t).append(',').append(t + i).append(',').append(i == 7 ? "0.5" : absent)
                        .append(',').append(i % 2 == 0 ? "p" : "q").append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void thePandasLineReadsTheMarkersAndCodesPandasDoesNotAsMissing() throws Exception {
        // a review: g['turbidity'].notna() is true for a column of '?' or -999 as pandas reads it by default, so the line kept
        // the sequence and training refused again with the same message
        CsvOptions interpolate = CsvOptions.defaults().withMissing(MissingValues.INTERPOLATE);
        Path marked = turbidity("marked.csv", "?");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(marked, interpolate))
                .hasMessageContaining("column 'turbidity' of sequence 's0' has no value at all")
                .hasMessageContaining("pandas: df = pd.read_csv('marked.csv', na_values={'turbidity': ['?']}); df = df.groupby('sequence_id')"
                        + ".filter(lambda g: g['turbidity'].notna().any())");
        Path coded = turbidity("coded.csv", "-999");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(coded, interpolate.withNaValues(List.of("-999"))))
                .hasMessageContaining("pandas: df = pd.read_csv('coded.csv', na_values={'turbidity': ['-999']}); df = df.groupby('sequence_id')"
                        + ".filter(lambda g: g['turbidity'].notna().any())");
    }

    @Test
    void thePandasLineReadsCodesInTheFeatureColumnOnlyAndWithTheFilesDelimiter() throws Exception {
        // review 64b: na_values=['0'] made ids 0, times 0 and labels 0 NaN in pandas, where rnnlab reads codes in feature cells
        // only; and without sep=';' pandas read a ';' file as one column
        StringBuilder csv = new StringBuilder("sequence_id;time;x;turbidity;label\n");
        for (int i = 0; i < 8; i++) {
            for (int t = 0; t < 4; t++) {
                csv.append(i).append(';').append(t).append(';').append(t + i + 1).append(';').append(i == 7 ? "0.5" : "0")
                        .append(';').append(i % 2).append('\n');
            }
        }
        Path f = Files.writeString(dir.resolve("na0.csv"), csv);
        CsvOptions d = CsvOptions.defaults();
        CsvOptions semicolons = new CsvOptions(d.header(), ';', d.features(), d.label(), d.sequenceId(), d.time(), d.split(), d.group(),
                d.labelNames(), d.validationFraction(), d.testFraction(), d.seed(), MissingValues.INTERPOLATE).withNaValues(List.of("0"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, semicolons))
                .hasMessageContaining("column 'turbidity' of sequence '0' has no value at all")
                .hasMessageContaining("pandas: df = pd.read_csv('na0.csv', sep=';', na_values={'turbidity': ['0']}); "
                        + "df = df.groupby('sequence_id').filter(lambda g: g['turbidity'].notna().any())");
    }

    @Test
    void theEmptyRecordingsPandasLineEscapesQuotesAndReadsCMarkers() throws Exception {
        StringBuilder csv = new StringBuilder("record,time,lead_i,o'lead,label\n");
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < 4; t++) {
                boolean empty = i == 2;
                csv.append("r").append(i).append(',').append(t).append(',').append(empty ? "nan(ind)" : t + i).append(',')
                        .append(empty ? "" : String.valueOf(t * i)).append(',').append(i % 2 == 0 ? "p" : "q").append('\n');
            }
        }
        Path f = Files.writeString(dir.resolve("c-markers.csv"), csv);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withColumns(Column.named("record"),
                Column.named("time"), Column.named("label")).withMissing(MissingValues.INTERPOLATE)))
                .hasMessageContaining("sequence 'r2' has no value at all in any of its features")
                .hasMessageContaining("pandas: df = pd.read_csv('c-markers.csv', na_values={'lead_i': ['nan(ind)']}); df = df.groupby('record')"
                        + ".filter(lambda g: g[['lead_i', 'o\\'lead']].notna().any().all())");
    }
}
