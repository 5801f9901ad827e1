package org.parley.protocol.arch.bad;

/** Keeps static mutable state. */
public final class MutableStatic {
    private static int connections;

    public static int next() {
        return ++connections;
    }
}
