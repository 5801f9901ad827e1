package org.parley.server.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.parley.protocol.suite.CipherSuite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One concise console line per server event, through the SLF4J logger {@value #LOGGER_NAME}.
 *
 * <p><b>Security.</b> Message text appears only when the operator asked for it
 * ({@code showMessages}); otherwise a message is logged as id, conversation and size. No method
 * takes a password, key or channel binding.
 */
public final class ConsoleLog {
    public static final String LOGGER_NAME = "parley.server";
    private static final long FLUSH_MILLIS = 1_000;
    private final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);
    private final boolean showMessages;

    public ConsoleLog(boolean showMessages) {
        this.showMessages = showMessages;
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

    /** A stored message: id, "room" or "private", body size; the text only when enabled. */
    public void message(long id, String conversation, String from, int size, String text) {
        if (showMessages && text != null) {
            logger.info("message #{} {} from {} ({} bytes): {}", id, conversation, from, size, printable(text));
        } else {
            logger.info("message #{} {} from {} ({} bytes)", id, conversation, from, size);
        }
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
