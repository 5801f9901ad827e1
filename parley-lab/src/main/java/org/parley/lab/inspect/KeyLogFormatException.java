package org.parley.lab.inspect;

/** A key log line that cannot be used: its number and why (never its secret). */
public final class KeyLogFormatException extends Exception {
    public KeyLogFormatException(int line, String reason) {
        super("key log line " + line + ": " + reason);
    }
}
