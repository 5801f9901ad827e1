package org.parley.crypto;

import java.security.SecureRandom;
import org.parley.crypto.kex.JdkMlKem768Kem;

/**
 * A bare key-encapsulation mechanism with storable key pairs, for the end-to-end layer's
 * post-quantum prekeys and ratchet steps (the channel handshake uses the hybrid
 * {@link KeyExchange} instead).
 *
 * <p><b>Security.</b> {@link #encapsulate} checks the encapsulation key (FIPS 203 section 7.2);
 * {@link #decapsulate} checks the ciphertext length and otherwise uses implicit rejection, so a
 * corrupted ciphertext yields an unrelated secret rather than an error. Randomness comes only
 * from the caller's {@link SecureRandom}.
 */
public interface Kem {

    /** ML-KEM-768 (FIPS 203) through the JDK: 1,184-byte keys, 1,088-byte ciphertexts. */
    static Kem mlKem768() {
        return new JdkMlKem768Kem();
    }

    int encapsulationKeyLength();

    int ciphertextLength();

    int seedLength();

    /** Makes a new key pair, drawing its seed from {@code random}. */
    KemKeyPair generate(SecureRandom random);

    /**
     * Rebuilds the key pair of {@code seed}.
     *
     * @throws InvalidKeyMaterialException if the seed has the wrong length
     */
    KemKeyPair restore(SecretBytes seed) throws InvalidKeyMaterialException;

    /** Encapsulates to {@code encapsulationKey}: the ciphertext (as the response) and the shared secret. */
    KeyExchange.Encapsulation encapsulate(Bytes encapsulationKey, SecureRandom random)
            throws InvalidKeyMaterialException;

    /**
     * Checks {@code encapsulationKey} as {@link #encapsulate} does (length, and FIPS 203 section 7.2's
     * modulus check), drawing no randomness: for a key received now and encapsulated to later.
     */
    void checkEncapsulationKey(Bytes encapsulationKey) throws InvalidKeyMaterialException;

    /** Decapsulates {@code ciphertext} with {@code own}; only a wrong length is an error. */
    SecretBytes decapsulate(KemKeyPair own, Bytes ciphertext) throws InvalidKeyMaterialException;
}
