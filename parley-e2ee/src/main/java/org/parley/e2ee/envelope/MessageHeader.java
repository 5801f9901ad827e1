package org.parley.e2ee.envelope;

import org.parley.crypto.Bytes;
import org.parley.protocol.wire.WireWriter;

/**
 * A ratchet message header, authenticated as associated data:
 * {@code ratchet_key[32] ‖ pn u32 ‖ n u32 ‖ pq_type u8 ‖ pq_data[0|1184|1088]}.
 *
 * @param ratchetKey the sender's current X25519 ratchet public key
 * @param previousChainLength PN: messages sent in the sender's previous sending chain
 * @param messageNumber N: this message's number in the current sending chain, from 0
 * @param pq the post-quantum field of the sending chain
 */
public record MessageHeader(Bytes ratchetKey, long previousChainLength, long messageNumber, PqField pq) {
    public static final int MAX_LENGTH = 32 + 4 + 4 + 1 + PqField.OFFER_LENGTH;

    public MessageHeader {
        if (ratchetKey.length() != 32) {
            throw new IllegalArgumentException("ratchet key must be 32 bytes");
        }
        if (previousChainLength < 0 || previousChainLength > 0xffff_ffffL || messageNumber < 0
                || messageNumber > 0xffff_ffffL) {
            throw new IllegalArgumentException("counter out of u32 range");
        }
    }

    public Bytes encode() {
        return write(new WireWriter(MAX_LENGTH)).toBytes();
    }

    WireWriter write(WireWriter out) {
        return out.fixed(ratchetKey).u32(previousChainLength).u32(messageNumber).u8(pq.code()).fixed(pq.data());
    }
}
