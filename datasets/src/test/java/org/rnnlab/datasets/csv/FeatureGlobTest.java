package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --set features=mfcc_*}: a glob chooses the header's columns it matches (a bird-song trial listed 20 MFCC columns
 * by hand, 40 with their deltas), and one that matches nothing is refused naming it.
 */
class FeatureGlobTest {
    @TempDir
    Path dir;

    private Path clips() throws Exception {
        StringBuilder b = new StringBuilder("clip,frame,species,mfcc_0,mfcc_1,mfcc_10,delta_0,rms\n");
        for (int i = 0; i < 6; i++) {
            for (int t = 0; t < 3; t++) {
                b.append("c").append(i).append(',').append(t).append(',').append(i % 2 == 0 ? "wren" : "robin");
                for (int f = 0; f < 5; f++) {
                    b.append(',').append(i + t * 0.5 + f);
                }
                b.append('\n');
            }
        }
        return Files.writeString(dir.resolve("clips.csv"), b);
    }

    private static CsvOptions options(String... features) {
        List<Column> chosen = new ArrayList<>();
        for (String f : features) {
            chosen.add(Column.parse(f));
        }
        return CsvOptions.defaults().withColumns(Column.named("clip"), Column.named("frame"), Column.named("species"))
                .withFeatures(chosen).withFractions(0, 0);
    }

    @Test
    void aGlobChoosesTheColumnsItMatchesInHeaderOrder() throws Exception {
        Path f = clips();
        assertThat(CsvSequenceDataset.fromLongCsv(f, options("mfcc_*")).schema().featureNames())
                .containsExactly("mfcc_0", "mfcc_1", "mfcc_10");
        assertThat(CsvSequenceDataset.fromLongCsv(f, options("rms", "mfcc_?")).schema().featureNames())
                .containsExactly("rms", "mfcc_0", "mfcc_1");
        assertThat(CsvSequenceDataset.fromLongCsv(f, options("*_0")).schema().featureNames())
                .containsExactly("mfcc_0", "delta_0");
        // the roles' columns are never matched: '*' is every other column
        assertThat(CsvSequenceDataset.fromLongCsv(f, options("*")).schema().featureNames())
                .containsExactly("mfcc_0", "mfcc_1", "mfcc_10", "delta_0", "rms");
    }

    @Test
    void aGlobThatMatchesNothingIsRefused() throws Exception {
        Path f = clips();
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, options("chroma_*")))
                .hasMessageContaining("clips.csv:1: --set features: 'chroma_*' matches no column of the header")
                .hasMessageContaining("a glob: * stands for any characters, ? for one");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, options("spec*")))
                .hasMessageContaining("'spec*' matches no feature column")
                .hasMessageContaining("the id, time, label, split and group columns are never features");
        // a glob and a name of the same column: chosen twice
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, options("mfcc_*", "mfcc_0")))
                .hasMessageContaining("chosen twice");
    }
}
