package org.parley.lab.net;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.parley.crypto.Bytes;

/**
 * Reads whole frames (3-byte header, then the declared payload) from a byte stream, as an on-path
 * attacker does. The attacker does not enforce Parley's maximum: the 16-bit length field already
 * bounds a frame at 65,538 bytes.
 */
final class FrameStream {
    private final DataInputStream in;

    FrameStream(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** The next whole frame, or empty at the end of the stream (a partial frame at the end is discarded). */
    Optional<Bytes> next() throws IOException {
        int type = in.read();
        if (type < 0) {
            return Optional.empty();
        }
        byte[] header = new byte[3];
        header[0] = (byte) type;
        try {
            in.readFully(header, 1, 2);
            int length = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
            byte[] frame = new byte[3 + length];
            System.arraycopy(header, 0, frame, 0, 3);
            in.readFully(frame, 3, length);
            return Optional.of(Bytes.wrapOwned(frame));
        } catch (EOFException e) {
            return Optional.empty();
        }
    }
}
