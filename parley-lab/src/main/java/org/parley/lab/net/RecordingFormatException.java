package org.parley.lab.net;

/** A lab recording that cannot be read: which line (1-based; 0 if none applies) and why. */
public final class RecordingFormatException extends Exception {
    private final int line;

    public RecordingFormatException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
