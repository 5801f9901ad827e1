package org.parley.crypto;

/**
 * A cryptographic hash function, with the HMAC and HKDF built on it.
 */
public interface HashFunction {

    HashAlgorithm algorithm();

    /** Output length in bytes. */
    int length();

    /** Hashes {@code data} in one call. */
    Bytes digest(Bytes data);

    /** Starts an incremental hash (used for handshake transcripts). */
    IncrementalHash start();

    /** HMAC keyed with {@code key} over {@code data}. */
    Bytes hmac(SecretBytes key, Bytes data);

    /** HMAC returned as a secret, for key-derivation steps whose output is key material. */
    SecretBytes hmacSecret(SecretBytes key, Bytes data);

    /** Checks an HMAC tag in constant time. */
    boolean verifyHmac(SecretBytes key, Bytes data, Bytes tag);

    /** HKDF-Extract (RFC 5869 section 2.2). An empty salt means a string of zeros. */
    SecretBytes hkdfExtract(Bytes salt, SecretBytes inputKeyMaterial);

    /**
     * HKDF-Expand (RFC 5869 section 2.3).
     *
     * @throws IllegalArgumentException if {@code length} exceeds 255 times the hash length
     */
    SecretBytes hkdfExpand(SecretBytes pseudoRandomKey, Bytes info, int length);
}
