package org.parley.server;

/** Who may create an account on this server. */
public enum RegistrationPolicy {
    /** Anyone who can reach the server may register. */
    OPEN,
    /** Registration needs an unused, unexpired invite code (created with the operator commands). */
    INVITE,
    /** No new accounts; the operator creates none either: existing accounts only. */
    CLOSED
}
