package org.parley.protocol.arch.bad;

/** Not bad at all: static final constants and enum constants, which the static-state rule allows. */
public final class AllowedStatics {
    public static final int LIMIT = 16;

    public enum Colour { RED, GREEN }

    private AllowedStatics() {
    }
}
