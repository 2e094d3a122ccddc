package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A Spark user's trial: under a stock spark-submit (log4j, no Logback) the cluster jar failed every command, {@code --help}
 * too, with {@code NoClassDefFoundError: ch/qos/logback/classic/turbo/TurboFilter}: {@link Main#main} named a Logback
 * filter class first thing. In a JVM whose class path has no Logback, the command line starts and answers.
 */
class MainWithoutLogbackTest {

    private static String classPathWithoutLogback() {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("logback-")).collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("logback-classic").doesNotContain("logback-core");
        return classPath;
    }

    @Test
    void theCommandLineAnswersWithoutLogback() throws Exception {
        for (List<String> args : List.of(List.of("--help"), List.of("compare", "--help"))) {
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPathWithoutLogback(), Main.class.getName()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(out).as(args.toString()).doesNotContain("NoClassDefFoundError").contains("Usage: rnnlab");
            assertThat(p.exitValue()).as(out).isZero();
        }
    }
}
