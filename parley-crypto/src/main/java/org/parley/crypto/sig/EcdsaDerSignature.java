package org.parley.crypto.sig;

import java.util.Optional;
import org.parley.crypto.Bytes;

/**
 * Converts an ECDSA signature from strict ASN.1 DER to the fixed-length P1363 form r||s that
 * {@link BcEcdsa} verifies.
 *
 * <pre>
 *   30 len                 SEQUENCE, definite minimal length, nothing after it
 *     02 lenR  r           INTEGER, minimal, non-negative, at most L magnitude bytes
 *     02 lenS  s           INTEGER, same rules
 * </pre>
 *
 * <p><b>Security.</b> Only the one DER encoding of a pair (r, s) is accepted: BER forms
 * (indefinite or non-minimal lengths), non-minimal or negative integers, other tags, extra
 * elements and trailing bytes are all refused, so a DER signature cannot be re-encoded into
 * another accepted byte string. The range check r, s in [1, n-1] is left to verification.
 */
public final class EcdsaDerSignature {

    private EcdsaDerSignature() {
    }

    /**
     * Returns {@code r || s}, each left-padded to {@code scalarLength} bytes, or empty if
     * {@code der} is not a strict DER ECDSA signature whose integers fit in that length.
     */
    public static Optional<Bytes> toP1363(Bytes der, int scalarLength) {
        byte[] in = der.toByteArray();
        Reader reader = new Reader(in);
        int sequenceLength = reader.header(0x30);
        if (sequenceLength < 0 || sequenceLength != in.length - reader.position) {
            return Optional.empty();
        }
        byte[] out = new byte[2 * scalarLength];
        if (!reader.integer(out, 0, scalarLength) || !reader.integer(out, scalarLength, scalarLength)
                || reader.position != in.length) {
            return Optional.empty();
        }
        return Optional.of(Bytes.wrapOwned(out));
    }

    /** A cursor over the input; every method returns a failure value instead of throwing. */
    private static final class Reader {
        private final byte[] in;
        private int position;

        Reader(byte[] in) {
            this.in = in;
        }

        /** Reads a tag and a minimal definite length; returns the length, or -1 if malformed. */
        int header(int expectedTag) {
            if (remaining() < 2 || (in[position] & 0xff) != expectedTag) {
                return -1;
            }
            int first = in[position + 1] & 0xff;
            position += 2;
            int length;
            if (first < 0x80) {
                length = first;
            } else if (first == 0x81 && remaining() >= 1 && (in[position] & 0xff) >= 0x80) {
                // Long form is minimal only for lengths of 128 and more; ECDSA signatures up to
                // P-521 never need two length bytes, so 0x82 and above are refused outright.
                length = in[position] & 0xff;
                position++;
            } else {
                return -1;
            }
            return length <= remaining() ? length : -1;
        }

        /** Reads one INTEGER into {@code out[offset..offset+width)}; false if malformed or too big. */
        boolean integer(byte[] out, int offset, int width) {
            int length = header(0x02);
            if (length < 1) {
                return false;
            }
            int start = position;
            position += length;
            if ((in[start] & 0x80) != 0) {
                return false; // negative
            }
            if (in[start] == 0 && length > 1) {
                if ((in[start + 1] & 0x80) == 0) {
                    return false; // a leading zero that is not needed for the sign bit
                }
                start++;
                length--;
            }
            if (length > width) {
                return false;
            }
            System.arraycopy(in, start, out, offset + width - length, length);
            return true;
        }

        private int remaining() {
            return in.length - position;
        }
    }
}
