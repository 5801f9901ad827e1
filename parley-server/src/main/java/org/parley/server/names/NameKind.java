package org.parley.server.names;

/** What a name names, for error messages. */
public enum NameKind {
    USER("user name"), ROOM("room name");

    private final String label;

    NameKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
