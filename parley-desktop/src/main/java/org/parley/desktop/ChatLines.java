package org.parley.desktop;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.protocol.chat.StoredMessage;

/**
 * Turns the three kinds of message a {@link ChatModel} shows into {@link ChatLine}s, seen from this
 * user ({@code me}): a server-stored message, an end-to-end private message, and a message of an
 * encrypted room, each with its kind (own, other, private) and its protection.
 */
final class ChatLines {
    private ChatLines() {
    }

    /** A message the server stored, in a room or (when {@code privately}) in a private conversation. */
    static ChatLine stored(StoredMessage message, boolean privately, String me) {
        ChatLine.Kind kind = ChatModel.same(message.from(), me) ? ChatLine.Kind.OWN
                : privately ? ChatLine.Kind.PRIVATE : ChatLine.Kind.OTHER;
        String text = new String(message.body().toByteArray(), StandardCharsets.UTF_8);
        // A private message from the server is plain text stored before end-to-end encryption.
        return new ChatLine(message.id(), kind, message.from(), Instant.ofEpochMilli(message.timestampMillis()), text,
                privately ? ChatLine.Protection.NOT_END_TO_END : ChatLine.Protection.CHANNEL);
    }

    static ChatLine endToEnd(E2eMessage m) {
        return new ChatLine(0, m.outgoing() ? ChatLine.Kind.OWN : ChatLine.Kind.PRIVATE, m.fromUser(), m.sentAt(), m.text(),
                ChatLine.Protection.END_TO_END);
    }

    static ChatLine inRoom(E2eRoomMessage m, String me) {
        boolean own = m.outgoing() || ChatModel.same(m.fromUser(), me);
        return new ChatLine(0, own ? ChatLine.Kind.OWN : ChatLine.Kind.OTHER, m.fromUser(), m.sentAt(), m.text(),
                ChatLine.Protection.END_TO_END);
    }
}
