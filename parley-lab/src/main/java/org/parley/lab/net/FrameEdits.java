package org.parley.lab.net;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.parley.crypto.Bytes;

/**
 * The attacker's edits on whole frames (header included): flipping a bit, and rewriting the
 * plaintext ClientHello's offer and ServerHello's choice (PROTOCOL.md 5.3 and 5.4), recomputing the
 * frame and handshake lengths so the edited message still parses.
 */
public final class FrameEdits {
    /** Frame header (3) + handshake header (4): where a plaintext handshake body starts. */
    public static final int BODY = 7;
    /** Offset of the ServerHello's four chosen codes in its frame: body + version (2) + random (32). */
    public static final int SERVER_HELLO_CODES = BODY + 2 + 32;
    /** Offset of the ClientHello's random in its frame: body + magic (4) + version (2). */
    public static final int CLIENT_HELLO_RANDOM = BODY + 4 + 2;

    private FrameEdits() {
    }

    /** {@code frame} with bit {@code bit} (0..7) of byte {@code offset} inverted. */
    public static Bytes flipBit(Bytes frame, int offset, int bit) {
        byte[] copy = frame.toByteArray();
        copy[offset] ^= (byte) (1 << bit);
        return Bytes.wrapOwned(copy);
    }

    /** {@code frame} with the u16 at {@code offset} replaced by {@code value}. */
    public static Bytes putU16(Bytes frame, int offset, int value) {
        byte[] copy = frame.toByteArray();
        copy[offset] = (byte) (value >>> 8);
        copy[offset + 1] = (byte) value;
        return Bytes.wrapOwned(copy);
    }

    /** The u16 at {@code offset}. */
    public static int u16(Bytes frame, int offset) {
        return ((frame.get(offset) & 0xff) << 8) | (frame.get(offset + 1) & 0xff);
    }

    /** The first {@code n} bytes (at most) as hex, for traces. */
    public static String hexPrefix(Bytes bytes, int n) {
        int shown = Math.min(n, bytes.length());
        return HexFormat.ofDelimiter(" ").formatHex(bytes.slice(0, shown).toByteArray()) + (shown < bytes.length() ? " …" : "");
    }

    /** Offset of the ClientHello's cipher CodeList (its count byte) in its frame. */
    public static int clientHelloCipherList(Bytes clientHello) {
        int at = CLIENT_HELLO_RANDOM + 32;
        for (int list = 0; list < 2; list++) { // key exchanges, signatures
            at += 1 + 2 * (clientHello.get(at) & 0xff);
        }
        return at;
    }

    /** The key-exchange codes a ClientHello frame offers, in order. */
    public static List<Integer> offeredKeyExchanges(Bytes clientHello) {
        int at = CLIENT_HELLO_RANDOM + 32;
        int count = clientHello.get(at) & 0xff;
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            codes.add(u16(clientHello, at + 1 + 2 * i));
        }
        return codes;
    }

    /**
     * The ClientHello frame without the key exchange {@code code} in its offer and without its key
     * share: the strong component stripped. Lengths are recomputed; nothing else changes.
     */
    public static Bytes withoutKeyExchange(Bytes clientHello, int code) {
        byte[] in = clientHello.toByteArray();
        int at = CLIENT_HELLO_RANDOM + 32;
        ByteList out = new ByteList();
        out.add(in, 0, at);
        int kexCount = in[at] & 0xff;
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < kexCount; i++) {
            int c = u16(clientHello, at + 1 + 2 * i);
            if (c != code) {
                kept.add(c);
            }
        }
        out.u8(kept.size());
        kept.forEach(out::u16);
        int p = at + 1 + 2 * kexCount;
        for (int list = 0; list < 3; list++) { // signatures, ciphers, hashes: unchanged
            int n = in[p] & 0xff;
            out.add(in, p, 1 + 2 * n);
            p += 1 + 2 * n;
        }
        int shares = in[p++] & 0xff;
        out.u8(kept.size());
        for (int i = 0; i < shares; i++) {
            int c = u16(clientHello, p);
            int len = u16(clientHello, p + 2);
            if (c != code) {
                out.add(in, p, 4 + len);
            }
            p += 4 + len;
        }
        byte[] result = out.toArray();
        int body = result.length - BODY;
        result[4] = (byte) (body >>> 16);
        result[5] = (byte) (body >>> 8);
        result[6] = (byte) body;
        int payload = result.length - 3;
        result[1] = (byte) (payload >>> 8);
        result[2] = (byte) payload;
        return Bytes.wrapOwned(result);
    }

    /** A growable byte array for rebuilding messages. */
    private static final class ByteList {
        private byte[] data = new byte[256];
        private int size;

        void add(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, data, size, length);
            size += length;
        }

        void u8(int value) {
            ensure(1);
            data[size++] = (byte) value;
        }

        void u16(int value) {
            u8(value >>> 8);
            u8(value);
        }

        private void ensure(int more) {
            if (size + more > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
