package org.parley.bench;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.SendId;

/**
 * How the generator's Parley senders write a room message: as a plain {@code SendRoomMessage}, or,
 * with {@code --once}, as {@code SendRoomMessageOnce} with a send id of its own, as the reference
 * clients send every room message (docs/PROTOCOL.md 14.5), so that the server's bookkeeping of sends
 * made once is on the measured path. The ids are a random 8-byte prefix per run and a counter: unique
 * and never all zeros, without a {@link SecureRandom} draw per message on the generator.
 */
final class RoomSends {
    private final boolean once;
    private final long prefix;
    private final AtomicLong next = new AtomicLong();

    private RoomSends(boolean once, long prefix) {
        this.once = once;
        this.prefix = prefix;
    }

    /** Plain {@code SendRoomMessage}s. */
    static RoomSends plain() {
        return new RoomSends(false, 0);
    }

    /** {@code SendRoomMessageOnce}s, each with a fresh send id. */
    static RoomSends once() {
        long prefix;
        do {
            prefix = new SecureRandom().nextLong();
        } while (prefix == 0);
        return new RoomSends(true, prefix);
    }

    /** Plain room messages, or with {@code --once} each sent once with a send id. */
    static RoomSends of(Options options) {
        return options.flag("once") ? once() : plain();
    }

    /** The request for {@code body} to {@code room} under {@code requestId}. */
    ChatRequest.SendRoomMessage message(long requestId, String room, Bytes body) {
        if (!once) {
            return new ChatRequest.SendRoomMessage(requestId, room, ContentType.TEXT, body);
        }
        byte[] id = ByteBuffer.allocate(SendId.LENGTH).putLong(prefix).putLong(next.incrementAndGet()).array();
        return new ChatRequest.SendRoomMessage(requestId, room, ContentType.TEXT, body,
                Optional.of(new SendId(Bytes.wrapOwned(id))));
    }
}
