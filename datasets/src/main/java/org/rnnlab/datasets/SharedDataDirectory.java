package org.rnnlab.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared data folder ({@code shared/data}, beside the project on development machines and
 * in CI): the system property {@code rnnlab.shared.data}, else the environment variable
 * {@code RNNLAB_SHARED_DATA}, else the first {@code shared/data} folder found walking up from the
 * working directory, else from the rnnlab checkout the launcher runs ({@code rnnlab.home}), so that
 * {@code ../shared/data} beside the checkout is found from any working directory.
 */
public final class SharedDataDirectory {
    /** System property naming the folder. */
    public static final String PROPERTY = "rnnlab.shared.data";
    /** Environment variable naming the folder. */
    public static final String ENVIRONMENT = "RNNLAB_SHARED_DATA";

    private SharedDataDirectory() {
    }

    /** The shared data folder, if any exists. */
    public static Optional<Path> locate() {
        String given = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Optional<Path> found = above(Path.of("").toAbsolutePath());
        String home = System.getProperty("rnnlab.home");
        return found.isPresent() || home == null || home.isBlank() ? found : above(Path.of(home).toAbsolutePath());
    }

    /** The first {@code shared/data} folder in {@code start} or a folder above it. */
    private static Optional<Path> above(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A sub-folder of the shared data folder, if it exists (e.g. {@code sentiment-labelled-sentences}). */
    public static Optional<Path> locate(String folder) {
        return locate().map(p -> p.resolve(folder)).filter(Files::isDirectory);
    }
}
