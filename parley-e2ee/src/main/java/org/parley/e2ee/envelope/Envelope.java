package org.parley.e2ee.envelope;

/**
 * An end-to-end envelope for one recipient device (docs/E2EE.md, "Envelope"): a session-start
 * (prekey) message, or an ordinary ratchet message.
 */
public sealed interface Envelope {
    int VERSION = 1;
    /** The wire contract's maximum envelope length. */
    int MAX_LENGTH = 20_480;

    RatchetMessage message();

    /** Type 1: sent until the initiator has received a reply. */
    record Prekey(StartFields start, RatchetMessage message) implements Envelope {
    }

    /** Type 2. */
    record Message(RatchetMessage message) implements Envelope {
    }
}
