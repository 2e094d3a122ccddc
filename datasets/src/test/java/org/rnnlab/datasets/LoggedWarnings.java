package org.rnnlab.datasets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The warnings a class logs (through Logback, the tests' SLF4J binding) while an action runs. */
public final class LoggedWarnings {

    /** An action that may throw. */
    public interface Action {
        void run() throws Exception;
    }

    private LoggedWarnings() {
    }

    /** The formatted WARN messages {@code source}'s logger wrote while {@code action} ran. */
    public static List<String> of(Class<?> source, Action action) throws Exception {
        return at(Level.WARN, source, action);
    }

    /** The formatted INFO messages {@code source}'s logger wrote while {@code action} ran. */
    public static List<String> infos(Class<?> source, Action action) throws Exception {
        return at(Level.INFO, source, action);
    }

    /** The formatted messages of that level {@code source}'s logger wrote while {@code action} ran. */
    public static List<String> at(Level level, Class<?> source, Action action) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(source);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
