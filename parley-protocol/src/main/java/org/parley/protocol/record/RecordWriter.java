package org.parley.protocol.record;

import java.nio.ByteBuffer;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/**
 * Seals one direction's records: inner type, optional padding, AEAD (or EtM) with the frame
 * header as associated data, and an implicit sequence number as the nonce source.
 *
 * <pre>
 *   struct InnerPlaintext {
 *     opaque content[n];        // n &lt;= 16,384
 *     u8     inner_type;        // InnerType, never 0
 *     u8     zeros[pad];        // padding, pad &lt;= 255
 *   }
 *   frame = FrameHeader(ENCRYPTED, len) || Seal(key, nonce = iv XOR seq, aad = FrameHeader, InnerPlaintext)
 * </pre>
 *
 * <p>{@link #sealInto} writes the frame straight into the caller's buffer (the server's pooled
 * outbound buffer) and seals it there in place: the inner plaintext is staged where its ciphertext
 * goes, right after the header, and the sealer replaces it byte for byte ({@link RecordSealer}
 * allows exactly this overlap; the JDK's AES-GCM then needs no copy). The writer itself keeps no
 * staging array, so neither a large record nor a busy connection makes it allocate or hold one.
 *
 * <p>{@link #sealBatchInto} seals several complete messages as one batch record ({@link BatchRecords},
 * docs/PROTOCOL.md 10.5.1): each message is copied once, into its place in the frame, and the whole
 * run costs one AEAD initialisation and one tag instead of one per message.
 *
 * <p><b>Security.</b> Sealing overwrites every staged plaintext byte with ciphertext; if sealing
 * fails, the staged bytes are wiped, so no plaintext is left in the caller's buffer or in the
 * writer. The nonce is still derived from the sequence number inside the sealer.
 *
 * <p>Not thread-safe; one writer per connection direction.
 */
public final class RecordWriter {
    private final RecordCipher cipher;
    private final RecordLimits limits;
    private final byte[] header = new byte[Frame.HEADER_LENGTH];
    private final ByteBuffer headerBuffer = ByteBuffer.wrap(header);
    private TrafficKeys keys;
    private RecordSealer sealer;
    private long sequence;
    private long bytesUnderKey;

    public RecordWriter(LabeledHkdf hkdf, RecordCipher cipher, SecretBytes trafficSecret, RecordLimits limits) {
        this.cipher = cipher;
        this.limits = limits;
        this.keys = new TrafficKeys(hkdf, cipher, trafficSecret);
        this.sealer = newSealer();
    }

    /**
     * Seals {@code content} (at most {@link RecordLimits#MAX_RECORD_CONTENT} bytes, consumed from
     * the buffer) as one record and returns the whole frame, header included.
     */
    public Bytes seal(InnerType type, ByteBuffer content) {
        byte[] frame = new byte[frameLength(checkedLength(content))];
        sealInto(type, content, ByteBuffer.wrap(frame));
        return Bytes.wrapOwned(frame);
    }

    /**
     * Seals {@code content} (at most {@link RecordLimits#MAX_RECORD_CONTENT} bytes, consumed from
     * the buffer) as one record and writes the whole frame, header included, at the position of
     * {@code out}, which advances past it.
     *
     * @return the frame's length, {@link #frameLength(int)} of the content's length
     * @throws IllegalArgumentException if the content is too long or {@code out} has less room than the frame;
     *     nothing is sealed or written then
     */
    public int sealInto(InnerType type, ByteBuffer content, ByteBuffer out) {
        int length = checkedLength(content);
        int innerLength = innerLength(length);
        checkRoom(out, innerLength);
        ByteBuffer inner = stagingIn(out);
        inner.put(content);
        return sealStaged(type, inner, length, innerLength, out);
    }

    /**
     * Seals {@code messages[from, to)} as one {@link InnerType#APPLICATION_BATCH} record
     * ({@link BatchRecords}) and writes the whole frame at the position of {@code out}. Each
     * message is copied once, into its place in the frame, and sealed there.
     *
     * @return the frame's length, {@link #frameLength(int)} of the batch's content length
     * @throws IllegalArgumentException if the entries do not fit one record or {@code out} has less
     *     room than the frame; nothing is sealed or written then
     */
    public int sealBatchInto(List<Bytes> messages, int from, int to, ByteBuffer out) {
        if (from >= to) {
            throw new IllegalArgumentException("a batch record needs at least one message");
        }
        int length = BatchRecords.contentLength(messages, from, to);
        for (int i = from; i < to; i++) {
            if (messages.get(i).length() > BatchRecords.MAX_ENTRY) {
                throw new IllegalArgumentException("message too long for a batch entry: " + messages.get(i).length());
            }
        }
        if (length > RecordLimits.MAX_RECORD_CONTENT) {
            throw new IllegalArgumentException("batch content too long: " + length);
        }
        int innerLength = innerLength(length);
        checkRoom(out, innerLength);
        ByteBuffer inner = stagingIn(out);
        BatchRecords.write(messages, from, to, inner);
        return sealStaged(InnerType.APPLICATION_BATCH, inner, length, innerLength, out);
    }

    /**
     * Appends the inner type and the padding after the content staged in {@code inner} (a view of
     * {@code out} from just after the header), writes the header at {@code out}'s position and seals
     * the inner plaintext in place; wipes the staged plaintext if sealing failed.
     */
    private int sealStaged(InnerType type, ByteBuffer inner, int length, int innerLength, ByteBuffer out) {
        int start = out.position() + Frame.HEADER_LENGTH;
        boolean sealed = false;
        try {
            int payloadLength = innerLength + cipher.overhead();
            inner.put((byte) type.code());
            while (inner.position() < start + innerLength) {
                inner.put((byte) 0);
            }
            inner.limit(start + innerLength).position(start);
            header[0] = (byte) FrameType.ENCRYPTED.code();
            header[1] = (byte) (payloadLength >>> 8);
            header[2] = (byte) payloadLength;
            out.put(header);
            sealer.seal(sequence, headerBuffer.clear(), inner, out);
            sealed = true;
            sequence++;
            bytesUnderKey += length;
            return Frame.HEADER_LENGTH + payloadLength;
        } finally {
            if (!sealed) {
                for (int i = start; i < start + innerLength; i++) {
                    out.put(i, (byte) 0);
                }
            }
        }
    }

    /** A view of {@code out} positioned where the inner plaintext goes: just after the frame header. */
    private static ByteBuffer stagingIn(ByteBuffer out) {
        return out.duplicate().position(out.position() + Frame.HEADER_LENGTH);
    }

    private int innerLength(int contentLength) {
        return contentLength + 1 + paddingFor(contentLength + 1);
    }

    private void checkRoom(ByteBuffer out, int innerLength) {
        int frame = Frame.HEADER_LENGTH + innerLength + cipher.overhead();
        if (out.remaining() < frame) {
            throw new IllegalArgumentException("output buffer too small for a frame of " + frame);
        }
    }

    /** Bytes on the wire of the frame that seals {@code contentLength} bytes of content (padding included). */
    public int frameLength(int contentLength) {
        return Frame.HEADER_LENGTH + contentLength + 1 + paddingFor(contentLength + 1) + cipher.overhead();
    }

    /** Convenience for small control records. */
    public Bytes seal(InnerType type, Bytes content) {
        return seal(type, content.asReadOnlyBuffer());
    }

    /**
     * Whether the configured record or byte budget of this key is used up. One record is kept in
     * reserve for the KEY_UPDATE message itself.
     */
    public boolean keyUpdateDue() {
        return sequence >= limits.recordsPerKey() - 1 || bytesUnderKey >= limits.bytesPerKey();
    }

    /** Ratchets to the next traffic secret; call right after sealing a KEY_UPDATE record. */
    public void updateKeys() {
        sealer.close();
        keys = keys.next();
        sealer = newSealer();
        sequence = 0;
        bytesUnderKey = 0;
    }

    /** Records sealed under the current key. */
    public long sequence() {
        return sequence;
    }

    /** Wipes all key material; the writer cannot be used afterwards. */
    public void destroy() {
        sealer.close();
        keys.destroy();
    }

    private static int checkedLength(ByteBuffer content) {
        int length = content.remaining();
        if (length > RecordLimits.MAX_RECORD_CONTENT) {
            throw new IllegalArgumentException("record content too long: " + length);
        }
        return length;
    }

    private int paddingFor(int innerLength) {
        int block = limits.paddingBlock();
        if (block <= 1) {
            return 0;
        }
        int remainder = innerLength % block;
        return remainder == 0 ? 0 : block - remainder;
    }

    private RecordSealer newSealer() {
        try (SecretBytes key = keys.key(); SecretBytes iv = keys.iv()) {
            return cipher.sealer(key, iv);
        }
    }
}
