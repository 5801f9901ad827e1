package org.parley.lab;

import java.util.List;
import java.util.Objects;

/**
 * One line of a narrated trace: a message key of the lab's resource bundles and its arguments,
 * which are language-neutral (numbers, hex, alert names, class names).
 */
public record Step(Actor actor, String key, List<String> args) {
    public Step {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }
}
