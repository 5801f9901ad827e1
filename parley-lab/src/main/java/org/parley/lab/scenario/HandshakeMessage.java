package org.parley.lab.scenario;

import org.parley.lab.net.Direction;

/** Where each handshake message travels on the first connection (PROTOCOL.md 5.2). */
enum HandshakeMessage {
    CLIENT_HELLO("client-hello", Direction.CLIENT_TO_SERVER, 0, "5.3, 8", "RecordReader"),
    SERVER_HELLO("server-hello", Direction.SERVER_TO_CLIENT, 0, "5.4, 8, 9.2", "RecordReader"),
    SERVER_IDENTITY("server-identity", Direction.SERVER_TO_CLIENT, 1, "5.5, 10.2", "RecordReader"),
    SERVER_SIGNATURE("server-signature", Direction.SERVER_TO_CLIENT, 2, "5.6, 10.2", "RecordReader"),
    SERVER_FINISHED("server-finished", Direction.SERVER_TO_CLIENT, 3, "5.7, 10.2", "RecordReader"),
    CLIENT_FINISHED("client-finished", Direction.CLIENT_TO_SERVER, 1, "5.7, 5.9, 10.2", "RecordReader");

    private final String label;
    private final Direction direction;
    private final int index;
    private final String section;
    private final String enforcer;

    HandshakeMessage(String label, Direction direction, int index, String section, String enforcer) {
        this.label = label;
        this.direction = direction;
        this.index = index;
        this.section = section;
        this.enforcer = enforcer;
    }

    String label() {
        return label;
    }

    Direction direction() {
        return direction;
    }

    int index() {
        return index;
    }

    String section() {
        return section;
    }

    String enforcer() {
        return enforcer;
    }

    /** The plaintext hellos are edited in their random; the encrypted ones in the middle of the ciphertext. */
    boolean plaintext() {
        return this == CLIENT_HELLO || this == SERVER_HELLO;
    }
}
