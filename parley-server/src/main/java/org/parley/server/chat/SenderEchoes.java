package org.parley.server.chat;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.parley.crypto.Bytes;
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
     * {@code sender}'s message {@code messageId} is durable or failed: delivers what was held for
     * it up to that message ({@code delivered} false: except that message itself, which the
     * sender must not take for an acknowledgement), and everything held once it waits for no
     * other message of its own. The caller has sent the answer ({@code Accepted} or the refusal)
     * just before.
     */
    void acknowledged(ChatSession sender, long messageId, boolean delivered) {
        Waiting own = waiting == null ? null : waiting.get(sender);
        if (own == null) {
            return;
        }
        boolean last = --own.messages == 0;
        while (!own.held.isEmpty() && (last || own.held.peekFirst().event().message().id() <= messageId)) {
            Held next = own.held.pollFirst();
            if (delivered || next.event().message().id() != messageId) {
                sender.link().deliver(next.event(), next.encoded(), () -> { });
            }
        }
        if (last) {
            waiting.remove(sender);
        }
    }

    private static final class Waiting {
        int messages;
        final ArrayDeque<Held> held = new ArrayDeque<>();
    }

    private record Held(ChatEvent.RoomMessage event, Bytes encoded) {
    }
}
