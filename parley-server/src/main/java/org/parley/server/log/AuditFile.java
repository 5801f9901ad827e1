package org.parley.server.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Attaches a daily-rotated file appender for one server's audit logger, writing
 * {@code <dataDir>/logs/audit.jsonl} (30 days kept). Configured in code because the data
 * directory is known only when the server starts; detached again by {@link #close()}.
 * Does nothing when SLF4J is not bound to Logback.
 */
public final class AuditFile implements AutoCloseable {
    private final Logger logger;
    private final RollingFileAppender<ILoggingEvent> appender;

    private AuditFile(Logger logger, RollingFileAppender<ILoggingEvent> appender) {
        this.logger = logger;
        this.appender = appender;
    }

    /** Routes {@code loggerName} to {@code <dataDirectory>/logs/audit.jsonl}. */
    public static AuditFile attach(String loggerName, Path dataDirectory) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new AuditFile(null, null);
        }
        Path file = dataDirectory.toAbsolutePath().resolve("logs").resolve("audit.jsonl");
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("audit-" + loggerName);
        appender.setFile(file.toString());
        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file.getParent().resolve("audit.%d{yyyy-MM-dd}.jsonl").toString());
        policy.setMaxHistory(30);
        policy.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        appender.start();
        Logger logger = context.getLogger(loggerName);
        logger.setAdditive(false);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(appender);
        return new AuditFile(logger, appender);
    }

    @Override
    public void close() {
        if (logger != null) {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
