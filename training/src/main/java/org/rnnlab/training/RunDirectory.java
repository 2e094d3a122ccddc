package org.rnnlab.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where a run writes its files: {@code runs/<timestamp>-<name>/} unless the user names a folder. */
public final class RunDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunDirectory() {
    }

    /**
     * Creates the run's folder.
     *
     * @param out  the folder the user asked for, or null for {@code runs/<timestamp>-<name>} under the working directory
     * @param name short run name, e.g. {@code compare-agreement}
     */
    public static Path create(Path out, String name) throws IOException {
        Path dir = out != null ? out : Path.of("runs", LocalDateTime.now().format(STAMP) + "-" + name);
        if (out == null) {
            int n = 2;
            Path candidate = dir;
            while (Files.exists(candidate)) {
                candidate = Path.of(dir + "-" + n++);
            }
            dir = candidate;
        }
        return Files.createDirectories(dir).toAbsolutePath().normalize();
    }
}
