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
 * start. The parent POM pins these versions on purpose and the whole test suite runs on them; any other mismatch (another
 * preset, or other versions of these two, e.g. ND4J's own OpenBLAS 0.3.19-1.5.7 in a project without rnnlab's BOM) still
 * shows.
 *
 * <p>JavaCPP prints its warnings on standard error itself unless the system property {@code
 * org.bytedeco.javacpp.logger} is {@code slf4j} when its {@code Loader} class is first used ({@link #routeToSlf4j}); then
 * they reach Logback as warnings of the logger {@code org.bytedeco.javacpp.Loader}, where this filter (in the command
 * line's {@code logback.xml}, the tests' and {@link LibraryLogging}'s configuration) removes the two.
 */
public final class JavaCppVersionWarnings extends TurboFilter {
    /** The logger JavaCPP's loader logs under through SLF4J. */
    static final String LOADER = "org.bytedeco.javacpp.Loader";
    /** JavaCPP's version and the two presets pinned at earlier releases, as the parent POM pins them (checked by its test). */
    static final String JAVACPP = "1.5.14";
    static final String OPENBLAS = "0.3.30-1.5.12";
    static final String OPENCL = "3.0-1.5.13";
    private static final java.util.Set<String> EXPECTED = java.util.Set.of(
            "Versions of org.bytedeco:javacpp:" + JAVACPP + " and org.bytedeco:openblas:" + OPENBLAS + " do not match.",
            "Versions of org.bytedeco:javacpp:" + JAVACPP + " and org.bytedeco:opencl:" + OPENCL + " do not match.");

    /** Logback creates the filter from its configuration file. */
    public JavaCppVersionWarnings() {
    }

    /**
     * {@link JavaCppLogging#routeToSlf4j}, which callers that may run without Logback (the command line) call directly:
     * naming this class loads Logback's {@code TurboFilter}.
     */
    public static void routeToSlf4j() {
        JavaCppLogging.routeToSlf4j();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return expected(logger == null ? null : logger.getName(), format) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** Whether {@code message} of logger {@code name} is one of the two expected version warnings. */
    static boolean expected(String name, String message) {
        return LOADER.equals(name) && message != null && EXPECTED.contains(message);
    }
}
