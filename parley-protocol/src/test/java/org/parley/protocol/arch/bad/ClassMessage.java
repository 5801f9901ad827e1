package org.parley.protocol.arch.bad;

/** A message that is a mutable class instead of a record. */
public final class ClassMessage implements Message {
    private String text = "";

    public String text() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
