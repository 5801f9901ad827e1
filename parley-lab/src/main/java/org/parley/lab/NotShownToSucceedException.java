package org.parley.lab;

/**
 * The attack's documented check did not fire, but the attack was not shown to succeed either (the
 * operator never read the secret, the room stopped working for everyone): the lab reports that it
 * could not show the outcome rather than a "succeeded" that would teach something false.
 */
public final class NotShownToSucceedException extends Exception {
    public NotShownToSucceedException(String expected, String seen) {
        super("the attack did not demonstrably succeed: expected " + expected + ", saw " + seen);
    }
}
