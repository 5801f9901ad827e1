package org.parley.client.e2ee;

/** How a send that was kept across a restart ended ({@link E2eEvent.SendSettled}). */
public enum SendOutcome {
    /** The server confirmed it: it is in the history and was delivered once. */
    SENT,
    /** It was not sent: the server refused it, or a fresh send of it failed (the reason says why). */
    REFUSED,
    /** It was first tried too long ago to be sent again safely: it may or may not have been delivered. */
    NOT_CONFIRMED
}
