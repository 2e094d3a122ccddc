package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the launcher (./rnnlab) finds and runs the JVM, on a copy of it in a temporary checkout with the stand-in jar of
 * {@link LauncherCdsTest} (nothing is built): signals reach the JVM on the run that writes the class-data archive (the
 * JVM is a child there, not exec'd), the launcher works through symbolic links, JAVA_HOME chooses the JDK, and JDK 24+
 * prints no warnings about JavaCPP's native access.
 */
@EnabledOnOs(OS.LINUX)
class LauncherJvmTest {

    /**
     * A trial: SIGTERM to the launcher during the first predict after a build stopped bash only; the JVM ran on and a 32 MB
     * rnnlab-cds-*.jsa.PID.tmp stayed. Each of TERM, INT and HUP now reaches the JVM; the launcher ends with its code.
     */
    @Test
    void signalsToTheLauncherReachTheJvmThatWritesTheArchive(@TempDir Path dir) throws Exception {
        List<String> signals = new ArrayList<>(List.of("TERM"));
        for (String s : List.of("HUP", "INT")) {
            if (!ignores(s)) { // a test JVM started ignoring SIGINT (in the background of a script) or SIGHUP (nohup) hands that on
                signals.add(s);
            }
        }
        Map<String, Integer> codes = Map.of("TERM", 143, "INT", 130, "HUP", 129);
        for (String signal : signals) {
            Path co = checkout(dir.resolve(signal));
            Path pidFile = co.resolve("jvm.pid");
            Process launcher = start(co.resolve("rnnlab"), co, Map.of(), "predict", "sleep", pidFile.toString());
            Optional<ProcessHandle> jvm = Optional.empty();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.exists(pidFile) && launcher.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(pidFile).as(Files.readString(co.resolve("err.txt"))).exists();
                jvm = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
                assertThat(jvm).as("the JVM runs").isPresent();
                assertThat(Files.readString(co.resolve("err.txt"))).as("the run that writes the archive")
                        .contains("also writing a class-data archive");
                assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(launcher.pid())).start().waitFor()).isZero();
                assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).as("the launcher ends after SIG" + signal).isTrue();
                assertThat(jvm.get().isAlive()).as("the JVM ended before the launcher (SIG" + signal + ")").isFalse();
                assertThat(launcher.exitValue()).as("the JVM's exit code").isEqualTo(codes.get(signal));
                assertThat(tmpFiles(co)).as("no temporary archive stays").isEmpty();
                assertThat(archives(co)).as("a stopped run keeps no archive").isEmpty();
            } finally {
                launcher.destroyForcibly();
                jvm.ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** On the run that writes the archive the JVM is the launcher's child: it still reads the launcher's standard input. */
    @Test
    void theJvmThatWritesTheArchiveReadsStandardInput(@TempDir Path dir) throws Exception {
        Path co = checkout(dir);
        Process p = start(co.resolve("rnnlab"), co, Map.of(), "predict", "stdin");
        try (OutputStream in = p.getOutputStream()) {
            in.write("id,x\n1,0.5\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(co.resolve("err.txt"))).isZero();
        assertThat(Files.readString(co.resolve("out.txt"))).isEqualTo("id,x\n1,0.5\n");
        assertThat(Files.readString(co.resolve("err.txt"))).contains("also writing a class-data archive");
        assertThat(archives(co)).hasSize(1);
    }

    /**
     * A trial: {@code ln -s /path/rnnlab /tmp/x/rl; /tmp/x/rl --help} looked for /tmp/x/mvnw (exit 127) and left
     * /tmp/x/.rnnlab-build.lock. Through a chain of links (absolute and relative) it runs the checkout's jar, with GNU
     * readlink -f and without it (a readlink that refuses -f, as on older macOS and the BSDs).
     */
    @Test
    void theLauncherWorksThroughSymbolicLinks(@TempDir Path dir) throws Exception {
        Path co = checkout(dir.resolve("co"));
        Path x = Files.createDirectories(dir.resolve("x"));
        Path first = Files.createSymbolicLink(x.resolve("rl"), co.resolve("rnnlab"));
        Path links = Files.createDirectories(dir.resolve("links"));
        Path second = Files.createSymbolicLink(links.resolve("rnnlab"), links.relativize(first)); // ../x/rl
        Path noGnu = Files.createDirectories(dir.resolve("bsd-bin"));
        Files.writeString(noGnu.resolve("readlink"), """
                #!/bin/sh
                for a in "$@"; do case "$a" in -f) echo "readlink: illegal option -- f" >&2; exit 1 ;; esac; done
                exec /usr/bin/readlink "$@"
                """);
        assertThat(noGnu.resolve("readlink").toFile().setExecutable(true)).isTrue();
        for (Path link : List.of(first, second)) {
            for (Map<String, String> env : List.of(Map.<String, String>of(),
                    Map.of("PATH", noGnu + ":" + System.getenv("PATH")))) {
                Process p = start(link, x, env, "--help");
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String err = Files.readString(x.resolve("err.txt"));
                assertThat(p.exitValue()).as(link + " " + env + ": " + err).isZero();
                assertThat(Files.readString(x.resolve("out.txt"))).isEqualTo("fake --help\n");
                assertThat(err).doesNotContain("mvnw").doesNotContain("building");
            }
        }
        assertThat(x.resolve(".rnnlab-build.lock")).doesNotExist();
        assertThat(links.resolve(".rnnlab-build.lock")).doesNotExist();
    }

    /**
     * A trial: JAVA_HOME was ignored at run time (java from PATH) while ./mvnw builds with it. The launcher runs
     * $JAVA_HOME/bin/java, reading its version from $JAVA_HOME/release without running it; a JAVA_HOME without bin/java is
     * said and PATH's java used.
     */
    @Test
    void javaHomeChoosesTheJdk(@TempDir Path dir) throws Exception {
        Path co = checkout(dir.resolve("co"));
        Path realHome = Path.of(System.getProperty("java.home"));
        Path home = Files.createDirectories(dir.resolve("jdk/bin")).getParent();
        Path used = dir.resolve("used.log");
        Files.writeString(home.resolve("bin/java"), "#!/bin/sh\necho \"$*\" >> '" + used + "'\nexec '" + realHome.resolve("bin/java")
                + "' \"$@\"\n");
        assertThat(home.resolve("bin/java").toFile().setExecutable(true)).isTrue();
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + Runtime.version().feature() + ".0.1\"\n");
        Process p = start(co.resolve("rnnlab"), co, Map.of("JAVA_HOME", home.toString()), "--help");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(co.resolve("err.txt"))).isZero();
        assertThat(Files.readString(co.resolve("out.txt"))).isEqualTo("fake --help\n");
        List<String> runs = Files.readAllLines(used);
        assertThat(runs).as("$JAVA_HOME/bin/java ran once: the command, no version query").hasSize(1);
        assertThat(runs.get(0)).endsWith("-jar " + co.resolve("evaluation/target/rnnlab-cli.jar") + " --help");

        Process wrong = start(co.resolve("rnnlab"), co, Map.of("JAVA_HOME", dir.resolve("nothing").toString()), "--help");
        assertThat(wrong.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.exitValue()).isZero();
        assertThat(Files.readString(co.resolve("out.txt"))).isEqualTo("fake --help\n");
        assertThat(Files.readString(co.resolve("err.txt"))).isEqualTo("rnnlab: JAVA_HOME=" + dir.resolve("nothing")
                + " has no executable bin/java: using java from PATH instead (for the build too)\n");
    }

    /**
     * JDK 24+ warned on every command of JavaCPP's System.loadLibrary and sun.misc.Unsafe calls (~9 WARNING lines): the launcher
     * allows them where the JDK knows the options, and JDK 17, which refuses options it does not know, still runs.
     */
    @Test
    void noNativeAccessWarningsOnJdk24AndJdk17StillRuns(@TempDir Path dir) throws Exception {
        Path co = checkout(dir);
        Process on17 = start(co.resolve("rnnlab"), co, Map.of("JAVA_HOME", System.getProperty("java.home")), "restricted");
        assertThat(on17.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(on17.exitValue()).as(Files.readString(co.resolve("err.txt"))).isZero();
        assertThat(Files.readString(co.resolve("out.txt"))).isEqualTo("restricted done true on " + Runtime.version().feature() + "\n");

        Optional<Path> newer = jdk24OrNewer();
        assumeTrue(newer.isPresent(), "no JDK 24 or newer under /usr/lib/jvm (or in RNNLAB_TEST_JDK24): the warnings test is skipped");
        // without the options, that JDK warns: the assertion below can fail
        Process bare = new ProcessBuilder(newer.get().resolve("bin/java").toString(), "-cp",
                co.resolve("evaluation/target/rnnlab-cli.jar").toString(), "Fake", "restricted")
                .redirectOutput(co.resolve("bare-out.txt").toFile()).redirectError(co.resolve("bare-err.txt").toFile()).start();
        assertThat(bare.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(co.resolve("bare-err.txt"))).contains("WARNING: A restricted method in java.lang.System has been called",
                "WARNING: sun.misc.Unsafe::arrayBaseOffset");

        Process launched = start(co.resolve("rnnlab"), co, Map.of("JAVA_HOME", newer.get().toString()), "restricted");
        assertThat(launched.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launched.exitValue()).as(Files.readString(co.resolve("err.txt"))).isZero();
        assertThat(Files.readString(co.resolve("out.txt"))).as("run by $JAVA_HOME's java")
                .isEqualTo("restricted done true on " + feature(newer.get()) + "\n");
        assertThat(Files.readString(co.resolve("err.txt"))).isEmpty();
    }

    /**
     * Trial 80d F5: the resume hints said {@code rnnlab compare --resume ...} to a user running {@code ./rnnlab} with no rnnlab
     * on PATH. The launcher passes how it was invoked ({@code rnnlab.command}, which {@link CommandLines#launcher} prints):
     * {@code ./rnnlab} as typed, {@code rnnlab} when PATH finds it, a path as typed when PATH does not.
     */
    @Test
    void theLauncherPassesHowItWasInvoked(@TempDir Path dir) throws Exception {
        Path co = checkout(dir.resolve("co"));
        Map<String, String> invocations = new java.util.LinkedHashMap<>();
        invocations.put("./rnnlab launcher-name", "./rnnlab");
        invocations.put("co/rnnlab launcher-name", "co/rnnlab");
        invocations.put("PATH=\"$PWD/co:$PATH\" rnnlab launcher-name", "rnnlab");
        invocations.put("cd co && bash rnnlab launcher-name", "./rnnlab"); // review 80c R3: $0 without a slash
        for (Map.Entry<String, String> e : invocations.entrySet()) {
            Path cwd = e.getKey().startsWith("./") ? co : dir;
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", e.getKey()).directory(cwd.toFile())
                    .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
            pb.environment().remove("RNNLAB_CDS");
            pb.environment().remove("RNNLAB_JAVA_OPTS");
            pb.environment().remove("JAVA_HOME");
            Process p = pb.start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(e.getKey() + ": " + Files.readString(dir.resolve("err.txt"))).isZero();
            assertThat(Files.readString(dir.resolve("out.txt"))).as(e.getKey()).isEqualTo(e.getValue() + "\n");
        }
        // and the hints print it (the property as the launcher sets it)
        String before = System.getProperty(CommandLines.LAUNCHER_PROPERTY);
        try {
            System.setProperty(CommandLines.LAUNCHER_PROPERTY, "./rnnlab");
            assertThat(CompareCommand.reportNotWritten("disk full", Optional.empty(), Path.of("/runs/x")))
                    .endsWith("write it with: ./rnnlab compare --resume /runs/x");
            System.setProperty(CommandLines.LAUNCHER_PROPERTY, "/opt/my tools/rnnlab");
            assertThat(CommandLines.launcher()).isEqualTo("'/opt/my tools/rnnlab'");
            System.clearProperty(CommandLines.LAUNCHER_PROPERTY);
            assertThat(CommandLines.launcher()).isEqualTo("rnnlab");
        } finally {
            if (before == null) {
                System.clearProperty(CommandLines.LAUNCHER_PROPERTY);
            } else {
                System.setProperty(CommandLines.LAUNCHER_PROPERTY, before);
            }
        }
    }

    /** A checkout in {@code dir}: the launcher and a fresh stand-in jar, no sources (nothing to build), no archive. */
    private static Path checkout(Path dir) throws IOException {
        Path launcher = Path.of("..", "rnnlab").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(launcher), "the launcher is at the repository root");
        Files.createDirectories(dir);
        Files.copy(launcher, dir.resolve("rnnlab"));
        assertThat(dir.resolve("rnnlab").toFile().setExecutable(true)).isTrue();
        Path target = Files.createDirectories(dir.resolve("evaluation/target/lib")).getParent();
        LauncherCdsTest.fakeJar(dir, target.resolve("rnnlab-cli.jar"));
        return dir;
    }

    /** Starts {@code launcher} with {@code args}; standard output and error go to out.txt and err.txt in {@code dir}. */
    private static Process start(Path launcher, Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("RNNLAB_CDS");
        pb.environment().remove("RNNLAB_JAVA_OPTS");
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static List<Path> tmpFiles(Path co) throws IOException {
        try (Stream<Path> s = Files.list(co.resolve("evaluation/target"))) {
            return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static List<Path> archives(Path co) throws IOException {
        try (Stream<Path> s = Files.list(co.resolve("evaluation/target"))) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    /** Whether this process ignores the signal (inherited by the launchers it starts). */
    static boolean ignores(String signal) throws IOException {
        int number = switch (signal) {
            case "HUP" -> 1;
            case "INT" -> 2;
            default -> 15;
        };
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseLong(l.substring(7).trim(), 16)).anyMatch(mask -> (mask & (1L << (number - 1))) != 0);
    }

    /** A JDK 24+ home: RNNLAB_TEST_JDK24, else the newest under /usr/lib/jvm by its release file. */
    private static Optional<Path> jdk24OrNewer() throws IOException {
        String given = System.getenv("RNNLAB_TEST_JDK24");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(jvms)) {
            return s.filter(h -> Files.isExecutable(h.resolve("bin/java")) && feature(h) >= 24)
                    .max(Comparator.comparingInt(LauncherJvmTest::feature));
        }
    }

    private static int feature(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION=\""))
                    .map(l -> l.substring(14).replaceAll("[^0-9].*", "")).filter(v -> !v.isEmpty()).mapToInt(Integer::parseInt)
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
