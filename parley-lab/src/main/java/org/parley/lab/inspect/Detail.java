package org.parley.lab.inspect;

/**
 * One line under a frame: a field with its offsets, a transcript hash, a key-schedule step, a
 * recomputed check, or decrypted content.
 *
 * @param kind what the line is, so the HTML page can style and group it
 */
public record Detail(Kind kind, String text, Mark check) {
    public enum Kind { FIELD, TRANSCRIPT, KEY_SCHEDULE, CHECK, CONTENT, NOTE }

    static Detail field(String text) {
        return new Detail(Kind.FIELD, text, Mark.NONE);
    }

    static Detail note(String text) {
        return new Detail(Kind.NOTE, text, Mark.NONE);
    }

    static Detail check(String text, boolean passed) {
        return new Detail(Kind.CHECK, text, passed ? Mark.PASS : Mark.FAIL);
    }
}
