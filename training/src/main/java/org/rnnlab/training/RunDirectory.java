package org.rnnlab.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a run writes its files: {@code runs/<timestamp>-<name>/} (local time) unless the user names a
 * folder. A run folder never holds two runs: a folder the user names must be new or empty, or be
 * replaced explicitly ({@code --overwrite}), and only a folder that is recognisably an rnnlab run (it
 * holds {@code config.json} or {@code provenance.json}) is ever emptied.
 */
public final class RunDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Files that mark a folder as an rnnlab run folder. */
    static final List<String> MARKERS = List.of("config.json", "provenance.json");

    private RunDirectory() {
    }

    /** Creates a fresh run folder, refusing a non-empty {@code out}. */
    public static Path create(Path out, String name) throws IOException {
        return create(out, name, false);
    }

    /**
     * Creates the run's folder.
     *
     * @param out       the folder the user asked for, or null for {@code runs/<timestamp>-<name>} under the working directory
     * @param name      short run name, e.g. {@code compare-agreement}
     * @param overwrite whether a non-empty {@code out} that holds an earlier rnnlab run may be emptied first
     * @throws IllegalArgumentException when {@code out} is a file, or non-empty without {@code overwrite}, or
     *                                  non-empty and not an rnnlab run folder
     */
    public static Path create(Path out, String name, boolean overwrite) throws IOException {
        if (out == null) {
            Path dir = Path.of("runs", LocalDateTime.now().format(STAMP) + "-" + name);
            int n = 2;
            Path candidate = dir;
            while (Files.exists(candidate)) {
                candidate = Path.of(dir + "-" + n++);
            }
            return Files.createDirectories(candidate).toAbsolutePath().normalize();
        }
        Path dir = out.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + out + " is a file (expected a folder for the run)");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            boolean isRun = MARKERS.stream().anyMatch(m -> Files.isRegularFile(dir.resolve(m)));
            if (!overwrite) {
                throw new IllegalArgumentException("--out " + out + " is not empty" + (isRun ? " (it holds an earlier run)" : "")
                        + ": choose a new folder" + (isRun ? ", add --overwrite to replace that run, or continue it with --resume" : ""));
            }
            if (!isRun) {
                throw new IllegalArgumentException("--out " + out + " is not empty and is not an rnnlab run folder (no "
                        + String.join(" or ", MARKERS) + "): refusing to delete its contents even with --overwrite");
            }
            clear(dir);
        }
        return Files.createDirectories(dir);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + p + " from the earlier run", e);
                }
            });
        }
    }
}
