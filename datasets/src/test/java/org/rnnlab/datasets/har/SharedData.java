package org.rnnlab.datasets.har;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Finds the shared development data ({@code shared/data}) or skips the calling test. */
final class SharedData {

    /** Environment variable naming the shared data folder explicitly. */
    static final String ENV = "RNNLAB_SHARED_DATA";

    private SharedData() {
    }

    /** {@code $RNNLAB_SHARED_DATA}, else the first {@code shared/data} found walking up from the working directory. */
    static Optional<Path> find() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The sub-folder {@code name} of the shared data, or a skipped test when it is absent. */
    static Path require(String name, String marker) {
        Optional<Path> root = find();
        String env = System.getenv(ENV);
        Assumptions.assumeTrue(root.isPresent(), env != null && !env.isBlank()
                ? "shared data absent: " + ENV + "=" + env + " is not a folder"
                : "shared data absent: no shared/data above " + Path.of("").toAbsolutePath() + " and " + ENV + " unset");
        Path dir = root.get().resolve(name);
        Assumptions.assumeTrue(Files.exists(dir.resolve(marker)), "shared data absent: " + dir.resolve(marker));
        return dir;
    }
}
