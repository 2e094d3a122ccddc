package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.Split;

class SplitIdsFileTest {
    @TempDir
    Path dir;

    @Test
    void idsRoundTripWithCommasAndQuotesAndABadSplitIsNamed() throws IOException {
        Path f = dir.resolve(SplitIdsFile.FILE);
        Files.writeString(f, SplitIdsFile.text(Map.of(Split.TRAIN, List.of("a", "b,1"), Split.VALIDATION, List.of("say \"hi\""),
                Split.TEST, List.of("t.csv"))));
        assertThat(Files.readAllLines(f)).containsExactly("id,split", "a,train", "\"b,1\",train", "\"say \"\"hi\"\"\",validation",
                "t.csv,test");
        assertThat(SplitIdsFile.read(f)).containsExactly(Map.entry("a", Split.TRAIN), Map.entry("b,1", Split.TRAIN),
                Map.entry("say \"hi\"", Split.VALIDATION), Map.entry("t.csv", Split.TEST));
        Files.writeString(f, "id,split\na,train\nb,holdout\n");
        assertThatThrownBy(() -> SplitIdsFile.read(f)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("splits.csv:3: split 'holdout' (expected train, validation or test)");
    }

    @Test
    void anIdReusedAcrossSplitsKeepsEveryOne() throws IOException {
        // a fresh-user trial: ids 0-89 in the training file and 0-29 in the test file; evaluate's leakage count read one
        // split per id (the last), so the training file itself looked less than half seen
        Path f = dir.resolve(SplitIdsFile.FILE);
        Files.writeString(f, SplitIdsFile.text(Map.of(Split.TRAIN, List.of("0", "1", "2"), Split.VALIDATION, List.of("3"),
                Split.TEST, List.of("0", "1"))));
        assertThat(SplitIdsFile.splitsOf(f)).containsExactly(Map.entry("0", List.of(Split.TRAIN, Split.TEST)),
                Map.entry("1", List.of(Split.TRAIN, Split.TEST)), Map.entry("2", List.of(Split.TRAIN)),
                Map.entry("3", List.of(Split.VALIDATION)));
        assertThat(SplitIdsFile.read(f)).containsEntry("0", Split.TEST).containsEntry("2", Split.TRAIN);
    }
}
