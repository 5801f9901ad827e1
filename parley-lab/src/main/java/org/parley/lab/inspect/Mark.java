package org.parley.lab.inspect;

/** The outcome of a check the inspector recomputed: shown as ✔ or ✘, or no mark for a plain field. */
public enum Mark {
    NONE(""),
    PASS("✔"),
    FAIL("✘");

    private final String mark;

    Mark(String mark) {
        this.mark = mark;
    }

    public String mark() {
        return mark;
    }
}
