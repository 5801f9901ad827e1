package org.parley.server.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.SendId;

/**
 * The {@code sends} column of {@code send_batches} ({@link SchemaSendBatches}): the sends made once
 * that one transaction stored, packed into one BLOB. Big-endian, layout version 1:
 *
 * <pre>
 * u8  layout version (1)
 * u16 count, 1..{@value #MAX_SENDS}
 * count times:
 *   u16 account length, 1..{@value #MAX_ACCOUNT_BYTES}; the account (canonical name), UTF-8
 *   i64 stored at (ms since the epoch), at most the row's {@code stored_at}
 *   16 bytes send id (not all zeros)
 *   32 bytes digest (SHA-256 of the request with request id 0)
 *   i64 the id answered
 * nothing after the last send
 * </pre>
 *
 * The sends are in the order the transaction stored them (their answered ids ascending). Every
 * length and the count are checked against their maximum and against the bytes left before
 * anything is read; a blob that does not parse is a {@link StoreException}, never a partial
 * result. Pure: no database, no state.
 */
final class SendBatchCodec {
    static final int LAYOUT_VERSION = 1;
    /** Sends in one blob at most: a group commit's batch ({@link GroupCommit#MAX_BATCH}); envelopes write one. */
    static final int MAX_SENDS = GroupCommit.MAX_BATCH;
    /**
     * The longest account in UTF-8 bytes: the canonical form (NFKC, then lower case) of a name of
     * at most 64 bytes. NFKC expands UTF-8 at most 11-fold (U+FDFA, 3 bytes to 33) and lower-casing
     * at most 3/2 (U+0130), so 64 × 11 × 1.5 = 1,056 bytes bounds it; names accepted under older,
     * looser rules can be such, so the bound is not the 64 of the wire.
     */
    static final int MAX_ACCOUNT_BYTES = 2_048;
    private static final int FIXED_BYTES_PER_SEND = 2 + 8 + SendId.LENGTH + SendMark.DIGEST_LENGTH + 8;

    private SendBatchCodec() {
    }

    /** Packs 1..{@value #MAX_SENDS} sends; {@link IllegalArgumentException} past a bound (never written). */
    static byte[] encode(List<StoredSend> sends) {
        if (sends.isEmpty() || sends.size() > MAX_SENDS) {
            throw new IllegalArgumentException("a send batch holds 1.." + MAX_SENDS + " sends, not " + sends.size());
        }
        List<byte[]> accounts = new ArrayList<>(sends.size());
        int size = 1 + 2;
        for (StoredSend send : sends) {
            byte[] account = send.mark().account().getBytes(StandardCharsets.UTF_8);
            if (account.length < 1 || account.length > MAX_ACCOUNT_BYTES) {
                throw new IllegalArgumentException("an account of " + account.length + " bytes in a send batch");
            }
            accounts.add(account);
            size += FIXED_BYTES_PER_SEND + account.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) LAYOUT_VERSION);
        out.putShort((short) sends.size());
        for (int i = 0; i < sends.size(); i++) {
            StoredSend send = sends.get(i);
            out.putShort((short) accounts.get(i).length);
            out.put(accounts.get(i));
            out.putLong(send.storedAt());
            send.mark().sendId().value().writeTo(out);
            send.mark().digest().writeTo(out);
            out.putLong(send.answeredId());
        }
        return out.array();
    }

    /**
     * Unpacks a blob stored in a row at {@code rowStoredAt}: its sends, in the order stored.
     *
     * @throws StoreException if the blob does not follow the layout, in any way
     */
    static List<StoredSend> decode(byte[] blob, long rowStoredAt) throws StoreException {
        if (blob == null) {
            throw malformed("no bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(blob).asReadOnlyBuffer();
        try {
            int version = Byte.toUnsignedInt(in.get());
            if (version != LAYOUT_VERSION) {
                throw malformed("layout version " + version + ", not " + LAYOUT_VERSION);
            }
            int count = Short.toUnsignedInt(in.getShort());
            if (count < 1 || count > MAX_SENDS) {
                throw malformed("a count of " + count + " sends, not 1.." + MAX_SENDS);
            }
            if (in.remaining() < count * (long) (FIXED_BYTES_PER_SEND + 1)) {
                throw malformed(count + " sends declared in " + blob.length + " bytes");
            }
            List<StoredSend> sends = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                sends.add(send(in, rowStoredAt));
            }
            if (in.hasRemaining()) {
                throw malformed(in.remaining() + " bytes after the last send");
            }
            return List.copyOf(sends);
        } catch (BufferUnderflowException e) {
            throw malformed("truncated (" + blob.length + " bytes)");
        }
    }

    private static StoredSend send(ByteBuffer in, long rowStoredAt) throws StoreException {
        int accountLength = Short.toUnsignedInt(in.getShort());
        if (accountLength < 1 || accountLength > MAX_ACCOUNT_BYTES) {
            throw malformed("an account of " + accountLength + " bytes, not 1.." + MAX_ACCOUNT_BYTES);
        }
        if (in.remaining() < accountLength) {
            throw malformed("an account of " + accountLength + " bytes with " + in.remaining() + " left");
        }
        String account;
        try {
            account = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in.slice(in.position(), accountLength))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("an account that is not UTF-8");
        }
        in.position(in.position() + accountLength);
        long storedAt = in.getLong();
        if (storedAt > rowStoredAt) {
            throw malformed("a send stored at " + storedAt + ", after its row's " + rowStoredAt);
        }
        Bytes sendId = take(in, SendId.LENGTH);
        Bytes digest = take(in, SendMark.DIGEST_LENGTH);
        long answeredId = in.getLong();
        try {
            return new StoredSend(new SendMark(account, new SendId(sendId), digest), answeredId, storedAt);
        } catch (IllegalArgumentException e) {
            throw new StoreException("a malformed send batch in the database: " + e.getMessage(), e);
        }
    }

    private static Bytes take(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return Bytes.wrapOwned(bytes);
    }

    private static StoreException malformed(String what) {
        return new StoreException("a malformed send batch in the database: " + what);
    }
}
