package org.parley.client.e2ee.room;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * One line of a room's local history: {@code message_id hex TAB outgoing(0|1) TAB from_user TAB
 * from_device TAB server_id TAB epoch TAB sent_at ms TAB from_unverified(0|1) TAB base64(text)}. A
 * line without the {@code from_unverified} field (written before it existed) reads as 0. A torn
 * last line (a crash during an append) does not parse and is skipped.
 */
final class RoomHistoryLine {
    private RoomHistoryLine() {
    }

    static String format(E2eRoomMessage message) {
        return String.join("\t", message.messageId(), message.outgoing() ? "1" : "0", message.fromUser(),
                Long.toString(message.fromDevice()), Long.toString(message.serverId()), Long.toString(message.epoch()),
                Long.toString(message.sentAt().toEpochMilli()), message.fromUnverifiedDevice() ? "1" : "0",
                Base64.getEncoder().encodeToString(message.text().getBytes(StandardCharsets.UTF_8)));
    }

    static Optional<E2eRoomMessage> parse(String room, String line) {
        String[] parts = line.split("\t", -1);
        if (parts.length != 8 && parts.length != 9) {
            return Optional.empty();
        }
        boolean marked = parts.length == 9;
        if (marked && !parts[7].equals("0") && !parts[7].equals("1")) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getDecoder().decode(parts[parts.length - 1]), StandardCharsets.UTF_8);
            return Optional.of(new E2eRoomMessage(room, parts[2], Long.parseLong(parts[3]), parts[1].equals("1"),
                    parts[0], Long.parseLong(parts[4]), Long.parseLong(parts[5]),
                    Instant.ofEpochMilli(Long.parseLong(parts[6])), text, marked && parts[7].equals("1")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
