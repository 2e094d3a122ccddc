package org.rnnlab.core;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.SerializedModelConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * Logback's configuration for programs that use rnnlab as a library and configure no logging themselves: warnings and
 * errors of rnnlab and the libraries it brings (DL4J, ND4J, ...; {@link #LIBRARIES}), and the program's own loggers from
 * INFO, on standard error; nothing on standard output. Without it Logback
 * falls back to its default, every logger at DEBUG on standard output, so a program's own output started with
 * rnnlab's and ND4J's start-up lines (the command line's {@code logback.xml} is in the CLI jar only). rnnlab's own
 * INFO lines (dataset summaries, early stops) are for the command line, where its {@code logback.xml} shows them.
 *
 * <p>Logback finds this class through {@code META-INF/services/ch.qos.logback.classic.spi.Configurator} of rnnlab's
 * core jar. Logback 1.5 calls such service configurators <em>before</em> it looks for {@code logback.xml}, so this one
 * steps aside ({@code INVOKE_NEXT_IF_ANY}) whenever a configuration file would be read: the system property
 * {@code logback.configurationFile} or {@code logback.scmoFile}, or {@code logback-test.xml}, {@code logback.xml},
 * {@code logback-test.scmo} or {@code logback.scmo} on the class path. The user's logging configuration, and the
 * command line's, always win; the lowest custom rank lets any other service configurator go first.
 *
 * <p>Logback is an optional dependency of core (compile scope, {@code <optional>}): this class needs it to compile,
 * but a user of rnnlab's API who logs through another SLF4J provider (log4j, JUL) is not handed Logback; without
 * Logback nothing reads the service file and this class is never loaded. Its version is pinned once, in the parent POM.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class LibraryLogging extends ContextAwareBase implements Configurator {
    /** Time, level, short logger name and message: enough to tell rnnlab's warnings from ND4J's. */
    static final String PATTERN = "%d{HH:mm:ss} %-5level %logger{20} - %msg%n";
    private static final List<String> CONFIGURATION_FILES = List.of(ClassicConstants.TEST_AUTOCONFIG_FILE,
            ClassicConstants.AUTOCONFIG_FILE, SerializedModelConfigurator.TEST_AUTOCONFIG_MODEL_FILE,
            SerializedModelConfigurator.AUTOCONFIG_MODEL_FILE);

    /**
     * The loggers held to warnings: rnnlab's and those of the libraries it brings (DL4J, ND4J, DataVec, JavaCPP, OSHI,
     * Jetty of the server, Spark). Every other logger, the program's own, logs from INFO.
     */
    static final List<String> LIBRARIES = List.of("org.rnnlab", "org.deeplearning4j", "org.nd4j", "org.datavec", "org.bytedeco",
            "oshi", "org.reflections", "org.eclipse.jetty", "io.prometheus", "org.apache.spark", "org.apache.hadoop", "io.netty",
            "ai.djl", "org.knowm", "me.tongfei", "com.fasterxml");

    /** Logback's service loader needs a public no-argument constructor. */
    public LibraryLogging() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configurationFileGiven()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("rnnlab-library-stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO); // the program's own loggers: its INFO lines still show (at WARN they vanished with rnnlab)
        root.addAppender(stderr);
        for (String library : LIBRARIES) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        // JavaCPP's two expected version warnings (JavaCppVersionWarnings): through SLF4J, if JavaCPP is not loaded yet
        JavaCppLogging.routeToSlf4j();
        JavaCppVersionWarnings versions = new JavaCppVersionWarnings();
        versions.setContext(context);
        versions.start();
        context.addTurboFilter(versions);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether Logback would read a configuration file, where it looks for one (its own class loader's resources). */
    static boolean configurationFileGiven() {
        if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
                || System.getProperty(ClassicConstants.MODEL_CONFIG_FILE_PROPERTY) != null) {
            return true;
        }
        ClassLoader loader = LoggerContext.class.getClassLoader();
        ClassLoader lookup = loader != null ? loader : ClassLoader.getSystemClassLoader();
        return CONFIGURATION_FILES.stream().anyMatch(name -> lookup.getResource(name) != null);
    }
}
