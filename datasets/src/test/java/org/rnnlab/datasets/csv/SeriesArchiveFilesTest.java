package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.NewData;

/**
 * Files of the time-series archives, as a researcher with UCR/UEA data brings them (a fresh user's try): sktime's .ts and
 * Weka's ARFF were told to be read with {@code --set 'delimiter= '} (and predict to write a comma-separated file with
 * commas), a UCR wide .tsv got {@code --set label=60} where its label is column 0 and then {@code --set
 * sequenceId=INDEX} for a file without ids, and {@code --set sequenceId=none} was looked up as a column named "none".
 */
class SeriesArchiveFilesTest {

    @TempDir
    Path dir;

    /** 8 series of 12 values, one per line: the label and the values joined as {@code row} writes them. */
    private List<String> series(java.util.function.BiFunction<Integer, List<String>, String> row) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            List<String> values = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                values.add(String.format(Locale.ROOT, "%.3f", Math.sin(i + t * 0.3)));
            }
            lines.add(row.apply(i, values));
        }
        return lines;
    }

    private static DatasetOptions train(Path f) {
        return DatasetOptions.defaults().withFiles(f, null);
    }

    @Test
    void tsAndArffFilesAreRefusedAtOnceWithTheFormatAndWhereTheConversionIs() throws IOException {
        List<String> ts = new ArrayList<>(List.of("# the UEA archive's comment", "", "@problemName uni", "@timeStamps false",
                "@univariate true", "@classLabel true a b", "@data"));
        ts.addAll(series((i, v) -> String.join(",", v) + ":" + (i % 2 == 0 ? "a" : "b")));
        Path tsFile = Files.write(dir.resolve("uni_TRAIN.ts"), ts);
        assertThatThrownBy(() -> Datasets.open("csv", train(tsFile))).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("uni_TRAIN.ts:3: '@problemName uni' starts an sktime/UEA .ts file (header directives, then "
                        + "one series per line after @data), which rnnlab does not read: it reads CSV files in the long layout, one "
                        + "row per time step").hasMessageContaining("docs/guide/your-data.md, 'From UCR/UEA archive files'")
                .hasMessageNotContaining("delimiter");
        List<String> arff = new ArrayList<>(List.of("% Weka's comment", "@RELATION uni"));
        for (int t = 0; t < 12; t++) {
            arff.add("@attribute t" + t + " numeric");
        }
        arff.addAll(List.of("@attribute target {a,b}", "@data"));
        arff.addAll(series((i, v) -> String.join(",", v) + "," + (i % 2 == 0 ? "a" : "b")));
        Path arffFile = Files.write(dir.resolve("uni_TRAIN.arff"), arff);
        assertThatThrownBy(() -> Datasets.open("csv", train(arffFile)))
                .hasMessageContaining("uni_TRAIN.arff:2: '@RELATION uni' starts a Weka ARFF file");
        // new data for a trained model: the same words, not "read this one with --delimiter"
        CsvSchema schema = new CsvSchema(CsvSchema.LONG, ",", true, 0, Column.named("sequence_id"), null, Column.named("label"),
                null, null, List.of(Column.named("x")), MissingValues.ERROR, List.of());
        assertThatThrownBy(() -> NewData.csv(tsFile, schema, false)).hasMessageContaining("starts an sktime/UEA .ts file")
                .hasMessageNotContaining("delimiter");
        // a CSV whose first value merely starts with '@' is no archive file
        Path at = Files.writeString(dir.resolve("at.csv"), "sequence_id,x,label\n@a,1,u\n@a,2,u\n");
        assertThat(NewData.csv(at, schema, false).ids()).containsExactly("@a");
    }

    @Test
    void aWideUcrFileReadAsLongGetsOneMessageNamingTheWideLayout() throws IOException {
        Path tsv = Files.write(dir.resolve("uni_TRAIN.tsv"), series((i, v) -> (i % 2 == 0 ? "-1" : "1") + "\t" + String.join("\t", v)));
        assertThatThrownBy(() -> Datasets.open("csv", train(tsv).with("delimiter", "tab").with("header", "false")))
                .hasMessageContaining("uni_TRAIN.tsv: the file holds only numbers, 8 rows of 13 each: if each row is one series (the "
                        + "wide layout of the UCR/UEA archive's .tsv and .csv files: the label, then the values), read it with --set "
                        + "layout=wide (the label in column 0 unless --set label=INDEX").hasMessageNotContaining("From UCR/UEA archive files")
                .hasMessageContaining("if the rows are time steps, choose the column of the sequence id with --set sequenceId=INDEX")
                .hasMessageNotContaining("label=12");
        // header=false forgotten: its first row read as names, said so
        assertThatThrownBy(() -> Datasets.open("csv", train(tsv).with("delimiter", "tab")))
                .hasMessageContaining("8 rows of 13 each (its first line, read as the header, too)")
                .hasMessageContaining("give --set header=false and choose the column of the sequence id");
        // sequenceId=none: a sequence id is needed (time=none is the setting of that name), with the wide layout said
        assertThatThrownBy(() -> Datasets.open("csv", train(tsv).with("delimiter", "tab").with("header", "false")
                .with("sequenceId", "none").with("label", "0")))
                .hasMessageContaining("--set sequenceId=none: a sequence id column is needed (no column is named 'none')")
                .hasMessageContaining("'none' is for the time column only").hasMessageContaining("read it with --set layout=wide");
    }

    @Test
    void sequenceIdNoneOnALongFileAsksForTheIdAndAColumnOfThatNameIsRead() throws IOException {
        Path f = Files.writeString(dir.resolve("long.csv"), "seq,time,x,label\na,0,1,u\na,1,2,u\nb,0,3,v\nb,1,4,v\n");
        assertThatThrownBy(() -> Datasets.open("csv", train(f).with("sequenceId", "none")))
                .hasMessageContaining("long.csv: --set sequenceId=none: a sequence id column is needed")
                .hasMessageContaining("(--set sequenceId=NAME)").hasMessageContaining("is read with --set layout=wide, its ids the rows' line numbers");
        Path named = Files.writeString(dir.resolve("named.csv"), "none,time,x,label\na,0,1,u\na,1,2,u\nb,0,3,v\nb,1,4,v\n");
        assertThat(Datasets.open("csv", train(named).with("sequenceId", "none").with("validationFraction", "0")
                .with("testFraction", "0")).labelNames()).containsExactly("u", "v");
    }

    /** sktime's long layout: 6 cases, 3 channels (dim_id) of 5 readings (reading_id) each, a label per case. */
    private Path sktimeLong() throws IOException {
        List<String> lines = new ArrayList<>(List.of("case_id,dim_id,reading_id,value,label"));
        for (int c = 0; c < 6; c++) {
            for (int d = 0; d < 3; d++) {
                for (int r = 0; r < 5; r++) {
                    lines.add(c + "," + d + "," + r + "," + String.format(Locale.ROOT, "%.3f", Math.sin(c + d * 7 + r * 0.4)) + ","
                            + (c % 2 == 0 ? "a" : "b"));
                }
            }
        }
        return Files.write(dir.resolve("sktlong.csv"), lines);
    }

    @Test
    void sktimesLongLayoutIsNamedWithThePivotWhenItsTimeRestartsPerChannel() throws Exception {
        Path f = sktimeLong();
        DatasetOptions o = train(f).with("sequenceId", "case_id").with("validationFraction", "0").with("testFraction", "0");
        assertThatThrownBy(() -> Datasets.open("csv", o.with("time", "reading_id")))
                .hasMessageContaining("sktlong.csv:7: time 0 of sequence '0' does not increase after line 6 (expected the rows of a "
                        + "sequence in increasing time); the time starts again at line 7 (3 blocks in this sequence), where column "
                        + "'dim_id' changes, constant within each block: a channel")
                .hasMessageContaining("df.pivot(index=['case_id', 'reading_id', 'label'], columns='dim_id', values='value')"
                        + ".add_prefix('dim_id_').reset_index()");
        // read without a time column, the channels are joined one after the other: said, and dim_id (which never falls
        // within a sequence) is not offered as the time
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", o.with("time", "none")));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("feature column 'dim_id' is constant in blocks of rows within "
                + "each sequence, changing from block to block, and 'reading_id' rises within each block and starts again with "
                + "the next").contains("(lengths up to 15)").contains("values='value')").contains("then train with --set time=reading_id"));
        assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("--set time=dim_id"));
        // a time that merely does not increase (no channel column): no word of channels
        Path plain = Files.writeString(dir.resolve("plain.csv"), "id,t,x,label\na,0,1,u\na,1,2,u\na,1,3,u\nb,0,1,v\nb,1,2,v\n");
        assertThatThrownBy(() -> Datasets.open("csv", train(plain).with("sequenceId", "id").with("time", "t")))
                .hasMessageContaining("does not increase").hasMessageNotContaining("channel");
    }

    /**
     * Window ids numbered per subject (w0, w1 in each subject: a fresh-user trial's windows): the subject column is
     * constant within each block of a merged sequence, but it is a subject, not a channel, and the advice is to make the
     * ids unique, not to pivot on it.
     */
    @Test
    void idsNumberedPerSubjectAreToldApartFromChannels() throws Exception {
        List<String> lines = new ArrayList<>(List.of("window,subject,t,ax,ay,label"));
        for (int subject = 1; subject <= 3; subject++) {
            for (int w = 0; w < 2; w++) {
                for (int r = 0; r < 4; r++) {
                    lines.add("w" + w + "," + subject + "," + r + "," + (0.1 * r + w) + "," + (0.2 * subject) + "," + (w == 0 ? "a" : "b"));
                }
            }
        }
        Path f = Files.write(dir.resolve("windows.csv"), lines);
        DatasetOptions o = train(f).with("sequenceId", "window").with("time", "t").with("validationFraction", "0")
                .with("testFraction", "0");
        assertThatThrownBy(() -> Datasets.open("csv", o))
                .hasMessageContaining("where column 'subject' changes, constant within each block: the ids seem to be numbered "
                        + "per 'subject', so different recordings share one id; make the ids unique")
                .hasMessageContaining("df[\"window\"] = df[\"subject\"].astype(str) + '_' + df[\"window\"].astype(str)")
                .hasMessageNotContaining("channel");
    }
}
