package org.parley.lab.net;

import org.parley.crypto.Bytes;

/**
 * One frame as the attacker saw it on the wire.
 *
 * @param connection 1 for the first connection through the proxy, 2 for the next, ...
 * @param index position of the frame within its connection and direction, from 0
 * @param bytes the whole frame, header included
 */
public record CapturedFrame(int connection, Direction direction, int index, Bytes bytes) {

    /** The frame type byte: 0x15 alert, 0x16 handshake, 0x17 encrypted. */
    public int type() {
        return bytes.get(0) & 0xff;
    }

    /** The payload length from the header. */
    public int payloadLength() {
        return bytes.length() - 3;
    }
}
