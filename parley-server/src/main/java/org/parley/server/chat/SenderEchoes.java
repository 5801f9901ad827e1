package org.parley.server.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;

/**
 * A room's senders whose messages are committed and already fanned out to the other members but
 * not yet durable, with the room messages held back for them meanwhile. A sender's own copy of
 * its message is its acknowledgement (the terminal client waits for it), so it may arrive only
 * after {@code Accepted}, which waits for the fsync; and every room message committed after it is
 * held for that sender too, so each session still sees the room's messages in id order.
 *
 * <p>Confined to its room's lane: {@link #expect} when a message becomes visible, then
 * {@link #acknowledged} once it is durable (or its sync failed), in commit order; in between, the
 * room's fan-out asks {@link #holds} for each recipient and {@link #hold}s its copy. Empty (and
 * allocating nothing) while no sender waits.
 */
final class SenderEchoes {
    private static final Runnable NOTHING = () -> { };
    private Map<ChatSession, Waiting> waiting;

    /** {@code sender}'s message is visible: from now until it is acknowledged, room messages wait for it. */
    void expect(ChatSession sender) {
        if (waiting == null) {
            waiting = new IdentityHashMap<>();
        }
        waiting.computeIfAbsent(sender, s -> new Waiting()).messages++;
    }

    /** Whether room messages for {@code session} are held back now. */
    boolean holds(ChatSession session) {
        return waiting != null && waiting.containsKey(session);
    }

    /** Holds a room message (with its shared encoding) for a session that {@link #holds}. */
    void hold(ChatSession session, ChatEvent.RoomMessage event, Bytes encoded) {
        waiting.get(session).held.add(new Held(event, encoded));
    }

    /**
     * {@code sender}'s message {@code messageId} is durable or failed: delivers {@code answer}
     * ({@code Accepted} or the refusal; null if making it failed) and then what was held for it up
     * to that message ({@code delivered} false: except that message itself, which the sender must
     * not take for an acknowledgement), and everything held once it waits for no other message of
     * its own. The answer and the released messages are queued as one unit
     * ({@link SessionLink#deliverEncoded}): the connection writes them in one flush, and nothing
     * from another thread lands between the answer and the sender's own copy.
     */
    void acknowledged(ChatSession sender, long messageId, ChatEvent answer, boolean delivered) {
        List<ChatEvent> events = new ArrayList<>(2);
        List<Bytes> encodings = new ArrayList<>(2);
        if (answer != null) {
            events.add(answer);
            encodings.add(ChatCodec.encode(answer));
        }
        Waiting own = waiting == null ? null : waiting.get(sender);
        if (own != null) {
            boolean last = --own.messages == 0;
            while (!own.held.isEmpty() && (last || own.held.peekFirst().event().message().id() <= messageId)) {
                Held next = own.held.pollFirst();
                if (delivered || next.event().message().id() != messageId) {
                    events.add(next.event());
                    encodings.add(next.encoded());
                }
            }
            if (last) {
                waiting.remove(sender);
            }
        }
        if (!events.isEmpty()) {
            sender.link().deliverEncoded(events, encodings, NOTHING);
        }
    }

    private static final class Waiting {
        int messages;
        final ArrayDeque<Held> held = new ArrayDeque<>();
    }

    private record Held(ChatEvent.RoomMessage event, Bytes encoded) {
    }
}
