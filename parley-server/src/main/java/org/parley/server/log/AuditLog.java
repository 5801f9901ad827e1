package org.parley.server.log;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes security events as one JSON object per line to the SLF4J logger {@value #LOGGER_NAME},
 * which the bundled logback.xml routes to {@code <dataDir>/logs/audit.jsonl} (rotated daily).
 *
 * <p><b>Security.</b> Callers pass only names, addresses, codes and ids: never a password,
 * verifier, key, channel binding or message text. Values are JSON-escaped, so a hostile user
 * name cannot forge a second record.
 */
public final class AuditLog {
    public static final String LOGGER_NAME = "parley.audit";
    private final Logger logger;

    /** Writes to {@value #LOGGER_NAME}. */
    public AuditLog() {
        this(LOGGER_NAME);
    }

    /** Writes to {@code loggerName} (one per data directory, see {@link AuditFile}). */
    public AuditLog(String loggerName) {
        this.logger = LoggerFactory.getLogger(loggerName);
    }

    /** The audit logger name for a data directory: a child of {@value #LOGGER_NAME}. */
    public static String loggerNameFor(java.nio.file.Path dataDirectory) {
        return LOGGER_NAME + ".d" + Integer.toHexString(dataDirectory.toAbsolutePath().normalize().hashCode());
    }

    /** Records {@code event} with the given fields (in order) and a timestamp. */
    public void record(String event, Map<String, ?> fields) {
        if (!logger.isInfoEnabled()) {
            return;
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("ts", Instant.now().toString());
        all.put("event", event);
        all.putAll(fields);
        logger.info(toJson(all));
    }

    static String toJson(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, key).append(':');
            if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                quote(out, String.valueOf(value));
            }
        });
        return out.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
