package org.parley.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.testing.ConsoleCapture;
import org.parley.server.testing.ManualClock;

class ConsoleLogTest {
    private static final String SECRET = "MARKER-the text itself";
    private static final Instant START = Instant.parse("2026-12-05T16:02:03.250Z");
    /** The second of START as the console shows it: in the system's zone, as Logback's timestamps. */
    private static final String START_SECOND = LocalTime.ofInstant(START, ZoneId.systemDefault())
            .format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    private final ManualClock clock = new ManualClock(START);

    private static StoredMessage message(long id, String text) {
        return new StoredMessage(id, 0, "alice", ContentType.TEXT, Bytes.utf8(text));
    }

    @Test
    void writesALineForEachMessageBelowTheLimitWithoutItsText() {
        ConsoleLog console = new ConsoleLog(false, clock);
        try (ConsoleCapture capture = new ConsoleCapture(Level.INFO)) {
            console.roomMessage(message(1, SECRET), "lobby");
            console.roomMessage(message(2, "hi"), "lobby");

            assertThat(capture.lines()).containsExactly("message #1 room lobby from alice (22 bytes)",
                    "message #2 room lobby from alice (2 bytes)");
        }
    }

    @Test
    void summarizesTheMessagesPastTheLimitInOneLineWithTheirCountAndSize() {
        ConsoleLog console = new ConsoleLog(true, clock);
        String text = "x".repeat(100);
        int past = 1_234;
        try (ConsoleCapture capture = new ConsoleCapture(Level.INFO)) {
            for (int id = 1; id <= MessageLines.PER_SECOND + past; id++) {
                console.roomMessage(message(id, text), "lobby");
            }
            clock.advance(Duration.ofSeconds(1));
            console.roomMessage(message(9_999, "next"), "lobby");

            List<String> lines = capture.lines();
            assertThat(lines).hasSize(MessageLines.PER_SECOND + 2);
            assertThat(lines.get(MessageLines.PER_SECOND - 1))
                    .isEqualTo("message #" + MessageLines.PER_SECOND + " room lobby from alice (100 bytes): " + text);
            assertThat(lines.get(MessageLines.PER_SECOND))
                    .isEqualTo("... and 1,234 more messages (123.4 kB) in the second from " + START_SECOND + ", not shown one by one");
            assertThat(lines.getLast()).isEqualTo("message #9999 room lobby from alice (4 bytes): next");
        }
    }

    @Test
    void theSummaryNeverCarriesTextEvenWhenMessagesAreShown() {
        ConsoleLog console = new ConsoleLog(true, clock);
        try (ConsoleCapture capture = new ConsoleCapture(Level.INFO)) {
            for (int id = 1; id <= MessageLines.PER_SECOND; id++) {
                console.roomMessage(message(id, "ordinary"), "lobby");
            }
            console.roomMessage(message(100, SECRET), "lobby");
            console.summarizeMessages();

            assertThat(capture.lines()).hasSize(MessageLines.PER_SECOND + 1).noneMatch(line -> line.contains("MARKER"))
                    .last().isEqualTo("... and 1 more message (22 B) in the second from " + START_SECOND + ", not shown one by one");
        }
    }

    @Test
    void escapesControlCharactersSoAMessageCannotForgeAConsoleLine() {
        ConsoleLog console = new ConsoleLog(true, clock);
        try (ConsoleCapture capture = new ConsoleCapture(Level.INFO)) {
            console.roomMessage(message(1, "a\n16:00:00 login ok: root\u202e"), "lobby");

            assertThat(capture.lines()).containsExactly(
                    "message #1 room lobby from alice (28 bytes): a\\u000a16:00:00 login ok: root\\u202e");
        }
    }

    @Test
    void writesSizesForPeople() {
        assertThat(List.of(ConsoleLog.size(0), ConsoleLog.size(999), ConsoleLog.size(1_000), ConsoleLog.size(123_400),
                ConsoleLog.size(3_249_999), ConsoleLog.size(999_960), ConsoleLog.size(1_500_000_000L)))
                .containsExactly("0 B", "999 B", "1.0 kB", "123.4 kB", "3.2 MB", "1.0 MB", "1.5 GB");
    }
}
