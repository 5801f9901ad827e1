package org.parley.crypto.aead;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.SecretBytes;

/**
 * The keyed state shared by {@link AesCtrHmacSealer} and {@link AesCtrHmacOpener}: one AES-CTR
 * {@link Cipher}, one {@link Mac}, and reused nonce, header and tag arrays, so a record costs no
 * allocation beyond the parameter spec the JCA requires.
 *
 * <p>The layout is documented on {@link AesCtrHmacRecordCipher}.
 *
 * <p><b>Security.</b> {@link #close()} wipes both keys, the IV and the tag arrays and drops the
 * JCA objects; any later use throws {@link IllegalStateException}.
 */
final class EncryptThenMac {
    private static final String AES_CTR = "AES/CTR/NoPadding";
    private static final int COUNTER_BLOCK_LENGTH = 16;

    private final WipeableKey aesKey;
    private final WipeableKey macKey;
    private final RecordNonce nonce;
    private final byte[] header = new byte[Long.BYTES + Integer.BYTES];
    private final ByteBuffer headerView = ByteBuffer.wrap(header);
    private final byte[] expectedTag;
    private final byte[] receivedTag;
    private Cipher cipher;
    private Mac mac;

    /** Splits {@code key} into the AES and MAC keys (both copied) and keys the MAC once. */
    EncryptThenMac(HashAlgorithm macAlgorithm, SecretBytes key, SecretBytes iv) {
        this.nonce = new RecordNonce(iv, COUNTER_BLOCK_LENGTH);
        byte[] keyBytes = key.revealCopy();
        try {
            int aesLength = AesCtrHmacRecordCipher.AES_KEY_LENGTH;
            this.aesKey = new WipeableKey("AES", Arrays.copyOfRange(keyBytes, 0, aesLength));
            this.macKey = new WipeableKey(macAlgorithm.jcaHmacName(),
                    Arrays.copyOfRange(keyBytes, aesLength, keyBytes.length));
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
        this.expectedTag = new byte[macAlgorithm.length()];
        this.receivedTag = new byte[macAlgorithm.length()];
        this.cipher = newCipher();
        this.mac = newMac(macAlgorithm);
        try {
            // After doFinal a JCA Mac returns to this keyed state, so it is keyed only once.
            mac.init(macKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot key " + macAlgorithm.jcaHmacName(), e);
        }
    }

    static Cipher newCipher() {
        try {
            return Cipher.getInstance(AES_CTR);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cipher unavailable: " + AES_CTR, e);
        }
    }

    static Mac newMac(HashAlgorithm algorithm) {
        try {
            return Mac.getInstance(algorithm.jcaHmacName());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MAC unavailable: " + algorithm.jcaHmacName(), e);
        }
    }

    int tagLength() {
        return expectedTag.length;
    }

    /** Keys the CTR cipher for the record with {@code sequence}, counter block starting at zero. */
    Cipher cipherFor(int opmode, long sequence) throws GeneralSecurityException {
        checkOpen();
        cipher.init(opmode, aesKey, new IvParameterSpec(nonce.forSequence(sequence)));
        return cipher;
    }

    /**
     * Computes the tag over the sequence number, the AAD length, the AAD and the ciphertext,
     * consuming {@code aad} and {@code ciphertext}; returns the internal tag array.
     */
    byte[] tag(long sequence, ByteBuffer aad, ByteBuffer ciphertext) {
        checkOpen();
        headerView.putLong(0, sequence).putInt(Long.BYTES, aad.remaining());
        mac.update(header);
        mac.update(aad);
        mac.update(ciphertext);
        try {
            mac.doFinal(expectedTag, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("tag array too small", e);
        }
        return expectedTag;
    }

    /** Compares {@code tag}'s remaining bytes with the last computed tag in constant time. */
    boolean matchesLastTag(ByteBuffer tag) {
        if (tag.remaining() != receivedTag.length) {
            return false;
        }
        tag.get(receivedTag);
        return MessageDigest.isEqual(expectedTag, receivedTag);
    }

    void close() {
        aesKey.destroy();
        macKey.destroy();
        nonce.wipe();
        Arrays.fill(expectedTag, (byte) 0);
        Arrays.fill(receivedTag, (byte) 0);
        cipher = null;
        mac = null;
    }

    void checkOpen() {
        if (cipher == null) {
            throw new IllegalStateException("record cipher is closed");
        }
    }
}
