package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trial 78c F1: a file whose reading needs more heap than the JVM has is warned of before its reading, with the {@code -Xmx}
 * to give (a 516 MB file ran out of 2 GiB after 10 s of reading, where the docs' rule of three times its size said it fits).
 */
class HeapWarningTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatNeedsMoreHeapThanTheJvmHasIsWarnedOfWithTheHeapToGive() {
        Path big = dir.resolve("big.csv");
        // the trial's file: 541,134,867 bytes under the default 2 GiB
        String warning = CsvTable.heapWarning(big, 541_134_867L, 2048L << 20).orElseThrow();
        assertThat(warning).contains(big.toString()).contains("516 MB").contains("2048 MiB").contains("2.2-2.7 GB of heap")
                .contains("4 to 5 times its size").contains("RNNLAB_JAVA_OPTS=-Xmx4g").contains("reading goes on");
        // a tenfold file: the heap named grows with it
        assertThat(CsvTable.heapWarning(big, 5_411_348_670L, 2048L << 20).orElseThrow()).contains("RNNLAB_JAVA_OPTS=-Xmx32g");
        // trial 78i: a 78 MB file under -Xmx256m gets the heap it needs (it trained under 512m), not a fixed 4g
        assertThat(CsvTable.heapWarning(big, 82_000_000L, 256L << 20).orElseThrow()).contains("RNNLAB_JAVA_OPTS=-Xmx512m ");
        assertThat(CsvTable.heapToGive(82_000_000L)).isEqualTo("512m");
        // the trial's 77 MB sub-file, and the same file under 4 GiB, fit: nothing said
        assertThat(CsvTable.heapWarning(big, 81_172_532L, 2048L << 20)).isEmpty();
        assertThat(CsvTable.heapWarning(big, 541_134_867L, 4096L << 20)).isEmpty();
    }
}
