package org.parley.protocol.record;

import org.parley.crypto.Bytes;

/**
 * One frame from the wire.
 *
 * <pre>
 *   struct Frame {
 *     u8  type;                  // FrameType
 *     u16 length;                // 0..MAX_PAYLOAD (16,896)
 *     opaque payload[length];
 *   }
 * </pre>
 *
 * docs/PROTOCOL.md, "Frames".
 */
public record Frame(FrameType type, Bytes payload) {

    /** Bytes in the frame header. */
    public static final int HEADER_LENGTH = 3;

    /** Largest payload: 16 KiB of content plus room for inner type, padding and a 64-byte MAC. */
    public static final int MAX_PAYLOAD = 16384 + 512;

    public Frame {
        if (payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("frame payload too long: " + payload.length());
        }
    }

    /** The 3-byte header, which is also the associated data of an encrypted record. */
    public static byte[] header(FrameType type, int payloadLength) {
        return new byte[] {(byte) type.code(), (byte) (payloadLength >>> 8), (byte) payloadLength};
    }

    /** Header followed by payload. */
    public Bytes encode() {
        byte[] out = new byte[HEADER_LENGTH + payload.length()];
        byte[] header = header(type, payload.length());
        System.arraycopy(header, 0, out, 0, HEADER_LENGTH);
        payload.copyTo(out, HEADER_LENGTH);
        return Bytes.wrapOwned(out);
    }
}
