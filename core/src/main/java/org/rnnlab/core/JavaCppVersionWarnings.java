package org.rnnlab.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops JavaCPP's two expected version warnings, and only those: rnnlab runs JavaCPP 1.5.14 (for oneDNN 3.13's preset,
 * whose f32 GEMM no longer corrupts the heap when a signal such as a profiler's arrives during it) beside the OpenBLAS
 * and OpenCL presets of earlier JavaCPP releases (Maven Central has none for 1.5.14), and JavaCPP's {@code Loader}
 * says {@code Versions of org.bytedeco:javacpp:1.5.14 and org.bytedeco:openblas:0.3.30-1.5.12 do not match.} on every
 * start. The parent POM pins these versions on purpose and the whole test suite runs on them; a mismatch of any other
 * preset (one a user adds) still shows.
 *
 * <p>JavaCPP prints its warnings on standard error itself unless the system property {@code
 * org.bytedeco.javacpp.logger} is {@code slf4j} when its {@code Loader} class is first used ({@link #routeToSlf4j}); then
 * they reach Logback as warnings of the logger {@code org.bytedeco.javacpp.Loader}, where this filter (in the command
 * line's {@code logback.xml}, the tests' and {@link LibraryLogging}'s configuration) removes the two.
 */
public final class JavaCppVersionWarnings extends TurboFilter {
    /** The logger JavaCPP's loader logs under through SLF4J. */
    static final String LOADER = "org.bytedeco.javacpp.Loader";
    private static final String PREFIX = "Versions of org.bytedeco:javacpp:";
    /** The presets pinned at an earlier JavaCPP release than JavaCPP itself. */
    private static final String[] EARLIER = {" and org.bytedeco:openblas:", " and org.bytedeco:opencl:"};

    /** Logback creates the filter from its configuration file. */
    public JavaCppVersionWarnings() {
    }

    /**
     * Sends JavaCPP's log messages to SLF4J (system property {@code org.bytedeco.javacpp.logger=slf4j}) unless that
     * property is set already; effective only before JavaCPP's {@code Loader} is first used, so the command line calls it
     * first thing.
     */
    public static void routeToSlf4j() {
        if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
            System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return expected(logger == null ? null : logger.getName(), format) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** Whether {@code message} of logger {@code name} is one of the two expected version warnings. */
    static boolean expected(String name, String message) {
        if (!LOADER.equals(name) || message == null || !message.startsWith(PREFIX) || !message.endsWith(" do not match.")) {
            return false;
        }
        for (String preset : EARLIER) {
            if (message.indexOf(preset) > PREFIX.length()) {
                return true;
            }
        }
        return false;
    }
}
