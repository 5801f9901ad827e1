package org.parley.e2ee.session;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.HashFunction;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/**
 * The symmetric half of a chain, shared by the double ratchet's chains and the rooms' sender
 * chains (docs/E2EE.md, "Key derivation" and "Sender chains"): the step KDF_CK (message key =
 * HMAC(CK, 0x01), next chain key = HMAC(CK, 0x02)), and AES-256-GCM under a key and nonce
 * expanded from one message key with this chain's label: HKDF-Expand(mk, label, 44) =
 * key[32] ‖ nonce[12]. Each message key seals exactly one message, so the nonce never repeats.
 */
public final class SymmetricChain {
    private static final Bytes MESSAGE_KEY_CONSTANT = Bytes.wrapOwned(new byte[] {1});
    private static final Bytes CHAIN_KEY_CONSTANT = Bytes.wrapOwned(new byte[] {2});

    private final Bytes messageLabel;
    private final HashFunction sha256 = HashAlgorithm.SHA256.create();
    private final RecordCipher aead = RecordCipherAlgorithm.AES_256_GCM.create();

    /** A chain whose message keys expand under {@code messageLabel}. */
    public SymmetricChain(Bytes messageLabel) {
        this.messageLabel = messageLabel;
    }

    /** {message key, next chain key} from {@code chainKey}; the caller wipes all three. */
    public byte[][] step(byte[] chainKey) {
        SecretBytes key = SecretBytes.copyOf(chainKey);
        try {
            return new byte[][] {sha256.hmacSecret(key, MESSAGE_KEY_CONSTANT).revealCopy(),
                sha256.hmacSecret(key, CHAIN_KEY_CONSTANT).revealCopy()};
        } finally {
            key.destroy();
        }
    }

    public Bytes seal(byte[] messageKey, Bytes aad, Bytes plaintext) {
        SecretBytes[] keyAndNonce = expand(messageKey);
        try (RecordSealer sealer = aead.sealer(keyAndNonce[0], keyAndNonce[1])) {
            ByteBuffer out = ByteBuffer.allocate(plaintext.length() + aead.overhead());
            sealer.seal(0, aad.asReadOnlyBuffer(), plaintext.asReadOnlyBuffer(), out);
            return Bytes.wrapOwned(out.array());
        } finally {
            keyAndNonce[0].destroy();
            keyAndNonce[1].destroy();
        }
    }

    public Bytes open(byte[] messageKey, Bytes aad, Bytes ciphertext) throws AuthenticationFailedException {
        SecretBytes[] keyAndNonce = expand(messageKey);
        try (RecordOpener opener = aead.opener(keyAndNonce[0], keyAndNonce[1])) {
            ByteBuffer out = ByteBuffer.allocate(Math.max(0, ciphertext.length() - aead.overhead()));
            int length = opener.open(0, aad.asReadOnlyBuffer(), ciphertext.asReadOnlyBuffer(), out);
            return Bytes.copyOf(out.array(), 0, length);
        } finally {
            keyAndNonce[0].destroy();
            keyAndNonce[1].destroy();
        }
    }

    private SecretBytes[] expand(byte[] messageKey) {
        SecretBytes mk = SecretBytes.copyOf(messageKey);
        byte[] okm = sha256.hkdfExpand(mk, messageLabel, 44).revealCopy();
        mk.destroy();
        SecretBytes[] keys = {SecretBytes.copyOf(okm, 0, 32), SecretBytes.copyOf(okm, 32, 12)};
        Arrays.fill(okm, (byte) 0);
        return keys;
    }
}
