package org.parley.server.metrics;

/**
 * The condition under which a room's backlog refused a message (docs/OPERATIONS.md, "Metrics"): the
 * label of {@code parley_room_backlog_refusals_total}. Each of these refusals is also one
 * {@code parley_rate_limited_total{bucket="room_backlog"}}.
 */
public enum BacklogBound {
    /** The room had its maximum count of messages in flight. */
    COUNT,
    /** The room's message bodies in flight, with the new one's, would pass the maximum in bytes. */
    BYTES,
    /** The oldest of the room's messages in flight had waited longer than the bound. */
    AGE,
    /** The messages in flight times the room's recent time per message would wait longer than the bound. */
    PREDICTED_WAIT
}
