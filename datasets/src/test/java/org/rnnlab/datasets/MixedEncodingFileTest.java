package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TextFiles#decode} of a file that mixes UTF-8 and Windows-1252 lines (a trial's agency export, files of both joined
 * with cat): refused as mixed, with per-file conversion, not with iconv for the whole file, which garbled its UTF-8 rows.
 */
class MixedEncodingFileTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    @Test
    void aFileMixingUtf8AndWindows1252IsRefusedAsMixedNotWithIconvForTheWholeFile() throws Exception {
        byte[] utf8 = "station;NO2\nParis-Bd-Périphérique;12\nParis-Bd-Périphérique;13\n".getBytes(StandardCharsets.UTF_8);
        byte[] cp1252 = "Évry-Centre;7\nÉvry-Centre;8\n".getBytes(CP1252);
        byte[] joined = new byte[utf8.length + cp1252.length]; // as cat joins them
        System.arraycopy(utf8, 0, joined, 0, utf8.length);
        System.arraycopy(cp1252, 0, joined, utf8.length, cp1252.length);
        Path mixed = Files.write(dir.resolve("mixed.csv"), joined);
        assertThatThrownBy(() -> TextFiles.readUtf8(mixed, "a CSV file")).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("mixed.csv:4: byte 0xC9 at byte offset " + utf8.length + " is not valid UTF-8")
                .hasMessageContaining("the file mixes UTF-8 and another encoding: 2 line(s) are UTF-8 with letters beyond ASCII "
                        + "(e.g. line 2, 'Paris-Bd-Périphérique'), 2 are not UTF-8 (e.g. line 4)")
                .hasMessageContaining("convert each source file from its own encoding before joining them")
                .hasMessageContaining("iconv over the whole file garbles its UTF-8 lines");
        // a file all in Windows-1252 (its accents followed by letters): the conversion of the whole file, as before
        Path latin = Files.write(dir.resolve("cp1252.csv"), "station;NO2\nÉvry-Centre;7\nGöttingen;8\n".getBytes(CP1252));
        assertThatThrownBy(() -> TextFiles.readUtf8(latin, "a CSV file")).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("a Windows-1252 or Latin-1 file must be converted first, e.g. iconv -f windows-1252 -t utf-8")
                .hasMessageNotContaining("mixes");
    }
}
