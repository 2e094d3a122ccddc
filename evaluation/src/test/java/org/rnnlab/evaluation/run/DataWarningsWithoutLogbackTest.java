package org.rnnlab.evaluation.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A Spark user's trial: the cluster jar (which leaves Logback out, the cluster's own logging being used) failed under a
 * stock spark-submit with {@code NoClassDefFoundError: ch/qos/logback/core/Appender} when a comparison opened its data,
 * since {@link DataWarnings} named Logback's classes. In a JVM whose class path has no Logback (SLF4J without a
 * provider), capturing the data's warnings opens the data and keeps none.
 */
class DataWarningsWithoutLogbackTest {

    @Test
    void withoutLogbackOnTheClassPathTheDataOpenAndNoWarningIsKept() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("logback-")).collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("logback-classic").doesNotContain("logback-core");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", classPath, Child.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("opened: data; kept: 0").doesNotContain("NoClassDefFoundError");
    }

    /** Opens "data" through {@link DataWarnings#capture}, logging a warning meanwhile, and prints what it got. */
    public static final class Child {
        public static void main(String[] args) {
            List<String> kept = new ArrayList<>();
            String opened = DataWarnings.capture(() -> {
                org.slf4j.LoggerFactory.getLogger("org.rnnlab.datasets.csv").warn("a warning while the data open");
                return "data";
            }, kept);
            System.out.println("opened: " + opened + "; kept: " + kept.size());
        }
    }
}
