package org.parley.server.metrics;

/** The kinds of chat message the server accepts: the label of the messages-received counter. */
public enum MessageKind {
    /** A room message (stored in the room's history, fanned out to its members). */
    ROOM,
    /** One SendEnvelopes request: an end-to-end private message for every device of both parties. */
    END_TO_END
}
