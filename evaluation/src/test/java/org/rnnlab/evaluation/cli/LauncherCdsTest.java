package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data-sharing archive (./rnnlab, README "Start-up"), run on a copy of the launcher
 * in a temporary folder with a small stand-in jar at evaluation/target/rnnlab-cli.jar (no sources there,
 * so the launcher builds nothing): written by a successful predict only, atomically, used afterwards, not
 * used once stale, and never a reason for a command to fail or to print anything more.
 */
@EnabledOnOs(OS.LINUX)
class LauncherCdsTest {
    private static final String FAKE = """
            public class Fake {
                public static void main(String[] args) throws Exception {
                    if (args.length == 3 && args[1].equals("sleep")) { // predict sleep PIDFILE: its pid, then a minute's run
                        java.nio.file.Files.writeString(java.nio.file.Path.of(args[2] + ".part"), "" + ProcessHandle.current().pid());
                        java.nio.file.Files.move(java.nio.file.Path.of(args[2] + ".part"), java.nio.file.Path.of(args[2]));
                        Thread.sleep(60_000);
                        return;
                    }
                    if (args.length == 2 && args[1].equals("stdin")) { // predict stdin: standard input to standard output
                        System.out.print(new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                        return;
                    }
                    if (args.length == 1 && args[0].equals("restricted")) { // what JavaCPP does, which JDK 24+ warns of
                        try {
                            System.loadLibrary("rnnlab-no-such-library");
                        } catch (UnsatisfiedLinkError expected) {
                            // the call is what is warned of
                        }
                        java.lang.reflect.Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
                        f.setAccessible(true);
                        sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
                        System.out.println("restricted done " + (u.arrayBaseOffset(byte[].class) > 0) + " on " + Runtime.version().feature());
                        return;
                    }
                    if (args.length == 1 && args[0].equals("launcher-name")) { // how the launcher says it was invoked
                        System.out.println(System.getProperty("rnnlab.command"));
                        return;
                    }
                    if (args.length == 2 && args[0].equals("encoding")) {
                        System.out.println(System.getProperty("sun.jnu.encoding") + " " + System.getProperty("file.encoding") + " "
                                + java.nio.file.Files.exists(
                                java.nio.file.Path.of(args[1])));
                        return;
                    }
                    if (args.length == 3 && args[1].equals("--input") || args.length == 2 && args[1].startsWith("--input=")) { // tiers
                        System.out.println("tier " + java.lang.management.ManagementFactory.getPlatformMXBean(
                                com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("TieredStopAtLevel").getValue());
                        return;
                    }
                    System.out.println("fake " + String.join(" ", args));
                    System.exit(args.length > 1 && args[1].equals("fail") ? 3 : 0);
                }
            }
            """;

    @Test
    void predictWritesTheArchiveOnceAndLaterCommandsUseItUntilTheJarChanges(@TempDir Path dir) throws Exception {
        Path launcher = Path.of("..", "rnnlab").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(launcher), "the launcher is at the repository root");
        Files.copy(launcher, dir.resolve("rnnlab"));
        dir.resolve("rnnlab").toFile().setExecutable(true);
        Path target = Files.createDirectories(dir.resolve("evaluation/target/lib"));
        Path jar = fakeJar(dir, target.getParent().resolve("rnnlab-cli.jar"));

        Result failed = launch(dir, "predict", "fail");
        assertThat(failed.code()).isEqualTo(3);
        assertThat(archives(dir)).as("a failed command leaves no archive (nor a temporary one)").isEmpty();
        // a trial user read "once after a build" on four calls in a row: the note says the archive is kept on success only
        assertThat(failed.err()).contains("kept once a predict or evaluate after a build succeeds").doesNotContain("once after a build");

        Result first = launch(dir, "predict", "--model", "m");
        assertThat(first.code()).isZero();
        assertThat(first.out()).isEqualTo("fake predict --model m\n");
        assertThat(first.err()).contains("class-data archive");
        List<Path> written = archives(dir);
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getFileName().toString()).matches("rnnlab-cds-\\d+\\.jsa");

        Result second = launch(dir, "--help");
        assertThat(second.out()).isEqualTo("fake --help\n");
        assertThat(second.err()).isEmpty();
        assertThat(second.fakeFromArchive()).as("the second run maps the archive").isTrue();

        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000)); // a rebuilt jar
        Result stale = launch(dir, "--help");
        assertThat(stale.out()).isEqualTo("fake --help\n");
        assertThat(stale.err()).isEmpty();
        assertThat(stale.fakeFromArchive()).as("a stale archive is not used, and says nothing").isFalse();

        Files.write(written.get(0), new byte[] {1, 2, 3}); // unreadable, and newer than the jar
        Files.setLastModifiedTime(written.get(0), FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        Result corrupt = launch(dir, "evaluate", "x");
        assertThat(corrupt.code()).isZero();
        assertThat(corrupt.out()).isEqualTo("fake evaluate x\n");
        assertThat(corrupt.err()).isEmpty();
    }

    /** Under LC_ALL=C Java 17 decoded command-line paths as ASCII: a user's 'ünï/módel.rnnlab' was "Malformed input". */
    @Test
    void fileNamesAreDecodedAsUtf8UnderTheCLocale(@TempDir Path dir) throws Exception {
        installedLocales();
        launcherBesideAFakeJar(dir);
        Path model = Files.createDirectories(dir.resolve("\u00fcn\u00ef")).resolve("m\u00f3del.rnnlab");
        Files.writeString(model, "x");
        Result r = launch(dir, Map.of("LC_ALL", "C"), "encoding", model.toString());
        assertThat(r.out()).isEqualTo("UTF-8 UTF-8 true\n");
        assertThat(r.err()).as("the C locale is repaired without a word (containers, cron)").isEmpty();
    }

    /**
     * A UTF-8 locale that is named but not installed (LANG=tr_TR.UTF-8 forwarded by ssh from a Turkish laptop) left the JVM in
     * ASCII as under LC_ALL=C, while its name passed the launcher's test: a trial's 'ölçüm_ışık.csv' was refused as
     * "Malformed input" and log lines printed '?'. The launcher tests the locale itself, and says in one line that it uses
     * C.UTF-8 instead.
     */
    @Test
    void aLocaleThatIsNotInstalledIsReplacedByCUtf8AndSaidSo(@TempDir Path dir) throws Exception {
        String available = installedLocales();
        assumeTrue(available.lines().noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("xx_xx")), "xx_XX is no locale");
        launcherBesideAFakeJar(dir);
        Path data = Files.createDirectories(dir.resolve("\u00f6l\u00e7\u00fcm")).resolve("\u0131\u015f\u0131k_\u0130ni\u015f.csv");
        Files.writeString(data, "x");
        for (String variable : List.of("LC_ALL", "LANG")) {
            Result r = launch(dir, Map.of(variable, "xx_XX.UTF-8"), "encoding", data.toString());
            assertThat(r.out()).as(variable).isEqualTo("UTF-8 UTF-8 true\n");
            assertThat(r.err().lines().filter(l -> l.startsWith("rnnlab:")).toList()).as(r.err()).containsExactly("rnnlab: the locale "
                    + "xx_XX.UTF-8 (" + variable + ") is not installed on this system (locale -a lists those that are): using "
                    + "C.UTF-8 for rnnlab, so that file names and messages stay UTF-8");
        }
        // an installed UTF-8 locale is kept, and nothing is said
        Result installed = launch(dir, Map.of("LANG", "C.UTF-8"), "encoding", data.toString());
        assertThat(installed.out()).isEqualTo("UTF-8 UTF-8 true\n");
        assertThat(installed.err()).isEmpty();
    }

    /**
     * predict runs with C1 only (a short command), except on an input file over 32 MB, whose reading ran 2.5x slower under
     * C1 (a trial's 336 MB file: 76 s against 30 s).
     */
    @Test
    void predictOfALargeInputFileRunsWithC2(@TempDir Path dir) throws Exception {
        Path launcher = Path.of("..", "rnnlab").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(launcher), "the launcher is at the repository root");
        Files.copy(launcher, dir.resolve("rnnlab"));
        dir.resolve("rnnlab").toFile().setExecutable(true);
        Path target = Files.createDirectories(dir.resolve("evaluation/target/lib"));
        fakeJar(dir, target.getParent().resolve("rnnlab-cli.jar"));
        Path small = Files.writeString(dir.resolve("small.csv"), "x\n");
        Path large = dir.resolve("large.csv");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(33L << 20); // sparse: no 33 MB written
        }
        assertThat(launch(dir, "predict", "--input", small.toString()).out()).isEqualTo("tier 1\n");
        assertThat(launch(dir, "predict", "--input", large.toString()).out()).isEqualTo("tier 4\n");
        assertThat(launch(dir, "predict", "--input=" + large).out()).isEqualTo("tier 4\n");
        assertThat(launch(dir, "predict", "--input=" + small).out()).isEqualTo("tier 1\n");
    }

    record Result(int code, String out, String err, boolean fakeFromArchive) {
    }

    /** {@code locale -a}'s list, the test skipped where C.UTF-8 (what the launcher falls back to) is not installed. */
    private static String installedLocales() throws IOException, InterruptedException {
        Process locales = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
        String available = new String(locales.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        locales.waitFor();
        assumeTrue(available.lines().anyMatch(l -> l.equalsIgnoreCase("C.utf8") || l.equalsIgnoreCase("C.UTF-8")),
                "this system has the C.UTF-8 locale");
        return available;
    }

    /** The repository's launcher copied into {@code dir} beside a fake CLI jar, as a user's clone holds them. */
    private static void launcherBesideAFakeJar(Path dir) throws IOException {
        Path launcher = Path.of("..", "rnnlab").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(launcher), "the launcher is at the repository root");
        Files.copy(launcher, dir.resolve("rnnlab"));
        dir.resolve("rnnlab").toFile().setExecutable(true);
        Path target = Files.createDirectories(dir.resolve("evaluation/target/lib"));
        fakeJar(dir, target.getParent().resolve("rnnlab-cli.jar"));
    }

    private static Result launch(Path dir, String... args) throws IOException, InterruptedException {
        return launch(dir, Map.of(), args);
    }

    private static Result launch(Path dir, Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(dir.resolve("rnnlab").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        Map<String, String> env = pb.environment();
        env.remove("RNNLAB_CDS");
        env.put("RNNLAB_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        if (!extraEnv.isEmpty()) { // the locale given alone
            env.keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
            env.putAll(extraEnv);
        }
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        boolean shared = Files.exists(log) && Files.readAllLines(log).stream()
                .anyMatch(l -> l.contains(" Fake ") && l.contains("shared objects file (top)"));
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")), shared);
    }

    private static List<Path> archives(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("evaluation/target"))) {
            return s.filter(f -> f.getFileName().toString().contains(".jsa")).toList();
        }
    }

    /** A jar whose main prints "fake" and its arguments (exit 3 when the second is "fail"), dated a minute back. */
    static Path fakeJar(Path dir, Path jar) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src")).resolve("Fake.java");
        Files.writeString(src, FAKE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", dir.resolve("src").toString(), src.toString())).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Fake");
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, manifest)) {
            j.putNextEntry(new JarEntry("Fake.class"));
            j.write(Files.readAllBytes(dir.resolve("src/Fake.class")));
            j.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return jar;
    }
}
