package org.rnnlab.evaluation.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvOptions;
import org.rnnlab.datasets.csv.CsvSequenceDataset;
import org.rnnlab.datasets.csv.FilledSequences;
import org.rnnlab.datasets.csv.MissingValues;

/**
 * {@link RunFiles#writeFilled}: the run folder lists every sequence the missing-value policy filled in, with its group (a
 * fall-detection trial, 75c F2, had 161 windows filled and three named, no list to count dropouts by participant).
 */
class FilledSequencesFileTest {
    @TempDir
    Path dir;

    private Path data(boolean gaps) throws Exception {
        StringBuilder csv = new StringBuilder("id,device,t,label,x,y\n");
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 40; i++) {
            for (int t = 0; t < 30; t++) {
                boolean missing = gaps && i % 10 == 3 && (t == 10 || t == 11); // s3, s13, s23, s33: devices D0, D1, D2, D3
                csv.append(String.format(Locale.ROOT, "s%d,D%d,%d,%s,%s,%.3f%n", i, i / 10, t, i % 2 == 0 ? "a" : "b",
                        missing ? "" : String.format(Locale.ROOT, "%.3f", r.nextGaussian()), r.nextGaussian()));
            }
        }
        return Files.writeString(dir.resolve(gaps ? "gaps.csv" : "whole.csv"), csv);
    }

    @Test
    void everyFilledSequenceIsWrittenWithItsGroupAndNothingWithoutGaps() throws Exception {
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("id"), Column.named("t"), Column.named("label"))
                .withGroupColumn(Column.named("device")).withMissing(MissingValues.INTERPOLATE);
        Path run = Files.createDirectories(dir.resolve("run"));
        RunFiles.writeFilled(run, CsvSequenceDataset.fromLongCsv(data(true), o));
        assertThat(Files.readAllLines(run.resolve(FilledSequences.FILE))).containsExactly("id,group,cells_filled,steps_filled,file",
                "s3,D0,2,2," + dir.resolve("gaps.csv"), "s13,D1,2,2," + dir.resolve("gaps.csv"), "s23,D2,2,2," + dir.resolve("gaps.csv"),
                "s33,D3,2,2," + dir.resolve("gaps.csv"));
        Path whole = Files.createDirectories(dir.resolve("whole"));
        RunFiles.writeFilled(whole, CsvSequenceDataset.fromLongCsv(data(false), o));
        assertThat(whole.resolve(FilledSequences.FILE)).doesNotExist();
    }
}
