package org.parley.client;

import java.time.Duration;

/**
 * A message whose answer was lost (the connection ended, or the request timed out, after it was
 * written) and that the client sent again with its send id (docs/PROTOCOL.md 14.5, "Sending once")
 * was not confirmed by the server within {@code bound} of its first try, or the session ended
 * first: it may or may not have been delivered (docs/E2EE.md, "Unconfirmed sends"; the session's
 * {@link Outbox} for plaintext rooms). The client no longer sends it again on its own: sent once
 * more by the user, it is a new message, and may then arrive twice. The user is told so, rather
 * than left waiting or shown an error that says it failed. One exception: a message still
 * unconfirmed when the session ended that the device keeps in its outbox (a private or
 * encrypted-room one, or a plaintext-room one of a session with an end-to-end device) stays there,
 * and the next start on that device sends it again and reports its outcome as an
 * {@link org.parley.client.e2ee.E2eEvent.SendSettled}, {@code RoomSendSettled} or {@code RoomTextSettled}
 * (docs/E2EE.md 20.3, "Across a restart", "Plaintext-room sends"): {@link #keptForNextStart()}.
 */
public final class SendNotConfirmedException extends ClientException {
    private final transient Duration bound;
    private final boolean kept;

    public SendNotConfirmedException(Duration bound) {
        this(bound, false);
    }

    /**
     * @param kept the session ended with the message unconfirmed and the device keeps it: its next
     *     start sends it again and reports how it went ({@link #keptForNextStart})
     */
    public SendNotConfirmedException(Duration bound, boolean kept) {
        super(kept
                ? "the server did not confirm the message before the session ended; this device keeps it and sends it again, once, at its next start"
                : "the server did not confirm the message; it may or may not have been delivered");
        this.bound = bound;
        this.kept = kept;
    }

    /**
     * Whether the device keeps the message for its next start (a message in the device's outbox
     * still unconfirmed when the session ended): sent again then, once, its outcome reported as a
     * {@link org.parley.client.e2ee.E2eEvent.SendSettled}, a room's {@code RoomSendSettled} or a
     * plaintext room's {@code RoomTextSettled}. The user should not send it again meanwhile: that
     * would be a second message.
     */
    public boolean keptForNextStart() {
        return kept;
    }

    /** How long after its first try the client sends such a message again (on each reconnect) at most. */
    public Duration bound() {
        return bound;
    }
}
