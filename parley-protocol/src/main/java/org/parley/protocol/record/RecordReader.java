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
    private InnerType openedType;

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
        checkOpenable(frameType, payload);
        byte[] plain = new byte[payload.remaining() - cipher.overhead()];
        int contentLength = openChecked(payload, plain);
        // A view, not a copy: nobody else holds plain, and nobody writes to it again.
        return new InnerRecord(openedType, Bytes.wrapOwned(plain, 0, contentLength));
    }

    /**
     * Authenticates and decrypts the remaining bytes of {@code payload} like {@link #open(FrameType,
     * ByteBuffer)}, with the same checks in the same order, but into {@code plain}, the caller's
     * array (reused from one record to the next, so that a receiver that reads messages where they
     * lie allocates nothing per record): the content is {@code plain[0, returned length)}, its type
     * {@link #openedType()}. {@code plain} must hold at least {@link #plaintextLength} bytes.
     *
     * <p>Bytes of {@code plain} beyond the content (the inner type and the padding) are written too,
     * and a record that authenticates but fails a later check (no inner type, unknown type, too long)
     * leaves its plaintext there: the caller wipes {@code plain[0, plaintextLength)} once it has read
     * it, whatever the outcome. A record whose tag does not verify writes nothing into it.
     */
    public int openInto(FrameType frameType, ByteBuffer payload, byte[] plain) throws RecordException {
        checkOpenable(frameType, payload);
        if (plain.length < payload.remaining() - cipher.overhead()) {
            throw new IllegalArgumentException("plaintext array too small: " + plain.length);
        }
        return openChecked(payload, plain);
    }

    /** The plaintext bytes (content, inner type and padding) of an encrypted frame payload of {@code payloadLength} bytes. */
    public int plaintextLength(int payloadLength) {
        return Math.max(0, payloadLength - cipher.overhead());
    }

    /** The inner type of the record {@link #openInto} opened last. */
    public InnerType openedType() {
        return openedType;
    }

    private void checkOpenable(FrameType frameType, ByteBuffer payload) throws RecordException {
        if (frameType != FrameType.ENCRYPTED) {
            throw new RecordException("plaintext frame after keys were established");
        }
        if (payload.remaining() < cipher.overhead() + 1) {
            throw new RecordException("record shorter than its tag");
        }
        if (sequence >= recordsPerKey) {
            // Checked before decrypting: the key has protected all it may; only a KeyUpdate renews it.
            throw new RecordException("too many records under one key without a key update");
        }
    }

    /** Opens {@code payload} into {@code plain[0, payload - overhead)}; returns the content length, the type in {@link #openedType}. */
    private int openChecked(ByteBuffer payload, byte[] plain) throws RecordException {
        int payloadLength = payload.remaining();
        int plainLength = payloadLength - cipher.overhead();
        try {
            header[0] = (byte) FrameType.ENCRYPTED.code();
            header[1] = (byte) (payloadLength >>> 8);
            header[2] = (byte) payloadLength;
            opener.open(sequence, ByteBuffer.wrap(header), payload, ByteBuffer.wrap(plain, 0, plainLength));
        } catch (AuthenticationFailedException e) {
            throw new RecordException("record authentication failed");
        }
        sequence++;
        int typeIndex = plainLength - 1;
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
        if (plainLength - 1 - typeIndex > RecordLimits.MAX_PADDING) {
            throw new RecordException("record padding too long");
        }
        openedType = type;
        return typeIndex;
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
