package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the shared data folder is found. In a JVM of its own started in a folder with no {@code shared/data} above it
 * (this test JVM's working directory has one): {@code ../shared/data} beside the checkout the launcher names in
 * {@code rnnlab.home} is found from there too (a user running {@code --dataset sentiment} from another folder was told
 * it was missing), and {@code RNNLAB_SHARED_DATA} wins over both.
 */
class SharedDataDirectoryTest {

    @Test
    void theCheckoutsNeighbourIsFoundFromAnyWorkingDirectoryAndTheVariableWins(@TempDir Path dir) throws Exception {
        for (Path above = dir.toRealPath(); above != null; above = above.getParent()) { // e.g. a /tmp/shared beside a checkout in /tmp
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isDirectory(above.resolve("shared/data")), "skipped: "
                    + above.resolve("shared/data") + " exists above the temporary folder " + dir + ", so every working directory "
                    + "there finds it");
        }
        Path checkout = Files.createDirectories(dir.resolve("work/main"));
        Path shared = Files.createDirectories(dir.resolve("work/shared/data/sentiment-labelled-sentences")).getParent();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path other = Files.createDirectories(dir.resolve("other/data"));
        assertThat(child(elsewhere, checkout, null)).isEqualTo(shared.toRealPath().toString());
        assertThat(child(elsewhere, null, null)).as("without rnnlab.home").isEqualTo("none");
        assertThat(child(elsewhere, checkout, other)).isEqualTo(other.toRealPath().toString());
    }

    private static String child(Path workingDirectory, Path home, Path variable) throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(javaBin.toString(), "-cp",
                System.getProperty("java.class.path")));
        if (home != null) {
            command.add("-Drnnlab.home=" + home);
        }
        command.add(Child.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        pb.environment().remove(SharedDataDirectory.ENVIRONMENT);
        if (variable != null) {
            pb.environment().put(SharedDataDirectory.ENVIRONMENT, variable.toString());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String last = out.lines().reduce((a, b) -> b).orElse("");
        return last.startsWith("found ") ? Path.of(last.substring(6)).toRealPath().toString() : last;
    }

    /** Prints what {@link SharedDataDirectory#locate()} finds. */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println(SharedDataDirectory.locate().map(p -> "found " + p.toAbsolutePath().normalize()).orElse("none"));
        }
    }
}
