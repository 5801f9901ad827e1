package org.parley.protocol.suite;

import java.util.Optional;

/** Lookup of components by wire code or label; unknown values are empty, never a default. */
final class Codes {
    private Codes() {
    }

    static <T extends SuiteComponent> Optional<T> find(T[] values, int code) {
        for (T value : values) {
            if (value.code() == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    static <T extends SuiteComponent> Optional<T> findLabel(T[] values, String label) {
        for (T value : values) {
            if (value.label().equals(label)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
