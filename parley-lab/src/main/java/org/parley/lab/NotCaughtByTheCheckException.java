package org.parley.lab;

/**
 * The victim failed, but not on the check the scenario is about (a dead server, a refused or timed-out
 * connection, another alert, another class): the lab reports that it could not show the catch rather
 * than a "defeated" that would teach something false.
 */
public final class NotCaughtByTheCheckException extends Exception {
    public NotCaughtByTheCheckException(String expected, String seen) {
        super("the attack did not meet the check it is about: expected " + expected + ", saw " + seen);
    }
}
