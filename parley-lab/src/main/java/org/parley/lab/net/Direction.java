package org.parley.lab.net;

/** Which way a frame travels through the proxy. */
public enum Direction {
    CLIENT_TO_SERVER("C→S"),
    SERVER_TO_CLIENT("S→C");

    private final String arrow;

    Direction(String arrow) {
        this.arrow = arrow;
    }

    /** A short arrow for traces, {@code C→S} or {@code S→C}. */
    public String arrow() {
        return arrow;
    }
}
