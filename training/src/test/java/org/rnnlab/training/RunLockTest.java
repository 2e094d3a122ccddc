package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock of a run folder: one holder at a time, released on close; a held run folder is not emptied by --overwrite. */
class RunLockTest {

    @Test
    void oneHolderAtATime(@TempDir Path tmp) throws Exception {
        Path dir = RunDirectory.create(tmp.resolve("run"), "train-test");
        try (RunLock first = RunLock.acquire(dir)) {
            assertThatThrownBy(() -> RunLock.acquire(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("run folder " + dir + " is in use: another rnnlab command is still running in it");
        }
        try (RunLock again = RunLock.acquire(dir)) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void anOlderRunFolderWithoutMarkerGetsOne(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("old"));
        try (RunLock lock = RunLock.acquire(dir)) {
            assertThat(dir.resolve(RunDirectory.MARKER)).exists();
        }
    }

    @Test
    void overwriteRefusesAFolderInUse(@TempDir Path tmp) throws Exception {
        Path dir = RunDirectory.create(tmp.resolve("run"), "train-test");
        Files.writeString(dir.resolve("results.json"), "{}");
        try (RunLock lock = RunLock.acquire(dir)) {
            assertThatThrownBy(() -> RunDirectory.create(dir, "train-test", true, List.of()))
                    .hasMessageContaining("is in use");
            assertThat(dir.resolve("results.json")).exists();
        }
        RunDirectory.create(dir, "train-test", true, List.of());
        assertThat(dir.resolve("results.json")).doesNotExist();
    }
}
