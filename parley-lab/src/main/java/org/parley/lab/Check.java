package org.parley.lab;

import java.util.Objects;

/**
 * The defence that fired: what was observed, where the specification requires it, and which class
 * enforces it.
 *
 * @param observed what the lab saw, e.g. {@code bad_record(20)} or {@code login refused}
 * @param section the section of docs/PROTOCOL.md (or SECURITY.md) that requires the check
 * @param enforcer the class that performs it
 */
public record Check(String observed, String section, String enforcer) {
    public Check {
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(enforcer, "enforcer");
    }
}
