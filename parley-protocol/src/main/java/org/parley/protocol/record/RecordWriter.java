package org.parley.protocol.record;

import java.nio.ByteBuffer;
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
 * <p>Not thread-safe; one writer per connection direction.
 */
public final class RecordWriter {
    private final RecordCipher cipher;
    private final RecordLimits limits;
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
        int length = content.remaining();
        if (length > RecordLimits.MAX_RECORD_CONTENT) {
            throw new IllegalArgumentException("record content too long: " + length);
        }
        int padding = paddingFor(length + 1);
        byte[] inner = new byte[length + 1 + padding];
        content.get(inner, 0, length);
        inner[length] = (byte) type.code();
        int payloadLength = inner.length + cipher.overhead();
        byte[] frame = new byte[Frame.HEADER_LENGTH + payloadLength];
        byte[] header = Frame.header(FrameType.ENCRYPTED, payloadLength);
        System.arraycopy(header, 0, frame, 0, Frame.HEADER_LENGTH);
        sealer.seal(sequence, ByteBuffer.wrap(header), ByteBuffer.wrap(inner),
                ByteBuffer.wrap(frame, Frame.HEADER_LENGTH, payloadLength));
        sequence++;
        bytesUnderKey += length;
        return Bytes.wrapOwned(frame);
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
