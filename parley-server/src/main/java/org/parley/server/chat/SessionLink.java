package org.parley.server.chat;

import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.server.metrics.InFlightBound;

/**
 * How the chat layer reaches one connection: the network layer implements it. Both methods are
 * safe to call from any thread and never block; delivery happens on the connection's event loop.
 */
public interface SessionLink {

    /** Queues {@code event} for this connection; dropped silently if it has closed already. */
    void deliver(ChatEvent event);

    /**
     * Queues {@code events} as one unit: no event delivered from another thread lands between them
     * (an answer followed by the history it announces, as a join sends them). The default delivers
     * them one by one, for links with a single writer.
     */
    default void deliverAll(List<ChatEvent> events) {
        events.forEach(this::deliver);
    }

    /**
     * Queues {@code event} whose encoding ({@code ChatCodec.encode(event)}) the caller already
     * made: a room message is encoded once and the same bytes queued for every recipient. The
     * default ignores the encoding.
     */
    default void deliver(ChatEvent event, Bytes encoded) {
        deliver(event);
    }

    /**
     * As {@link #deliver(ChatEvent, Bytes)}, and runs {@code written} once the message has been
     * handed to the connection's socket (or dropped because the connection closed): exactly once,
     * from any thread. The default runs it after queueing.
     */
    default void deliver(ChatEvent event, Bytes encoded, Runnable written) {
        try {
            deliver(event, encoded);
        } finally {
            written.run();
        }
    }

    /**
     * Queues {@code events}, whose encodings ({@code encodings}, in the same order) the caller
     * already made, as one unit, and runs {@code written} once all of them have been handed to the
     * connection's socket (or dropped): exactly once, from any thread. A room's lane hands each
     * recipient the room messages of one group commit this way, so a recipient costs one queueing
     * and one callback per group instead of one per message. The default delivers them one by one
     * and runs {@code written} after queueing.
     */
    default void deliverEncoded(List<? extends ChatEvent> events, List<Bytes> encodings, Runnable written) {
        try {
            for (int i = 0; i < events.size(); i++) {
                deliver(events.get(i), encodings.get(i));
            }
        } finally {
            written.run();
        }
    }

    /**
     * A request of this connection, which arrived as {@code bytes} bytes, was queued for the chat
     * layer; {@link #requestFinished} follows once it is answered. A link may stop reading the
     * connection while too many, or too many bytes, are in flight (per-sender back-pressure). The
     * defaults do nothing.
     */
    default void requestStarted(int bytes) {
    }

    /** The request counted by {@link #requestStarted} with these {@code bytes} has been answered (or dropped). */
    default void requestFinished(int bytes) {
    }

    /**
     * The bound this connection is past while it has more requests, or more bytes of requests, in
     * flight than its link allows and pausing its reads did not bring them down in time: the chat
     * layer then refuses its new requests at once ({@code rate_limited}) instead of queueing them.
     * Empty otherwise; the default never refuses. Called for every request: an implementation
     * returns shared instances, not a new one per call.
     */
    default Optional<InFlightBound> saturated() {
        return Optional.empty();
    }

    /**
     * Whether this connection's client accepts batch records (it sent {@code set_delivery_options}
     * with bit 0 set, docs/PROTOCOL.md Section 10.5.1): from the next flush on, consecutive queued
     * messages may leave as one record. Safe from any thread. The default ignores it: a link that
     * does not batch sends every message in its own record, which every client accepts.
     */
    default void acceptBatchRecords(boolean accepted) {
    }

    /** Sends a {@link ChatEvent.Notice} with {@code reason}, then closes the channel gracefully. */
    void close(String reason);
}
