package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Test sequences that are also training sequences are told by their values, not their ids: UCR/UEA files converted one by
 * one number their series per file, and a trial's separate TRAIN and TEST files (different values, ids 0..99 in both) were
 * always warned of as sharing 100 sequences.
 */
class SharedSequencesTest {
    @TempDir
    Path dir;

    /** Sequences {@code ids[i]} with values from {@code offset + i}, two steps each, alternating labels. */
    private Path file(String name, String[] ids, int offset) throws Exception {
        StringBuilder sb = new StringBuilder("sequence_id,time,x,label\n");
        for (int i = 0; i < ids.length; i++) {
            for (int t = 0; t < 2; t++) {
                sb.append(ids[i]).append(',').append(t).append(',').append(offset + i + 0.25 * t).append(',').append(i % 2 == 0 ? "a" : "b")
                        .append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    private static CsvSources sources(Path train, Path test) {
        return new CsvSources(null, train, null, test, false, false);
    }

    @Test
    void idsReusedWithOtherValuesAreInformationNotALeak() throws Exception {
        String[] ids = {"0", "1", "2", "3", "4", "5"};
        Path train = file("uni_TRAIN.csv", ids, 0);
        Path test = file("uni_TEST.csv", ids, 100);
        CsvOptions o = CsvOptions.defaults().withFractions(0.34, 0);
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.load(sources(train, test), o));
        assertThat(warnings).noneSatisfy(w -> assertThat(w).containsAnyOf("also occur", "also in the training"));
        List<String> infos = LoggedWarnings.at(Level.INFO, CsvSequenceDataset.class,
                () -> CsvSequenceDataset.load(sources(train, test), o));
        assertThat(infos).anySatisfy(w -> assertThat(w).startsWith("csv: 6 test sequence id(s) also occur in the training data with "
                + "other values, e.g. 0, 1, 2: different sequences under reused ids (ids numbered per file?), not counted as shared"));
    }

    @Test
    void theSameValuesAreALeakUnderTheSameIdOrAnother() throws Exception {
        Path train = file("tr.csv", new String[] {"s0", "s1", "s2", "s3", "s4", "s5"}, 0);
        // s0, s1: copies under their own ids; n9: a copy of s3 under a new id; s5: the id reused with other values
        Path test = Files.writeString(dir.resolve("te.csv"), Files.readString(file("part.csv", new String[] {"s0", "s1"}, 0))
                + "n9,0,3.0,b\nn9,1,3.25,b\ns5,0,50,b\ns5,1,51,b\nn7,0,70,a\nn7,1,71,a\n");
        CsvOptions o = CsvOptions.defaults().withFractions(0.34, 0);
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.load(sources(train, test), o));
        assertThat(warnings).contains("csv: 3 test sequence(s) are also in the training data with the same values (2 under the same "
                + "sequence id, e.g. s0, s1; 1 under another id, e.g. n9 = s3): the test scores are optimistic");
        List<String> infos = LoggedWarnings.at(Level.INFO, CsvSequenceDataset.class,
                () -> CsvSequenceDataset.load(sources(train, test), o));
        assertThat(infos).anySatisfy(w -> assertThat(w).startsWith("csv: 1 test sequence id(s) also occur in the training data with "
                + "other values, e.g. s5"));
    }
}
