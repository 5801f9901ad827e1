package org.parley.protocol.fuzz;

import org.parley.protocol.alert.ParleyException;

/**
 * The oracle every fuzz target shares: running an action on hostile input may fail only with a
 * {@link ParleyException}. Any other throwable (IllegalArgumentException, IndexOutOfBounds,
 * NegativeArraySize, OutOfMemoryError, ...) propagates and Jazzer reports it as a crash.
 */
final class ParleyOnly {
    private ParleyOnly() {
    }

    /** An action over fuzzer input that may reject it with a typed protocol error. */
    @FunctionalInterface
    interface Action {
        void run() throws ParleyException;
    }

    /**
     * Runs {@code action}; returns the ParleyException it threw, or null when the input was accepted.
     * Returning the rejection (instead of swallowing it) lets targets assert what must hold after it.
     */
    static ParleyException run(Action action) {
        try {
            action.run();
            return null;
        } catch (ParleyException expected) {
            return expected;
        }
    }
}
