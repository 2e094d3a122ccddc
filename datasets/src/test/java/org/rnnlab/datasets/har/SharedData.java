package org.rnnlab.datasets.har;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.rnnlab.datasets.SharedDataDirectory;

/** Finds the shared development data ({@code shared/data}) or skips the calling test. */
final class SharedData {

    private SharedData() {
    }

    /** The sub-folder {@code name} of the shared data, or a skipped test when it is absent. */
    static Path require(String name, String marker) {
        Optional<Path> root = SharedDataDirectory.locate();
        String given = System.getProperty(SharedDataDirectory.PROPERTY, System.getenv(SharedDataDirectory.ENVIRONMENT));
        Assumptions.assumeTrue(root.isPresent(), given != null && !given.isBlank()
                ? "shared data absent: " + given + " (from -D" + SharedDataDirectory.PROPERTY + " or "
                        + SharedDataDirectory.ENVIRONMENT + ") is not a folder"
                : "shared data absent: no shared/data above " + Path.of("").toAbsolutePath() + " and "
                        + SharedDataDirectory.ENVIRONMENT + " unset");
        Path dir = root.get().resolve(name);
        Assumptions.assumeTrue(Files.exists(dir.resolve(marker)), "shared data absent: " + dir.resolve(marker));
        return dir;
    }
}
