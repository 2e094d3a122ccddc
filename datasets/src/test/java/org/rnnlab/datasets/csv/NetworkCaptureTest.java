package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Packet captures read as a network analyst's trial wrote them: addresses are named as identifiers (they were said to
 * hold dates), and a feature of a few values (TCP flags, 0 over every UDP flow) is not a dead sensor.
 */
class NetworkCaptureTest {
    @TempDir
    Path dir;

    /** 40 flows of 20 packets: every fourth UDP (flags 0 throughout); {@code ip}: a src_ip column. */
    private Path flows(String name, boolean ip) throws Exception {
        Random random = new Random(9);
        StringBuilder csv = new StringBuilder("uid," + (ip ? "src_ip," : "") + "iat,len,flags,label\n");
        for (int i = 0; i < 40; i++) {
            boolean udp = i % 4 == 0;
            for (int t = 0; t < 20; t++) {
                csv.append(String.format(Locale.ROOT, "f%d,%s%.6f,%d,%d,%s%n", i, ip ? "10.0." + (i % 7) + "." + (i % 5 + 1) + "," : "",
                        random.nextDouble() * 0.01, 60 + random.nextInt(1400), udp ? 0 : new int[] {2, 16, 18, 24}[random.nextInt(4)],
                        i % 2 == 0 ? "scan" : "benign"));
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static final CsvOptions FLOWS = CsvOptions.defaults().withColumns(Column.named("uid"), null, Column.named("label"));

    @Test
    void addressesAreNamedAsIdentifiersNotAsDates() throws Exception {
        Path f = flows("ips.csv", true);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, FLOWS))
                .hasMessageContaining("'src_ip' hold(s) network addresses, identifiers rather than measurements")
                .hasMessageNotContaining("dates or times");
    }

    @Test
    void aFeatureOfAFewValuesConstantOverSomeSequencesIsNotAFlatLine() throws Exception {
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(flows("udp.csv", false), FLOWS));
        assertThat(warned).noneMatch(w -> w.contains("one value over all their steps"));
    }
    @Test
    void epochSecondsAsAFeatureAreSaidToLoseTheirFraction() throws Exception {
        StringBuilder csv = new StringBuilder("uid,ts,len,label\n");
        for (int i = 0; i < 20; i++) {
            for (int t = 0; t < 10; t++) {
                csv.append(String.format(Locale.ROOT, "f%d,%.6f,%d,%s%n", i, 1733443424.0 + i + t * 0.0013, 60 + 9 * t + i,
                        i % 2 == 0 ? "scan" : "benign"));
            }
        }
        Path f = Files.writeString(dir.resolve("ts.csv"), csv);
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, FLOWS)))
                .anySatisfy(w -> assertThat(w).contains("column 'ts' is used as a feature", "--set time=ts",
                        "read as 32-bit floats 128 apart, so differences smaller than that within a sequence are lost"));
    }
}
