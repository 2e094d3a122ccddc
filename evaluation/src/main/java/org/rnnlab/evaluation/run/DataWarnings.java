package org.rnnlab.evaluation.run;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.rnnlab.core.AtomicFiles;
import org.slf4j.LoggerFactory;

/**
 * The warnings rnnlab's dataset readers give while a comparison's data open (test sequences or groups that are also in
 * training, repeated texts, extreme values, ...), kept in the run folder ({@value #FILE}, one per line) so that the
 * report shows them beside the scores they qualify: on the terminal alone they were gone once the report was read.
 */
public final class DataWarnings {
    /** The file in a comparison's folder. */
    public static final String FILE = "data-warnings.txt";
    private static final String LOGGER = "org.rnnlab.datasets";

    private DataWarnings() {
    }

    /**
     * Runs {@code open} and adds the warnings the dataset readers logged on this thread meanwhile to {@code into}. Where
     * SLF4J's back end is not Logback (spark-submit's log4j, where Logback is not even on the class path) the warnings go
     * where that back end sends them, and none are kept.
     */
    public static <T> T capture(Supplier<T> open, List<String> into) {
        if (!LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback.")) {
            return open.get();
        }
        return WithLogback.capture(open, into);
    }

    /**
     * The capture through Logback, in a class of its own: the JVM loads the Logback classes a method names when it verifies
     * the method's class, so in {@code DataWarnings} itself they failed it with {@code NoClassDefFoundError} under a
     * spark-submit without Logback, before any check could run.
     */
    private static final class WithLogback {
        static <T> T capture(Supplier<T> open, List<String> into) {
            if (!(LoggerFactory.getLogger(LOGGER) instanceof ch.qos.logback.classic.Logger logger)) {
                return open.get();
            }
            ListAppender<ILoggingEvent> appender = new ListAppender<>();
            appender.start();
            logger.addAppender(appender);
            String thread = Thread.currentThread().getName();
            try {
                return open.get();
            } finally {
                logger.detachAppender(appender);
                appender.stop();
                for (ILoggingEvent e : new ArrayList<>(appender.list)) {
                    if (e.getLevel().isGreaterOrEqual(Level.WARN) && thread.equals(e.getThreadName())) {
                        into.add(e.getFormattedMessage().replace('\n', ' '));
                    }
                }
            }
        }
    }

    /** Writes {@code warnings} into {@code dir} (nothing when there are none). */
    public static void write(Path dir, List<String> warnings) throws IOException {
        if (!warnings.isEmpty()) {
            AtomicFiles.writeString(dir.resolve(FILE), String.join("\n", warnings) + "\n");
        }
    }

    /** The warnings kept in {@code dir}, none if there is no such file. */
    public static List<String> read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
