package org.rnnlab.core;

/**
 * Where JavaCPP (ND4J's native loader) sends its log messages, set before it loads. A class of its own, without Logback:
 * the command line calls it first thing, and under a stock spark-submit, whose class path has log4j and no Logback, a call
 * to {@link JavaCppVersionWarnings} (a Logback {@code TurboFilter}) failed every command, {@code --help} too, with
 * {@code NoClassDefFoundError: ch/qos/logback/classic/turbo/TurboFilter} (a Spark user's trial).
 */
public final class JavaCppLogging {

    private JavaCppLogging() {
    }

    /**
     * Sends JavaCPP's log messages to SLF4J (system property {@code org.bytedeco.javacpp.logger=slf4j}) unless that
     * property is set already; effective only before JavaCPP's {@code Loader} is first used. Through SLF4J they reach
     * Logback, where {@link JavaCppVersionWarnings} drops the two expected version warnings, or whatever back end SLF4J has.
     */
    public static void routeToSlf4j() {
        if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
            System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        }
    }
}
