package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StopSignal} in a real JVM stopped by each signal: a shutdown hook (as compare's) learns which signal it was, and the
 * JVM still exits 128 + the signal's number; and the message of a compare whose report writing a signal broke names the
 * signal, not the exception text that writing met (a user read "the report could not be (closed)").
 */
@EnabledOnOs(OS.LINUX)
class StopSignalTest {

    /** Installs StopSignal and a shutdown hook printing what it recorded, says "ready", then waits to be stopped. */
    public static final class Child {
        public static void main(String[] args) throws InterruptedException {
            StopSignal.install();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("stopped by " + StopSignal.received().orElse("nothing"));
                System.out.flush();
            }));
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void theHookLearnsTheSignalAndTheExitCodeStays(@TempDir Path dir) throws Exception {
        for (String[] signal : new String[][] {{"TERM", "143"}, {"INT", "130"}, {"HUP", "129"}}) {
            if (LauncherJvmTest.ignores(signal[0])) { // started ignoring it (nohup, a script's background): the child would too
                continue;
            }
            Path out = dir.resolve(signal[0] + ".txt");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline && !Files.readString(out).contains("ready")) {
                    Thread.sleep(20);
                }
                assertThat(Files.readString(out)).contains("ready");
                assertThat(new ProcessBuilder("kill", "-" + signal[0], String.valueOf(p.pid())).start().waitFor()).isZero();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            assertThat(Files.readString(out)).isEqualTo("ready\nstopped by SIG" + signal[0] + "\n");
            assertThat(p.exitValue()).isEqualTo(Integer.parseInt(signal[1]));
        }
    }

    @Test
    void aReportStoppedBySigtermSaysSoInsteadOfTheExceptionText() {
        Path dir = Path.of("runs", "c 1");
        assertThat(CompareCommand.reportNotWritten("closed", Optional.of("SIGTERM"), dir)).isEqualTo("rnnlab compare: every run finished "
                + "and results.json is written, but it was stopped by SIGTERM while writing the report; write it with: "
                + "rnnlab compare --resume 'runs/c 1'");
        assertThat(CompareCommand.reportNotWritten("closed", Optional.of(""), dir)).contains("but it was stopped while writing the report;")
                .doesNotContain("closed");
        // a real failure keeps its reason
        assertThat(CompareCommand.reportNotWritten("No space left on device", Optional.empty(), dir))
                .contains("but the report could not be (No space left on device); write it with: rnnlab compare --resume");
    }
}
