package org.parley.server.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.parley.protocol.suite.CipherSuite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One concise console line per server event, through the SLF4J logger {@value #LOGGER_NAME}.
 *
 * <p><b>Security.</b> Message text appears only when the operator asked for it
 * ({@code showMessages}); otherwise a message is logged as id, conversation and size. No method
 * takes a password, key or channel binding. A summary of messages without a line of their own
 * ({@link MessageLines}) gives only their count and total size.
 */
public final class ConsoleLog {
    public static final String LOGGER_NAME = "parley.server";
    private static final long FLUSH_MILLIS = 1_000;
    private final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private final boolean showMessages;
    private final MessageLines messageLines;
    private final MessageLines.Summary summaryLine = this::hiddenMessages;

    public ConsoleLog(boolean showMessages) {
        this(showMessages, Clock.systemDefaultZone());
    }

    /** {@code clock} sets the seconds of {@link MessageLines}; summaries show them in the system's time zone. */
    public ConsoleLog(boolean showMessages, Clock clock) {
        this.showMessages = showMessages;
        this.messageLines = new MessageLines(clock);
    }

    public void listening(SocketAddress address, String transport) {
        logger.info("listening on {} ({})", address, transport);
    }

    public void connected(SocketAddress peer) {
        logger.info("connection from {}", peer);
    }

    public void refused(SocketAddress peer, String why) {
        logger.info("refused {}: {}", peer, why);
    }

    public void established(SocketAddress peer, CipherSuite suite) {
        logger.info("{} secure channel {}", peer, suite.canonicalName());
    }

    public void disconnected(SocketAddress peer, String user, String why) {
        logger.info("{} {} disconnected: {}", peer, user == null ? "-" : user, why);
    }

    public void loginOk(SocketAddress peer, String user, String method) {
        logger.info("{} login ok: {} ({})", peer, user, method);
    }

    public void loginFailed(SocketAddress peer, String why) {
        logger.info("{} login failed: {}", peer, why);
    }

    public void joined(String user, String room) {
        logger.info("{} joined {}", user, room);
    }

    public void left(String user, String room) {
        logger.info("{} left {}", user, room);
    }

    /**
     * A stored room message: id, room, sender, body size; the text only when enabled. At most
     * {@link MessageLines#PER_SECOND} lines a second: checked first, so a message past the limit
     * costs no text, no string and no log event, only a count for the next summary line.
     */
    public void roomMessage(StoredMessage stored, String room) {
        if (!logger.isInfoEnabled() || !messageLines.admit(stored.body().length(), summaryLine)) {
            return;
        }
        int size = stored.body().length();
        if (showMessages && stored.contentType() == ContentType.TEXT) {
            String text = new String(stored.body().toByteArray(), StandardCharsets.UTF_8);
            logger.info("message #{} room {} from {} ({} bytes): {}", stored.id(), room, stored.from(), size, printable(text));
        } else {
            logger.info("message #{} room {} from {} ({} bytes)", stored.id(), room, stored.from(), size);
        }
    }

    /** Writes the summary line of messages stored since the last one that had no line of their own, if any. */
    public void summarizeMessages() {
        messageLines.summarize(summaryLine);
    }

    private void hiddenMessages(long epochSecond, long messages, long bytes) {
        // The system's zone, as the console's own timestamps (Logback's %d), whatever the clock's zone.
        LocalTime second = LocalTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneId.systemDefault());
        logger.info("... and {} more {} ({}) in the second from {}, not shown one by one",
                String.format(Locale.ROOT, "%,d", messages), messages == 1 ? "message" : "messages", size(bytes),
                SECOND.format(second));
    }

    /** A byte count for people: "950 B", "12.3 kB", "3.2 MB", "1.5 GB" (decimal units). */
    static String size(long bytes) {
        if (bytes < 1_000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1_000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Escapes control and bidi characters so a message cannot forge or hide console lines. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    public void notice(String text) {
        logger.info("{}", text);
    }

    public void warn(String text, Throwable cause) {
        logger.warn(text, cause);
    }

    /**
     * Waits, at most a second, until the lines logged so far are written when the console is
     * written by a {@link BoundedAsyncAppender} (logback.xml): the last lines before the server
     * stops are not lost. Does nothing under any other logging set-up.
     */
    public void flush() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appenders::add);
        context.getLogger(LOGGER_NAME).iteratorForAppenders().forEachRemaining(appenders::add);
        try {
            for (Appender<ILoggingEvent> appender : appenders) {
                if (appender instanceof BoundedAsyncAppender async) {
                    async.flush(FLUSH_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
