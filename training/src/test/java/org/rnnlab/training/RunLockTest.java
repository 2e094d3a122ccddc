package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock of a run folder: one holder at a time, released on close; a held run folder is not emptied by --overwrite. */
@SuppressWarnings("try") // the locks are held by the try blocks, not used in them
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

    /** An older run folder (rnnlab's provenance.json, no marker) gets a marker; any other folder is left as it is. */
    @Test
    void onlyRunFoldersAreMarkedAndLocked(@TempDir Path tmp) throws Exception {
        Path old = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(old.resolve("provenance.json"), "{\"rnnlabVersion\" : \"0.1.0\"}");
        try (RunLock lock = RunLock.acquire(old)) {
            assertThat(old.resolve(RunDirectory.MARKER)).exists();
        }
        Path data = Files.createDirectories(tmp.resolve("data")); // e.g. a mistyped --resume data/
        Files.writeString(data.resolve("x.csv"), "a,b\n1,2\n");
        try (RunLock none = RunLock.acquire(data)) {
            assertThat(data.resolve(RunDirectory.MARKER)).doesNotExist();
            try (RunLock again = RunLock.acquire(data)) {
                assertThat(again).isNotNull();
            }
        }
        assertThat(RunDirectory.isRunFolder(data)).isFalse();
    }

    /**
     * The lock is the operating system's: another process (python's fcntl.lockf, the same POSIX record locks as Java's
     * FileLock on Linux) holding it makes this one refuse; a refused attempt in this process leaves the holder's lock.
     */
    @Test
    void anotherProcessHoldingTheLockIsSeen(@TempDir Path tmp) throws Exception {
        Path dir = RunDirectory.create(tmp.resolve("run"), "train-test");
        Process holder;
        try {
            holder = new ProcessBuilder("python3", "-c", "import fcntl,sys,time; f=open(sys.argv[1],'a'); "
                    + "fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
                    dir.resolve(RunDirectory.MARKER).toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("python3 is not on this machine: " + e.getMessage());
            return;
        }
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            assertThat(line).isEqualTo("locked");
            assertThatThrownBy(() -> RunLock.acquire(dir)).hasMessageContaining("is in use");
        } finally {
            holder.destroyForcibly().waitFor();
        }
        try (RunLock mine = RunLock.acquire(dir)) {
            assertThatThrownBy(() -> RunLock.acquire(dir)).hasMessageContaining("is in use");
            // the refused attempt above must not have dropped this process's lock: python cannot take it now
            Process probe = new ProcessBuilder("python3", "-c", "import fcntl,sys; f=open(sys.argv[1],'a'); "
                    + "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB); print('got it')", dir.resolve(RunDirectory.MARKER).toString())
                    .redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes());
            assertThat(probe.waitFor()).as(out).isNotZero();
            assertThat(out).doesNotContain("got it");
        }
    }

    @Test
    void overwriteRefusesAFolderInUse(@TempDir Path tmp) throws Exception {
        Path dir = RunDirectory.create(tmp.resolve("run"), "train-test");
        org.rnnlab.core.AtomicFiles.writeString(dir.resolve("results.json"), "{}");
        try (RunLock lock = RunLock.acquire(dir)) {
            assertThatThrownBy(() -> RunDirectory.create(dir, "train-test", true, List.of()))
                    .hasMessageContaining("is in use");
            assertThat(dir.resolve("results.json")).exists();
        }
        RunDirectory.create(dir, "train-test", true, List.of());
        assertThat(dir.resolve("results.json")).doesNotExist();
    }
}
