package org.parley.cli.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends the server's audit log (JSON lines, one security event each) to
 * {@code DATA/logs/audit.jsonl}, rotated daily and at 10 MB, keeping 30 days and at most 1 GB.
 * Done in code rather than in logback.xml so that {@code parley chat} never creates the file.
 */
final class AuditLogFile {
    private AuditLogFile() {
    }

    static void attach(Path dataDirectory, String loggerName) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Path directory = dataDirectory.toAbsolutePath().resolve("logs");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("AUDIT");
        appender.setFile(directory.resolve("audit.jsonl").toString());
        appender.setEncoder(encoder);

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(directory.resolve("audit-%d{yyyy-MM-dd}.%i.jsonl.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(30);
        policy.setTotalSizeCap(FileSize.valueOf("1GB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.start();

        Logger logger = context.getLogger(loggerName);
        logger.setAdditive(false);
        logger.addAppender(appender);
    }
}
