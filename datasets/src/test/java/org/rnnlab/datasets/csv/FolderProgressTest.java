package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Trial 78c F5: a folder of many files says so before its first file, and how far the reading is as it goes (5,000 files
 * were read for 170 s without a line).
 */
class FolderProgressTest {

    @TempDir
    Path dir;

    @Test
    void aFolderOfManyFilesSaysSoAtOnceAndHowFarItsReadingIs() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        StringBuilder labels = new StringBuilder("file,label\n");
        for (int i = 0; i < 6; i++) {
            Files.writeString(folder.resolve("f" + i + ".csv"), "a,b\n" + i + ",0.5\n" + (i + 1) + ",0.25\n");
            labels.append("f").append(i).append(".csv,").append(i % 2 == 0 ? "up" : "down").append('\n');
        }
        Files.writeString(folder.resolve("labels.csv"), labels.toString());
        System.setProperty("rnnlab.folderAnnouncedFiles", "6");
        System.setProperty("rnnlab.folderProgressMillis", "0"); // a line at every file here, as a slow folder gets every 5 s
        List<String> said;
        try {
            said = LoggedWarnings.infos(FolderProgress.class,
                    () -> CsvSequenceDataset.fromFolder(folder, CsvOptions.defaults().withFractions(0.0, 0.34)));
        } finally {
            System.clearProperty("rnnlab.folderAnnouncedFiles");
            System.clearProperty("rnnlab.folderProgressMillis");
        }
        assertThat(said.get(0)).isEqualTo("csv: reading 6 files of " + folder);
        assertThat(said).anySatisfy(l -> assertThat(l).matches("csv: " + java.util.regex.Pattern.quote(folder.toString())
                + ": 3 of 6 files read \\(50%, \\d+ s so far\\)"));
        assertThat(said.get(said.size() - 1)).matches("csv: read 6 files of " + java.util.regex.Pattern.quote(folder.toString())
                + " in \\d+\\.\\d s");
        // a small folder read quickly says nothing of its own
        assertThat(LoggedWarnings.infos(FolderProgress.class,
                () -> CsvSequenceDataset.fromFolder(folder, CsvOptions.defaults().withFractions(0.0, 0.34)))).isEmpty();
    }
}
