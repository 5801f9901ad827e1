package org.parley.lab;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Text in no language yet: a key of the lab's resource bundles and its arguments, rendered by
 * {@link LabText#say}. An argument written {@code @key} (or {@code @key|arg}) is a phrase of the
 * bundle too; every other argument is language-neutral (numbers, hex, field and class names).
 */
public record Phrase(String key, List<String> args) {
    public Phrase {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    /** {@code key} with {@code args} turned into strings now. */
    public static Phrase of(String key, Object... args) {
        return new Phrase(key, Arrays.stream(args).map(String::valueOf).toList());
    }

    /**
     * This phrase as one argument of another ({@code @@key|arg|arg}), translated when the outer
     * phrase is; its arguments must be language-neutral and free of {@code |}.
     */
    public String nested() {
        StringBuilder out = new StringBuilder("@@").append(key);
        args.forEach(a -> out.append('|').append(a.replace('|', '/')));
        return out.toString();
    }

    /** Text that is the same in every language (a formula, a decoder's own message). */
    public static Phrase verbatim(String text) {
        return of("inspect.text", text);
    }
}
