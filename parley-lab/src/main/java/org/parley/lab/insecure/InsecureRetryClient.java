package org.parley.lab.insecure;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.parley.client.ParleySession;
import org.parley.client.RequestFailedException;
import org.parley.lab.LabTarget;
import org.parley.lab.e2e.E2eParty;

/**
 * A chat client that does not send once: it posts a room message as a plain
 * {@code SendRoomMessage} with no send id, and when the answer is lost with the connection it waits
 * for the session to reconnect and posts the same text again, as a new message. That is exactly
 * what a user does who saw "not sent" and typed the message again. It is the real session library
 * with its send-once outbox bypassed ({@link ParleySession#call}).
 *
 * <p><b>Insecure on purpose</b>: Parley's client sends a message whose answer was lost again with
 * the same send id and bytes, and the server answers such a repeat with the first id and stores
 * nothing (docs/PROTOCOL.md 14.5; {@code Outbox} in parley-client, {@code SendOnce} in the server).
 * Lab only.
 */
public final class InsecureRetryClient {
    private final ParleySession session;
    private final IntSupplier reconnections;

    /**
     * @param reconnections how many times the session has reconnected so far (its listener counts
     *     {@code onReconnected})
     */
    public InsecureRetryClient(ParleySession session, IntSupplier reconnections) {
        this.session = session;
        this.reconnections = reconnections;
    }

    /** What the naive send did: the id the server stored the last copy under, and how many times it posted. */
    public record Posted(long id, int posts) {
    }

    /**
     * Posts {@code text} to {@code room}; if its answer is lost (anything but the server's refusal),
     * waits at most {@code bound} for the session to reconnect and posts it once more.
     */
    public Posted send(String room, String text, Duration bound) throws Exception {
        int before = reconnections.getAsInt();
        try {
            return new Posted(LabTarget.await(session.call(c -> c.sendRoom(room, text))), 1);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RequestFailedException) {
                throw e;
            }
        } catch (TimeoutException e) {
            // No answer at all: to this client as lost as a cut connection.
        }
        E2eParty.require(bound, () -> reconnections.getAsInt() > before, "the session reconnecting");
        return new Posted(LabTarget.await(session.call(c -> c.sendRoom(room, text))), 2);
    }
}
