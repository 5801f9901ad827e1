package org.parley.e2ee.session;

import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.HashFunction;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.e2ee.E2eSuite;

/**
 * Every key derivation of the end-to-end core in one place, with its labels (docs/E2EE.md,
 * "Key derivation"). HKDF and HMAC are SHA-256; messages are AES-256-GCM.
 */
final class Kdf {
    static final Bytes START_LABEL = Bytes.utf8("parley-e2ee v1 start");
    static final Bytes ROOT_KEY_LABEL = Bytes.utf8("parley-e2ee v1 root key");
    static final Bytes RATCHET_LABEL = Bytes.utf8("parley-e2ee v1 ratchet");
    static final Bytes MESSAGE_LABEL = Bytes.utf8("parley-e2ee v1 message");

    private final HashFunction sha256 = HashAlgorithm.SHA256.create();
    private final SymmetricChain chain = new SymmetricChain(MESSAGE_LABEL);

    Bytes hash(Bytes data) {
        return sha256.digest(data);
    }

    /** SK = HKDF-Expand(HKDF-Extract(th, ikm), "parley-e2ee v1 root key", 32). */
    byte[] startSecret(Bytes transcriptHash, SecretBytes ikm) {
        SecretBytes prk = sha256.hkdfExtract(transcriptHash, ikm);
        try {
            return sha256.hkdfExpand(prk, ROOT_KEY_LABEL, 32).revealCopy();
        } finally {
            prk.destroy();
        }
    }

    /**
     * KDF_RK: HKDF(salt = RK, ikm = dh ‖ pq_secret, info = "parley-e2ee v1 ratchet" ‖ suite ‖
     * pq_binding, 64) split into the new root key and a chain key.
     */
    byte[][] rootStep(byte[] rootKey, SecretBytes ikm, E2eSuite suite, Bytes pqBinding) {
        SecretBytes prk = sha256.hkdfExtract(Bytes.copyOf(rootKey), ikm);
        try {
            Bytes info = Bytes.concat(RATCHET_LABEL, Bytes.wrapOwned(new byte[] {(byte) suite.code()}), pqBinding);
            byte[] out = sha256.hkdfExpand(prk, info, 64).revealCopy();
            byte[][] keys = {Arrays.copyOfRange(out, 0, 32), Arrays.copyOfRange(out, 32, 64)};
            Arrays.fill(out, (byte) 0);
            return keys;
        } finally {
            prk.destroy();
        }
    }

    /** KDF_CK: message key = HMAC(CK, 0x01), next chain key = HMAC(CK, 0x02). */
    byte[][] chainStep(byte[] chainKey) {
        return chain.step(chainKey);
    }

    /** AES-256-GCM under HKDF-Expand(mk, "parley-e2ee v1 message", 44) = key[32] ‖ nonce[12]. */
    Bytes seal(byte[] messageKey, Bytes aad, Bytes plaintext) {
        return chain.seal(messageKey, aad, plaintext);
    }

    Bytes open(byte[] messageKey, Bytes aad, Bytes ciphertext) throws AuthenticationFailedException {
        return chain.open(messageKey, aad, ciphertext);
    }

    /** Concatenates secrets into one input key material, wiping nothing of the inputs. */
    static SecretBytes concat(SecretBytes... parts) {
        int length = 0;
        for (SecretBytes part : parts) {
            length += part.length();
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (SecretBytes part : parts) {
            byte[] raw = part.revealCopy();
            System.arraycopy(raw, 0, out, offset, raw.length);
            offset += raw.length;
            Arrays.fill(raw, (byte) 0);
        }
        return SecretBytes.wrapOwned(out);
    }
}
