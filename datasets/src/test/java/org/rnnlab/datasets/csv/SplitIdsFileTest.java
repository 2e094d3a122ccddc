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
}
