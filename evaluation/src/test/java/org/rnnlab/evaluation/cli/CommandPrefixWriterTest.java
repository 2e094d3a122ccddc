package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * predict's and evaluate's standard error: the shared checks' bare {@code warning:} and {@code note:} lines get the command's
 * name, as its own lines have it (a README auditor's {@code grep '^predict:'} missed the new-data warnings).
 */
class CommandPrefixWriterTest {

    @Test
    void bareWarningAndNoteLinesGetTheCommandsNameOthersPassUnchanged() {
        StringWriter out = new StringWriter();
        PrintWriter err = CommandPrefixWriter.over(new PrintWriter(out, true), "predict");
        err.printf("warning: code(s) never seen in training, in %d feature(s)%n", 1);
        err.println("note: cells written -999 read as missing values");
        err.println("predict: note: 0 of 30 rows have a top-class probability below p05");
        err.print("  a continuation line, ");
        err.print("written in two parts\n");
        err.println("a warning: inside a line is no line start");
        err.flush();
        assertThat(out.toString().split("\n")).containsExactly(
                "predict: warning: code(s) never seen in training, in 1 feature(s)",
                "predict: note: cells written -999 read as missing values",
                "predict: note: 0 of 30 rows have a top-class probability below p05",
                "  a continuation line, written in two parts",
                "a warning: inside a line is no line start");
    }

    @Test
    void aPartialLineIsWrittenAtAFlushAndNotPrefixedAgainAfterIt() {
        StringWriter out = new StringWriter();
        PrintWriter err = CommandPrefixWriter.over(new PrintWriter(out, true), "evaluate");
        err.print("warning: reading");
        err.flush();
        assertThat(out.toString()).isEqualTo("evaluate: warning: reading");
        err.println(" ... done");
        err.print("note: last");
        err.flush();
        assertThat(out.toString()).isEqualTo("evaluate: warning: reading ... done\nevaluate: note: last");
    }
}
