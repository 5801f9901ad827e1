package org.parley.client;

import java.time.Duration;

/**
 * A message whose answer was lost (the connection ended, or the request timed out, after it was
 * written) and that the client sent again with its send id (docs/PROTOCOL.md 14.5, "Sending once")
 * was not confirmed by the server within {@code bound} of its first try, or the session ended
 * first: it may or may not have been delivered (docs/E2EE.md, "Unconfirmed sends"; the session's
 * {@link Outbox} for plaintext rooms). The client no longer sends it again on its own: sent once
 * more by the user, it is a new message, and may then arrive twice. The user is told so, rather
 * than left waiting or shown an error that says it failed. One exception: a private end-to-end
 * message still unconfirmed when the session ended stays in the device's outbox, and the next
 * start on that device sends it again and reports its outcome as an
 * {@link org.parley.client.e2ee.E2eEvent.SendSettled} (docs/E2EE.md 20.3, "Across a restart").
 */
public final class SendNotConfirmedException extends ClientException {
    private final transient Duration bound;

    public SendNotConfirmedException(Duration bound) {
        super("the server did not confirm the message; it may or may not have been delivered");
        this.bound = bound;
    }

    /** How long after its first try the client sends such a message again (on each reconnect) at most. */
    public Duration bound() {
        return bound;
    }
}
