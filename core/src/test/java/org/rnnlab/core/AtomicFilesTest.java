package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void aFailureBeforeTheRenameLeavesThePreviousFileIntactAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("checkpoint.zip");
        AtomicFiles.writeString(target, "version 1");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half of version 2".getBytes());
            throw new IOException("disk full (simulated crash between write and rename)");
        })).hasMessageContaining("simulated crash");
        assertThat(Files.readString(target)).isEqualTo("version 1");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        AtomicFiles.writeString(target, "version 2");
        assertThat(Files.readString(target)).isEqualTo("version 2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    }

    /**
     * A full device (a trial on a 300 KB tmpfs printed only "rnnlab train: No space left on device") names the file being
     * written and its folder, and says what to do; an interruption is passed on unchanged, as its callers stop on it.
     */
    @Test
    void aDeviceOrPipeIsNeverReplacedByTheRename(@TempDir Path dir) throws Exception {
        // renaming a new file onto /dev/null replaced the device itself when run as root (a trial's --output /dev/null): a
        // named pipe stands in for it here, so that a regression cannot take the machine's /dev/null
        Path fifo = dir.resolve("pipe");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
                "no mkfifo here");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFiles.writeString(fifo, "x"))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot write " + fifo + ": it is not a regular file");
        org.assertj.core.api.Assertions.assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        org.assertj.core.api.Assertions.assertThat(Files.exists(fifo)).isTrue();
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            org.assertj.core.api.Assertions.assertThat(left).containsExactly(fifo); // no temporary file left behind
        }
    }

    @Test
    void aFailedWriteNamesTheFileAndAFullDeviceSaysSo(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run/model.rnnlab");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessage("cannot write " + target + ": No space left on device (the device holding "
                + target.toAbsolutePath().getParent() + " is full or over quota: free space there, or write elsewhere; nothing was "
                + "half-written)").hasCauseInstanceOf(IOException.class);
        assertThat(Files.exists(target)).isFalse();
        try (var files = Files.list(target.getParent())) {
            assertThat(files).isEmpty();
        }
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            throw new IOException("Input/output error");
        })).hasMessage("cannot write " + target + ": Input/output error");
        java.io.InterruptedIOException interrupted = new java.io.InterruptedIOException("stopped");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            throw interrupted;
        })).isSameAs(interrupted);
    }

    @Test
    void createsMissingParentFolders(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/c.json");
        Json.writeFile(target, Map.of("k", 1));
        assertThat(Files.readString(target)).contains("\"k\" : 1");
    }

    @Test
    void aFolderThatTakesNoNewFilesIsNamedNotTheTemporaryFile() {
        // before: "/proc/.x.onnx.83...tmp: no such file or directory", a name the user never gave
        Path target = Path.of("/proc/rnnlab-atomic-test.json");
        assertThatThrownBy(() -> AtomicFiles.writeString(target, "x")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write /proc/rnnlab-atomic-test.json: its folder /proc does not take new files (")
                .message().doesNotContain(".tmp");
    }
}
