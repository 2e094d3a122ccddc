package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.csv.CsvOptions;
import org.rnnlab.datasets.csv.CsvSequenceDataset;

/**
 * A line longer than {@link TextFiles#MAX_LINE_BYTES} is refused with its file and line before the file is held in memory (a
 * trial's 700 MB row ran predict out of heap with advice naming options predict does not have; a 200 MB file without a line
 * end was "empty file: no data rows after the header"). The bound is lowered here, as files of megabytes have no place in tests.
 */
class LongLinesTest {

    @Test
    void aLineOverTheBoundIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("long.csv");
        Files.writeString(f, "id,t,x,label\na,0,1,up\na,1," + "9".repeat(100) + ",up\nb,0,1,down\n");
        assertThatThrownBy(() -> TextFiles.requireShortLines(f, "a CSV file", 64)).isInstanceOf(DatasetFormatException.class)
                .hasMessage(f + ":3: more than 64 bytes on one line: expected a CSV file of lines up to 64 bytes each (a sequence file "
                        + "holds one time step per line, a text file one text per line); a longer line is not data (a file that lost "
                        + "its line ends, or a binary file?)");
        TextFiles.requireShortLines(f, "a CSV file", 200); // under the bound: read
        // CRLF: the CR is not counted into the next line
        Files.writeString(f, ("x".repeat(60) + "\r\n").repeat(3));
        TextFiles.requireShortLines(f, "a CSV file", 61);
    }

    @Test
    void aFileThatIsOneLineWithoutALineEndIsSaidToBeThat(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("nonl.csv");
        Files.writeString(f, "id,t,x,label" + ",a".repeat(200));
        assertThatThrownBy(() -> TextFiles.requireShortLines(f, "a CSV file", 64))
                .hasMessageStartingWith(f + ":1: more than 64 bytes on one line (the whole file, 412 bytes, is one line with no line "
                        + "end: not a header and rows): expected a CSV file");
        // a long first line (a header of many columns) with lines after it is not said to be the whole file
        Files.writeString(f, "id,t,x,label" + ",a".repeat(200) + "\n" + "b,0,1,up\n".repeat(20000));
        assertThatThrownBy(() -> TextFiles.requireShortLines(f, "a CSV file", 64))
                .hasMessageStartingWith(f + ":1: more than 64 bytes on one line: expected a CSV file");
    }

    @Test
    void classicMacLineEndsAreLinesUnlessTheFileAlsoHasLf(@TempDir Path dir) throws IOException {
        Path cr = dir.resolve("cr.csv");
        Files.writeString(cr, ("y".repeat(50) + "\r").repeat(10)); // 510 bytes, no LF: ten short lines
        TextFiles.requireShortLines(cr, "a CSV file", 64);
        Path both = dir.resolve("both.csv");
        Files.writeString(both, ("y".repeat(50) + "\r").repeat(10) + "\nz\n"); // with an LF: its first line is 510 bytes
        assertThatThrownBy(() -> TextFiles.requireShortLines(both, "a CSV file", 64)).hasMessageStartingWith(both + ":1: more than 64 "
                + "bytes on one line: expected");
    }

    /** Through the CSV reader, with the bound lowered by its system property. */
    @Test
    void theCsvReaderRefusesALongLineBeforeParsing(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("train.csv");
        Files.writeString(f, "sequence_id,time,x,label\na,0,1,up\nb,0,1,down\nc,0," + "1".repeat(5000) + ",up\n");
        String before = System.getProperty("rnnlab.maxLineBytes");
        System.setProperty("rnnlab.maxLineBytes", "1000");
        try {
            assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults())).isInstanceOf(DatasetFormatException.class)
                    .hasMessageStartingWith(f + ":4: more than 1000 bytes on one line: expected a readable CSV file of lines up to "
                            + "1000 bytes each");
        } finally {
            if (before == null) {
                System.clearProperty("rnnlab.maxLineBytes");
            } else {
                System.setProperty("rnnlab.maxLineBytes", before);
            }
        }
        assertThat(TextFiles.maxLineBytes()).isEqualTo(TextFiles.MAX_LINE_BYTES);
    }
}
