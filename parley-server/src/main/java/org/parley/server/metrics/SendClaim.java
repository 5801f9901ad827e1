package org.parley.server.metrics;

/**
 * What the server made of a send carrying a send id (docs/PROTOCOL.md 14.5, "Sending once"): the
 * label of {@code parley_send_once_total}. Repeats say that clients lose answers (connections that
 * end mid-request); mismatches, that a client reuses send ids for other messages.
 */
public enum SendClaim {
    /** The first time this send id was seen (or the first was refused, or forgotten): processed. */
    FIRST,
    /** A repeat of a stored send: answered with the first's id, nothing stored. */
    REPEAT,
    /** A repeat while the first was in progress: answered with the first's outcome. */
    WAITING,
    /** The send id was used for another message: refused {@code malformed_request}. */
    MISMATCH
}
