package org.parley.lab.scenario;

/** The record-layer attacks: what the attacker does to the application records after login. */
enum RecordAttackKind {
    /** Flip one bit of the first record. */
    FLIP("bitflip-record", "10.2, 10.3", "RecordReader"),
    /** Deliver the first record twice. */
    REPLAY("replay-record", "10.2 (implicit sequence numbers)", "RecordReader"),
    /** Deliver the second record before the first. */
    REORDER("reorder", "10.2 (implicit sequence numbers)", "RecordReader"),
    /** Never deliver the first record. */
    DROP("drop", "10.2 (implicit sequence numbers)", "RecordReader"),
    /** Send the server's own record back to it as if the client had sent it. */
    REFLECT("reflection", "9.3 (one key per direction), 10.2", "RecordReader"),
    /** Drop the client's KeyUpdate, so the two sides hold different keys. */
    KEY_UPDATE_DESYNC("key-update-desync", "10.6, 9.6", "RecordReader");

    private final String label;
    private final String section;
    private final String enforcer;

    RecordAttackKind(String label, String section, String enforcer) {
        this.label = label;
        this.section = section;
        this.enforcer = enforcer;
    }

    String label() {
        return label;
    }

    String section() {
        return section;
    }

    String enforcer() {
        return enforcer;
    }
}
