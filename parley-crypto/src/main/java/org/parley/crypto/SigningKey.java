package org.parley.crypto;

import java.security.SecureRandom;

/**
 * A private signing key with its public key.
 *
 * <p><b>Security.</b> The private key is exported only through {@link #encodedPrivateKey()}, for
 * storing in an owner-only file; {@code toString} never shows it.
 */
public interface SigningKey {

    SignatureAlgorithm algorithm();

    /** The public key in the algorithm's wire encoding. */
    Bytes publicKey();

    /** Signs {@code message}; randomized algorithms draw from {@code random}. */
    Bytes sign(Bytes message, SecureRandom random);

    /** The private key in the encoding {@link SignatureScheme#restore} accepts. */
    SecretBytes encodedPrivateKey();
}
