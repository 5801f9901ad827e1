package org.parley.protocol.record;

import java.nio.ByteBuffer;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.Bytes;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.RecordException;

/**
 * Opens one direction's records, in order, with implicit sequence numbers.
 *
 * <p><b>Security.</b> The sequence number is never on the wire: a replayed, reordered or dropped
 * record is opened with the wrong nonce and fails authentication. Every failure (short record,
 * bad tag, no inner type, unknown inner type (a batch record included, unless this receiver opted
 * in), oversize content, too much padding, one record too
 * many under a key) is a {@link RecordException} with the same alert, so the peer cannot tell which
 * check failed. Nothing unauthenticated is returned. The padding and per-key record limits that
 * the sender keeps are checked here too, so a peer cannot use a key beyond its budget or pad a
 * record beyond what any padding block produces.
 *
 * <p>The content of an opened record is a view into the fresh array it was decrypted into (only the
 * inner type and the padding are cut off, not copied): that array is never reused nor written to
 * again, so the content and every view into it stay valid for as long as anyone holds them.
 *
 * <p>Not thread-safe; one reader per connection direction.
 */
public final class RecordReader {
    private final RecordCipher cipher;
    private final long recordsPerKey;
    private TrafficKeys keys;
    private RecordOpener opener;
    private long sequence;
    private boolean batchesAccepted;
    /** The associated data of the record being opened (its frame header), rewritten per record. */
    private final byte[] header = new byte[Frame.HEADER_LENGTH];

    /**
     * A reader that accepts at most {@link RecordLimits#recordsReceivedPerKey()} records under each
     * traffic key.
     */
    public RecordReader(LabeledHkdf hkdf, RecordCipher cipher, SecretBytes trafficSecret, RecordLimits limits) {
        this.cipher = cipher;
        this.recordsPerKey = limits.recordsReceivedPerKey();
        this.keys = new TrafficKeys(hkdf, cipher, trafficSecret);
        this.opener = newOpener();
    }

    /** Authenticates and decrypts an {@link FrameType#ENCRYPTED} frame. */
    public InnerRecord open(Frame frame) throws RecordException {
        return open(frame.type(), frame.payload().asReadOnlyBuffer());
    }

    /**
     * Authenticates and decrypts the remaining bytes of {@code payload}, the payload of a frame of
     * {@code frameType} read in place from the transport's buffer; its position ends at its limit when
     * the record opened. The buffer is not kept: the content is decrypted into an array of its own.
     */
    public InnerRecord open(FrameType frameType, ByteBuffer payload) throws RecordException {
        if (frameType != FrameType.ENCRYPTED) {
            throw new RecordException("plaintext frame after keys were established");
        }
        int payloadLength = payload.remaining();
        if (payloadLength < cipher.overhead() + 1) {
            throw new RecordException("record shorter than its tag");
        }
        if (sequence >= recordsPerKey) {
            // Checked before decrypting: the key has protected all it may; only a KeyUpdate renews it.
            throw new RecordException("too many records under one key without a key update");
        }
        byte[] plain = new byte[payloadLength - cipher.overhead()];
        try {
            header[0] = (byte) FrameType.ENCRYPTED.code();
            header[1] = (byte) (payloadLength >>> 8);
            header[2] = (byte) payloadLength;
            opener.open(sequence, ByteBuffer.wrap(header), payload, ByteBuffer.wrap(plain));
        } catch (AuthenticationFailedException e) {
            throw new RecordException("record authentication failed");
        }
        sequence++;
        int typeIndex = plain.length - 1;
        while (typeIndex >= 0 && plain[typeIndex] == 0) {
            typeIndex--;
        }
        if (typeIndex < 0) {
            throw new RecordException("record has no inner type");
        }
        int typeCode = plain[typeIndex] & 0xff;
        InnerType type = InnerType.fromCode(typeCode)
                .filter(known -> known != InnerType.APPLICATION_BATCH || batchesAccepted)
                .orElseThrow(() -> new RecordException("unknown inner type " + typeCode));
        if (typeIndex > RecordLimits.MAX_RECORD_CONTENT) {
            throw new RecordException("record content too long");
        }
        if (plain.length - 1 - typeIndex > RecordLimits.MAX_PADDING) {
            throw new RecordException("record padding too long");
        }
        // A view, not a copy: nobody else holds plain, and nobody writes to it again.
        return new InnerRecord(type, Bytes.wrapOwned(plain, 0, typeIndex));
    }

    /**
     * Whether {@link InnerType#APPLICATION_BATCH} records are accepted: only once this receiver has
     * opted in (docs/PROTOCOL.md, Section 10.5.1); until then type 6 is an unknown inner type and
     * fails like any other ({@code bad_record}).
     */
    public void acceptBatches(boolean accepted) {
        batchesAccepted = accepted;
    }

    /** Ratchets to the next traffic secret; call right after opening a KEY_UPDATE record. */
    public void updateKeys() {
        opener.close();
        keys = keys.next();
        opener = newOpener();
        sequence = 0;
    }

    /** Wipes all key material. */
    public void destroy() {
        opener.close();
        keys.destroy();
    }

    private RecordOpener newOpener() {
        try (SecretBytes key = keys.key(); SecretBytes iv = keys.iv()) {
            return cipher.opener(key, iv);
        }
    }
}
