package org.parley.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.parley.server.log.ConsoleLog;
import org.slf4j.LoggerFactory;

/**
 * Keeps every line the server's console log writes at {@code level} or above until closed, then
 * puts the logger back as it was (the tests' logback configuration shows only warnings).
 */
public final class ConsoleCapture implements AutoCloseable {
    private final Logger console = (Logger) LoggerFactory.getLogger(ConsoleLog.LOGGER_NAME);
    private final Level before = console.getLevel();
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    public ConsoleCapture(Level level) {
        captured.start();
        console.addAppender(captured);
        console.setLevel(level);
    }

    /** The lines so far, formatted. */
    public List<String> lines() {
        return List.copyOf(captured.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        console.detachAppender(captured);
        console.setLevel(before);
    }
}
