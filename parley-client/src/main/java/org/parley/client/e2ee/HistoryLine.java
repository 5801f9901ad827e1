package org.parley.client.e2ee;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.parley.e2ee.E2eSuite;

/**
 * One line of a local history file: {@code message_id hex TAB outgoing(0|1) TAB from_user TAB
 * from_device TAB suite code TAB sent_at ms TAB from_unverified(0|1) TAB base64(text)}. A line
 * without the {@code from_unverified} field (written before it existed) reads as 0. A torn last
 * line (a crash during an append) does not parse and is skipped.
 */
final class HistoryLine {
    private HistoryLine() {
    }

    static String format(E2eMessage message) {
        return String.join("\t", message.messageId(), message.outgoing() ? "1" : "0", message.fromUser(),
                Long.toString(message.fromDevice()), Integer.toString(message.suite().code()),
                Long.toString(message.sentAt().toEpochMilli()), message.fromUnverifiedDevice() ? "1" : "0",
                Base64.getEncoder().encodeToString(message.text().getBytes(StandardCharsets.UTF_8)));
    }

    static Optional<E2eMessage> parse(String peer, String line) {
        String[] parts = line.split("\t", -1);
        if (parts.length != 7 && parts.length != 8) {
            return Optional.empty();
        }
        boolean marked = parts.length == 8;
        if (marked && !parts[6].equals("0") && !parts[6].equals("1")) {
            return Optional.empty();
        }
        try {
            Optional<E2eSuite> suite = E2eSuite.fromCode(Integer.parseInt(parts[4]));
            if (suite.isEmpty()) {
                return Optional.empty();
            }
            String text = new String(Base64.getDecoder().decode(parts[parts.length - 1]), StandardCharsets.UTF_8);
            return Optional.of(new E2eMessage(peer, parts[2], Long.parseLong(parts[3]), parts[1].equals("1"),
                    suite.get(), parts[0], Instant.ofEpochMilli(Long.parseLong(parts[5])), text,
                    marked && parts[6].equals("1")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
