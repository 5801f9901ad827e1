package org.parley.server.metrics;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * What the server reports about its own work, for operators (docs/OPERATIONS.md, "Metrics").
 * The server is given one instance at start: {@link #off()} when the metrics endpoint is not
 * configured, a {@link MicrometerServerMetrics} when it is.
 *
 * <p>Every call is cheap (an atomic add, a histogram record) and never blocks, so it may sit on
 * an event loop or a chat lane. <b>Security.</b> No argument names a user, a room, a message or
 * a key: labels come from enums and from the suites the server itself offers, so the set of
 * series is fixed by the code, not by what users do.
 */
public interface ServerMetrics {

    /** A metrics sink that records nothing: the server's default. */
    static ServerMetrics off() {
        return new NoServerMetrics();
    }

    /** A connection entered {@code phase} (the gauge of that phase goes up). */
    void connectionEntered(ConnectionPhase phase);

    /** A connection left {@code phase}, to the next phase or closed. */
    void connectionLeft(ConnectionPhase phase);

    /** A handshake ended: {@code suite} is the negotiated suite's canonical name, or "none" when it failed. */
    void handshake(String suite, Outcome outcome);

    /**
     * A login ended; {@code method} is the {@code AuthMethod} name (SCRAM_SHA_256, PUBLIC_KEY,
     * REGISTRATION...), "none" when it failed.
     */
    void login(String method, Outcome outcome);

    /** A chat message was accepted (stored and acknowledged). */
    void messageReceived(MessageKind kind);

    /** A room message was handed to {@code sessions} connections for delivery. */
    void delivered(int sessions);

    /** A chat request was queued on a lane that then held {@code depth} requests. */
    void laneDepth(int depth);

    /** The chat layer's queue: tasks queued in all lanes, and lanes that have work. */
    void watchChatQueue(IntSupplier queuedTasks, IntSupplier activeLanes);

    /** The store: whether it takes writes (false once an fsync of its log failed, until the server restarts). */
    void watchStore(BooleanSupplier writable);

    /** A connection's outbound buffer reached its high-water mark (the channel became unwritable). */
    void backPressure();

    /** A chat request of type {@code requestType} (the request record's simple name) took {@code nanos} from arrival to answer. */
    void request(String requestType, long nanos);

    /** One SQLite write transaction committed {@code writes} writes in {@code nanos} (BEGIN to COMMIT). */
    void commit(int writes, long nanos);

    /** A request or handshake was refused by the rate limit {@code bucket}. */
    void rateLimited(RateBucket bucket);

    /** A room message was refused by its room's backlog under {@code bound} (also counted as {@link RateBucket#ROOM_BACKLOG}). */
    void roomBacklogRefused(BacklogBound bound);

    /** A connection's reads were paused: its requests in flight passed {@code bound}. */
    void inFlightPaused(InFlightBound bound);

    /**
     * A connection's request was refused because its pause ran out with its requests in flight still past
     * {@code bound} (also counted as {@link RateBucket#IN_FLIGHT}).
     */
    void inFlightRefused(InFlightBound bound);

    /** {@code count} end-to-end envelopes were queued for devices. */
    void envelopesQueued(int count);

    /** A send with a send id was claimed (docs/PROTOCOL.md 14.5): first, repeat, waiting or mismatch. */
    void sendOnce(SendClaim claim);
}
