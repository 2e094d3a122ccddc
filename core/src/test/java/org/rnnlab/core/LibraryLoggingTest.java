package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that uses rnnlab as a library and configures no logging gets {@link LibraryLogging}: nothing on standard
 * output but its own, warnings on standard error, no DEBUG or INFO lines of rnnlab or ND4J. A program with its own
 * {@code logback.xml} keeps it. Each case is a fresh JVM on this module's test class path without
 * {@code target/test-classes} (whose {@code logback-test.xml} would configure Logback), plus the child class alone.
 */
class LibraryLoggingTest {

    record Result(String out, String err) {
    }

    @Test
    void withoutAConfigurationFileOnlyWarningsAppearAndOnStandardError(@TempDir Path dir) throws Exception {
        Result r = child(dir);
        assertThat(r.out()).isEqualTo("sum 6\nprogram output\n");
        assertThat(r.err()).contains("WARN  org.rnnlab.example - warn line").doesNotContain("debug line")
                .doesNotContain("- info line").doesNotContain("DEBUG")
                // JavaCPP's expected version warnings of the OpenBLAS and OpenCL presets (JavaCppVersionWarnings)
                .doesNotContain("do not match");
        // the program's own loggers keep their INFO lines (held to WARN with the rest, a user's service lost them)
        assertThat(r.err().lines().filter(l -> l.contains("INFO"))).containsExactly(
                r.err().lines().filter(l -> l.contains("INFO  com.example.service - own info line")).findFirst().orElse("missing"));
    }

    @Test
    void theProgramsOwnLogbackXmlWins(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>mine %level %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        Result r = child(dir, "without-nd4j");
        assertThat(r.out()).isEqualTo("mine INFO info line\nmine WARN warn line\nmine INFO own info line\nprogram output\n");
        assertThat(r.err()).doesNotContain("warn line");
    }

    /** Runs {@link LibraryLoggingChild} with {@code dir} (where its class is copied) first on the class path. */
    private static Result child(Path dir, String... args) throws IOException, InterruptedException {
        String name = LibraryLoggingChild.class.getName();
        Path classFile = dir.resolve(name.replace('.', '/') + ".class");
        Files.createDirectories(classFile.getParent());
        try (InputStream in = LibraryLoggingChild.class.getResourceAsStream(LibraryLoggingChild.class.getSimpleName() + ".class")) {
            Files.write(classFile, in.readAllBytes());
        }
        String classPath = dir + File.pathSeparator + Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classPath, name));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Result r = new Result(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
        assertThat(p.exitValue()).as(r.err()).isZero();
        return r;
    }
}
