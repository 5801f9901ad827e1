package org.parley.client.e2ee;

import java.time.Instant;
import org.parley.protocol.chat.SendId;

/** A send kept in the device's outbox until it has a definite outcome (docs/E2EE.md 20.1, 20.3). */
public sealed interface OutboxSend permits PendingSend, PendingRoomSend, PendingPlainSend {
    /** The request's send id (PROTOCOL.md 14.5). */
    SendId sendId();

    /** When it was first tried, by the settings' clock. */
    Instant firstTry();
}
