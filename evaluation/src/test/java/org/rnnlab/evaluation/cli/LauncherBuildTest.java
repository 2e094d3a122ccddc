package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's build step (./rnnlab rebuilds when sources are newer than the jar), on a copy of the launcher in a
 * temporary folder whose {@code mvnw} is a stand-in that logs its start and then becomes a {@code sleep}, as the real
 * wrapper becomes Maven's JVM: launchers started together build once (the second waits for the first's lock and finds
 * the jar fresh), and a launcher stopped with SIGTERM during the build stops the build too.
 */
@EnabledOnOs(OS.LINUX)
class LauncherBuildTest {
    private static final String FAKE_MVNW = """
            #!/usr/bin/env bash
            echo "build $*" >> builds.log
            echo "MAVEN_OPTS=${MAVEN_OPTS:-}" >> maven-opts.log
            echo $$ > mvnw.pid
            exec sleep "$(cat build-seconds)"
            """;

    @Test
    void launchersStartedTogetherBuildOnce(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("flock"), "flock (util-linux) is installed");
        Path launcher = checkout(dir, 3);
        List<Process> launchers = List.of(start(launcher, dir, 0, "first"), start(launcher, dir, 1, "second"));
        for (int n = 0; n < launchers.size(); n++) {
            assertThat(launchers.get(n).waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(launchers.get(n).exitValue()).as(Files.readString(dir.resolve("err-" + n + ".txt"))).isZero();
        }
        assertThat(Files.readString(dir.resolve("out-0.txt"))).isEqualTo("fake first\n");
        assertThat(Files.readString(dir.resolve("out-1.txt"))).isEqualTo("fake second\n");
        assertThat(Files.readAllLines(dir.resolve("builds.log"))).containsExactly("build -q -B -DskipTests package -pl !spark");
    }

    @Test
    void sigtermDuringTheBuildStopsTheBuild(@TempDir Path dir) throws Exception {
        Path launcher = checkout(dir, 60);
        Process p = start(launcher, dir, 0, "x");
        Optional<ProcessHandle> build = Optional.empty();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (build.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                build = buildProcess(dir);
            }
            assertThat(build).as("the build started").isPresent();
            p.destroy(); // SIGTERM to the launcher
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(143);
            assertThat(build.get().onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).get())
                    .as("the build is stopped with the launcher").isNotNull();
            assertThat(Files.readString(dir.resolve("out-0.txt"))).as("the command did not run").isEmpty();
        } finally {
            p.destroyForcibly();
            build.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * A trial on JDK 25: Maven's own JVM printed 8 WARNING lines (Jansi's System.load, Guava's Unsafe) on the launcher's
     * build. The build gets the options the commands get on that JDK, added to the user's MAVEN_OPTS; on this JDK none.
     */
    @Test
    void theBuildGetsTheJdksNativeAccessOptions(@TempDir Path dir) throws Exception {
        Path launcher = checkout(dir, 0);
        Path home = fakeJdk(dir, 25);
        ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), "x")).directory(dir.toFile())
                .redirectOutput(dir.resolve("out-0.txt").toFile()).redirectError(dir.resolve("err-0.txt").toFile());
        pb.environment().put("RNNLAB_CDS", "0");
        pb.environment().put("JAVA_HOME", home.toString());
        pb.environment().put("MAVEN_OPTS", "-Xmx1g");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(dir.resolve("maven-opts.log")))
                .containsExactly("MAVEN_OPTS=-Xmx1g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow");

        Path again = Files.createDirectories(dir.resolve("17"));
        Path launcher17 = checkout(again, 0);
        ProcessBuilder here = new ProcessBuilder(List.of(launcher17.toString(), "x")).directory(again.toFile())
                .redirectOutput(again.resolve("out-0.txt").toFile()).redirectError(again.resolve("err-0.txt").toFile());
        here.environment().put("RNNLAB_CDS", "0");
        here.environment().put("JAVA_HOME", System.getProperty("java.home"));
        here.environment().remove("MAVEN_OPTS");
        Process on17 = here.start();
        assertThat(on17.waitFor(60, TimeUnit.SECONDS)).isTrue();
        int feature = Runtime.version().feature();
        assertThat(Files.readAllLines(again.resolve("maven-opts.log"))).as("JDK " + feature)
                .containsExactly("MAVEN_OPTS=" + (feature >= 23 ? "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
                        : feature >= 22 ? "--enable-native-access=ALL-UNNAMED" : ""));
    }

    /**
     * A trial on JDK 25: {@code compare --engine spark} built for a minute, then ended with "getSubject is not supported"
     * (Spark 3.5's Hadoop client, refused from JDK 24). Said at once now, naming the JDK, before any build or JVM.
     */
    @Test
    void theSparkEngineOnJdk24OrNewerIsRefusedBeforeTheBuild(@TempDir Path dir) throws Exception {
        Path launcher = checkout(dir, 0);
        Path home = fakeJdk(dir, 25);
        ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), "compare", "--engine", "spark")).directory(dir.toFile())
                .redirectOutput(dir.resolve("out-0.txt").toFile()).redirectError(dir.resolve("err-0.txt").toFile());
        pb.environment().put("JAVA_HOME", home.toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("err-0.txt"))).startsWith("rnnlab: --engine spark needs Java 17 to 23")
                .contains("which Java 25 no longer supports", "set JAVA_HOME to a JDK 17 or 21");
        assertThat(dir.resolve("builds.log")).as("nothing was built").doesNotExist();
        assertThat(dir.resolve("java.log")).as("no JVM ran").doesNotExist();
    }

    /** A JDK home whose release file says {@code feature}; its bin/java records that it ran, then runs this JDK's. */
    private static Path fakeJdk(Path dir, int feature) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jdk" + feature + "/bin")).getParent();
        Files.writeString(home.resolve("bin/java"), "#!/bin/sh\necho ran >> '" + dir.resolve("java.log") + "'\nexec '"
                + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        assertThat(home.resolve("bin/java").toFile().setExecutable(true)).isTrue();
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + feature + ".0.1\"\n");
        return home;
    }

    /** A checkout with the launcher, a stale stand-in jar (a source is newer) and a stand-in mvnw building for that long. */
    private static Path checkout(Path dir, int buildSeconds) throws IOException {
        Path launcher = Path.of("..", "rnnlab").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(launcher), "the launcher is at the repository root");
        Files.copy(launcher, dir.resolve("rnnlab"));
        Files.writeString(dir.resolve("mvnw"), FAKE_MVNW);
        Files.writeString(dir.resolve("build-seconds"), String.valueOf(buildSeconds));
        assertThat(dir.resolve("rnnlab").toFile().setExecutable(true) && dir.resolve("mvnw").toFile().setExecutable(true)).isTrue();
        Path target = Files.createDirectories(dir.resolve("evaluation/target/lib")).getParent();
        LauncherCdsTest.fakeJar(dir, target.resolve("rnnlab-cli.jar"));
        Files.writeString(Files.createDirectories(dir.resolve("evaluation/src/main/java")).resolve("Changed.java"), "class Changed {}\n");
        return dir.resolve("rnnlab");
    }

    /** Starts the launcher with one argument; its output goes to out-N.txt and err-N.txt. */
    private static Process start(Path launcher, Path dir, int n, String arg) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), arg)).directory(dir.toFile())
                .redirectOutput(dir.resolve("out-" + n + ".txt").toFile()).redirectError(dir.resolve("err-" + n + ".txt").toFile());
        pb.environment().put("RNNLAB_CDS", "0");
        return pb.start();
    }

    private static Optional<ProcessHandle> buildProcess(Path dir) throws IOException {
        Path pid = dir.resolve("mvnw.pid");
        if (!Files.exists(pid) || Files.readString(pid).isBlank()) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()));
    }

    private static boolean onPath(String command) throws IOException, InterruptedException {
        return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
    }
}
