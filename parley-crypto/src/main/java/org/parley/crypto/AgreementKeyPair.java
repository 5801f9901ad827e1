package org.parley.crypto;

/**
 * A long-lived Diffie-Hellman key pair whose private part can be stored and restored: an
 * end-to-end device's identity agreement key, a signed prekey, a ratchet key.
 *
 * <p><b>Security.</b> The private key leaves the object only through {@link #encodedPrivateKey()},
 * for an owner-only store. {@link #agree} rejects a peer key of the wrong length and an all-zero
 * shared secret (a low-order peer point) with {@link InvalidKeyMaterialException}.
 * {@code toString} never shows the private key.
 */
public interface AgreementKeyPair extends AutoCloseable {

    KeyExchangeAlgorithm algorithm();

    /** The public key in the algorithm's wire encoding (X25519: 32-byte u-coordinate). */
    Bytes publicKey();

    /** DH(own private key, {@code peerPublicKey}). */
    SecretBytes agree(Bytes peerPublicKey) throws InvalidKeyMaterialException;

    /** The private key in the encoding {@link StaticKeyAgreement#restore} accepts. */
    SecretBytes encodedPrivateKey();

    /** Wipes the private key. Idempotent. */
    void destroy();

    @Override
    default void close() {
        destroy();
    }
}
