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
