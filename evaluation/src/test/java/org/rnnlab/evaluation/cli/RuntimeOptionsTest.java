package org.rnnlab.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --threads}: parsed with its default, and a warning where it cannot apply. */
class RuntimeOptionsTest {

    private static RuntimeOptions parse(String... args) {
        RuntimeOptions o = new RuntimeOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    private static String warnings(RuntimeOptions o, String impl) {
        StringWriter s = new StringWriter();
        o.warnIfIgnored(impl, new PrintWriter(s));
        return s.toString();
    }

    @Test
    void defaultIsOneThread() {
        assertEquals(1, parse().threads());
    }

    @Test
    void dl4jLayersWithMoreThreadsAreWarnedAbout() {
        String w = warnings(parse("--threads", "2"), "dl4j");
        assertTrue(w.contains("--threads 2") && w.contains("--impl dl4j") && w.contains("one thread"), w);
        assertTrue(warnings(parse("--threads", "2"), "DL4J").contains("--impl dl4j"), "any case, as --impl accepts it");
    }

    @Test
    void noWarningWhereTheThreadsApply() {
        assertEquals("", warnings(parse("--threads", "2"), "rnnlab"));
        assertEquals("", warnings(parse("--threads", "1"), "dl4j"));
        assertEquals("", warnings(parse(), "dl4j"));
    }
}
