package org.parley.crypto.insecure;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/**
 * AES-256 in CTR mode with no MAC: Parley's {@code AES256CTR+HMAC*} cipher with the HMAC removed.
 *
 * <p><b>Insecure on purpose.</b> CTR is malleable: flipping bit {@code i} of the ciphertext flips bit
 * {@code i} of the plaintext, and nothing notices. Only the attack lab uses it, to show a bit-flip
 * attack changing a chat message that is then shown to the user.
 */
public final class InsecureUnauthenticatedAesCtr {
    private final SecretBytes key;

    /** @param key 32 bytes */
    public InsecureUnauthenticatedAesCtr(SecretBytes key) {
        if (key.length() != 32) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.key = key;
    }

    /** Encrypts or decrypts (the same operation in CTR mode) with a 16-byte initial counter block. */
    public Bytes apply(Bytes counterBlock, Bytes input) {
        if (counterBlock.length() != 16) {
            throw new IllegalArgumentException("the counter block is 16 bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.revealCopy(), "AES"),
                    new IvParameterSpec(counterBlock.toByteArray()));
            return Bytes.wrapOwned(cipher.doFinal(input.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is required of every JDK", e);
        }
    }
}
