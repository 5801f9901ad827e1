package org.parley.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the lab's own server saw, read from its audit log ({@code logs/audit.jsonl}, docs/OPERATIONS.md):
 * the lab notes the log's length before an attack and reads the security events written after it.
 */
public final class ServerAudit {
    private static final Pattern EVENT = Pattern.compile("\"event\":\"([a-z_]+)\"");
    private static final Pattern ALERT = Pattern.compile("\"alert\":\"([A-Z_]+)\"");
    private static final Pattern REMOTE = Pattern.compile("\"remote\":\"([^\"]*)\"");

    private final Path file;

    ServerAudit(Path file) {
        this.file = file;
    }

    /** The log's current length: events after this mark belong to the attack that follows. */
    public long mark() throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /**
     * The first event named {@code event} written after {@code mark}, waiting up to {@code bound}
     * for the server to write it (the server writes it on its own thread).
     */
    public Optional<AuditEvent> await(long mark, String event, Duration bound) throws IOException {
        return await(mark, event, e -> true, bound);
    }

    /** As {@link #await(long, String, Duration)}, for the first such event that also matches {@code which}. */
    public Optional<AuditEvent> await(long mark, String event, Predicate<AuditEvent> which, Duration bound)
            throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Optional<AuditEvent> found = since(mark).stream().filter(e -> e.event().equals(event) && which.test(e))
                    .findFirst();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Every event written after {@code mark}. */
    public List<AuditEvent> since(long mark) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        byte[] all = Files.readAllBytes(file);
        if (mark >= all.length) {
            return List.of();
        }
        String text = new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
        return text.lines().map(ServerAudit::parse).flatMap(Optional::stream).toList();
    }

    private static Optional<AuditEvent> parse(String line) {
        Matcher event = EVENT.matcher(line);
        if (!event.find()) {
            return Optional.empty();
        }
        Matcher alert = ALERT.matcher(line);
        Matcher remote = REMOTE.matcher(line);
        return Optional.of(new AuditEvent(event.group(1), alert.find() ? Optional.of(alert.group(1)) : Optional.empty(),
                remote.find() ? Optional.of(remote.group(1)) : Optional.empty()));
    }

    /**
     * One audit event: its name, for {@code protocol_error} the alert the server sent, and the
     * client's address where the event names one ({@code /127.0.0.1:54321}).
     */
    public record AuditEvent(String event, Optional<String> alert, Optional<String> remote) {
    }
}
