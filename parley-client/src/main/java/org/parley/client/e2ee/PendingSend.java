package org.parley.client.e2ee;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.SendId;

/**
 * A private end-to-end send as the device keeps it on disk until it has a definite outcome
 * (docs/E2EE.md 20.3, "Unconfirmed sends"): the exact request to send again and what to record
 * once the server confirms it.
 *
 * @param peer the conversation
 * @param targets the exact envelopes of the request, in order
 * @param sendId the request's send id (PROTOCOL.md 14.5)
 * @param message what is appended to the history on {@code Accepted} (its inner message id is
 *        kept for a fresh send after {@code DeviceMismatch})
 * @param firstTry when it was first tried, by the settings' clock
 */
public record PendingSend(String peer, List<EnvelopeTarget> targets, SendId sendId, E2eMessage message,
        Instant firstTry) implements OutboxSend {

    public PendingSend {
        Objects.requireNonNull(peer, "peer");
        targets = List.copyOf(targets);
        Objects.requireNonNull(sendId, "sendId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(firstTry, "firstTry");
    }

    /** Never shows the text or the envelopes. */
    @Override
    public String toString() {
        return "PendingSend[" + peer + ", " + targets.size() + " envelopes, " + sendId + ", " + message + "]";
    }
}
