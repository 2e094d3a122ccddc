package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line prints: messages cut only where a quoted value is long, in UTF-8 whatever the locale. */
class MessagesAndEncodingTest {

    @Test
    void longQuotedValuesAreCutButTheTextBetweenShortOnesIsKept() {
        String longValue = "x".repeat(150);
        assertThat(Main.shorten("value '" + longValue + "' is not a number"))
                .isEqualTo("value '" + "x".repeat(80) + "...' is not a number");
        String advice = "t.csv:2: value '1,5' in column 'ax' (expected a finite decimal number with a decimal point: decimal commas "
                + "are not read; export the file with '.' as the decimal separator)";
        assertThat(Main.shorten(advice)).isEqualTo(advice);
    }

    /**
     * A folder's list of files that could not be read is cut at a file's end, with how many more files (trial 76f F1: the
     * third wafer file's advice was cut mid-sentence, "... (message cut)").
     */
    @Test
    void aLongListOfFilesIsCutAtALinesEndWithTheFilesLeftCounted() {
        String nl = System.lineSeparator();
        String advice = "value 'OVF' in column 'rf_power_W' is not a number (expected a finite decimal number; " + "so it goes ".repeat(50)
                + "the end of the advice)";
        StringBuilder m = new StringBuilder("data/train: 25 sequence files could not be read (every file was read; fix or remove "
                + "these and run again, nothing was built from the folder):");
        for (int i = 1; i <= 20; i++) {
            m.append(nl).append("  data/train/W41").append(i).append(".csv:12: ").append(advice);
        }
        m.append(nl).append("  and 5 more file(s)");
        String shown = Main.shorten(m.toString());
        assertThat(shown).doesNotEndWith("... (message cut)").hasSizeLessThan(2200);
        List<String> lines = shown.lines().toList();
        assertThat(lines.subList(1, lines.size() - 1)).isNotEmpty().allSatisfy(l -> assertThat(l).endsWith("the end of the advice)"));
        int listed = lines.size() - 2;
        assertThat(lines.get(lines.size() - 1)).isEqualTo("  and " + (25 - listed) + " more file(s) (message cut at a line's end, "
                + "each line shown whole; fix these, and run again to see the rest)");
        // one long line is still cut as before
        assertThat(Main.shorten("y ".repeat(1500))).endsWith("... (message cut)").hasSize(2000 + "... (message cut)".length());
    }

    /** Running out of heap is said as such, with what to do, also under DL4J's wrapper (a user saw only its message). */
    @Test
    void outOfMemoryIsSaidWithWhatToDo() {
        assertThat(Main.messageOf(new RuntimeException("Error during neural network forward pass",
                new OutOfMemoryError("Java heap space")))).startsWith("out of memory: the work did not fit in the Java heap of ")
                .contains("lower --hidden, --batch").contains("RNNLAB_JAVA_OPTS=-Xmx8g");
        assertThat(Main.messageOf(new IllegalStateException("x"))).isEqualTo("x");
    }

    /** The advice names only options the command has: predict, with neither --hidden nor --batch, was told to lower both. */
    @Test
    void outOfMemoryAdviceNamesOnlyTheCommandsOwnOptions() {
        var oom = new RuntimeException("Error during neural network forward pass", new OutOfMemoryError("Java heap space"));
        picocli.CommandLine cl = Main.commandLine();
        String predict = Main.messageOf(oom, cl.getSubcommands().get("predict").getCommandSpec());
        assertThat(predict).doesNotContain("--hidden").doesNotContain("--batch")
                .contains("; give it shorter sequences or a smaller input, or give the JVM more heap (e.g. RNNLAB_JAVA_OPTS=-Xmx8g");
        assertThat(Main.messageOf(oom, cl.getSubcommands().get("train").getCommandSpec()))
                .contains("; lower --hidden, --batch or the sequences' length, or give the JVM more heap");
    }

    /** java.nio's file errors carry only the path; the message says what went wrong with it, wrapped or not. */
    @Test
    void fileErrorsSayWhatWentWrongNotJustThePath() {
        assertThat(Main.messageOf(new java.nio.file.AccessDeniedException("/ro/runs")))
                .isEqualTo("/ro/runs: permission denied");
        assertThat(Main.messageOf(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/x/y"))))
                .isEqualTo("/x/y: no such file or directory");
        assertThat(Main.messageOf(new java.nio.file.FileSystemException("/a", null, "Read-only file system")))
                .isEqualTo("/a: Read-only file system");
        assertThat(Main.messageOf(new IllegalStateException("cannot remove /r/x from the earlier run",
                new java.nio.file.AccessDeniedException("/r/x")))).isEqualTo("cannot remove /r/x from the earlier run (/r/x: permission denied)");
        assertThat(Main.messageOf(new java.nio.file.AccessDeniedException(null))).isEqualTo("AccessDeniedException");
    }

    /** Under the C locale, a non-ASCII label in a message comes out in UTF-8, not as '?'. */
    @Test
    void standardErrorIsUtf8UnderTheCLocale(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("one.csv"), "sequence_id,x,label\na,1,marché\na,2,marché\nb,1,marché\nb,3,marché\n",
                StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--dataset", "csv", "--train", csv.toString(), "--out", dir.resolve("run").toString());
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isNotZero();
        assertThat(text).contains("marché");
    }

    /**
     * Log lines are UTF-8 under the C locale too, as standard error's own messages are: rnnlab's logback.xml gives its console
     * encoder UTF-8 (a trial under a locale that was named but not installed, ASCII to the JVM, read {@code acc_?} and
     * {@code '?niş'} in its INFO lines while the summary lines were right).
     */
    @Test
    void logLinesAreUtf8UnderTheCLocale(@TempDir Path dir) throws Exception {
        StringBuilder rows = new StringBuilder("sequence_id,time,acc_\u0131,label\n");
        for (int s = 0; s < 12; s++) {
            for (int t = 0; t < 3; t++) {
                rows.append('s').append(s).append(',').append(t).append(',').append(s % 2 == 0 ? t : -t).append('.').append(s).append(',')
                        .append(s % 2 == 0 ? "\u0130ni\u015f" : "\u0131\u015f\u0131k").append('\n');
            }
        }
        Path csv = Files.writeString(dir.resolve("t.csv"), rows, StandardCharsets.UTF_8);
        Path logback = Path.of("src/main/resources/logback.xml").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Xmx512m", "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--dataset", "csv", "--train",
                csv.toString(), "--epochs", "1", "--hidden", "2", "--out", dir.resolve("run").toString());
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        List<String> logged = new String(err, StandardCharsets.UTF_8).lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d (INFO|WARN) .*"))
                .toList();
        assertThat(logged).as("log lines").anyMatch(l -> l.contains("acc_\u0131") && l.contains("columns:"))
                .anyMatch(l -> l.contains("'\u0130ni\u015f'")).noneMatch(l -> l.contains("acc_?"));
    }
}
