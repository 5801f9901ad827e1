package org.parley.lab.inspect;

import org.parley.lab.Phrase;

/**
 * One line under a frame: a field with its offsets, a transcript hash, a key-schedule step, a
 * recomputed check, or decrypted content; its text is rendered in the reader's language.
 *
 * @param kind what the line is, so the HTML page can style and group it
 */
public record Detail(Kind kind, Phrase text, Mark check) {
    public enum Kind { FIELD, TRANSCRIPT, KEY_SCHEDULE, CHECK, CONTENT, NOTE }

    static Detail field(Phrase text) {
        return new Detail(Kind.FIELD, text, Mark.NONE);
    }

    static Detail of(Kind kind, String key, Object... args) {
        return new Detail(kind, Phrase.of(key, args), Mark.NONE);
    }

    static Detail note(String key, Object... args) {
        return of(Kind.NOTE, key, args);
    }

    /** A note whose text is the same in every language. */
    static Detail note(Phrase text) {
        return new Detail(Kind.NOTE, text, Mark.NONE);
    }

    static Detail check(boolean passed, String key, Object... args) {
        return new Detail(Kind.CHECK, Phrase.of(key, args), passed ? Mark.PASS : Mark.FAIL);
    }
}
