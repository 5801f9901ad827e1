package org.parley.client;

import org.parley.e2ee.safety.SafetyNumber;

/**
 * Marking a contact verified was refused: the devices the server lists now for the contact and for
 * this account no longer give the safety number the user compared, so nothing was vouched for
 * (docs/E2EE.md §20.5). {@link #current()} is the number they give now, to compare again.
 */
public final class SafetyNumberChangedException extends ClientException {
    private final String user;
    private final transient SafetyNumber current;

    public SafetyNumberChangedException(String user, SafetyNumber current) {
        super("the safety number with " + user + " changed since it was shown; compare the new one before marking "
                + user + " verified");
        this.user = user;
        this.current = current;
    }

    public String user() {
        return user;
    }

    /** The safety number the devices listed now give. */
    public SafetyNumber current() {
        return current;
    }
}
