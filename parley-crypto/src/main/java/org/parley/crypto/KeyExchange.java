package org.parley.crypto;

import java.security.SecureRandom;

/**
 * An ephemeral key exchange, modelled as a key-encapsulation mechanism so that Diffie-Hellman
 * groups and post-quantum KEMs share one shape.
 *
 * <pre>
 *   client: share = generate()            --- share.publicShare() ---&gt;
 *   server: (response, secret) = respond(publicShare)
 *   client: secret = complete(share, response)  &lt;--- response ---
 * </pre>
 *
 * <p>For a Diffie-Hellman group the response is the server's ephemeral public key; for a KEM it
 * is the ciphertext; for a hybrid it is both, concatenated.
 *
 * <p><b>Security.</b> Implementations check every peer input strictly (exact length, point on
 * the curve, not of low order, KEM modulus check) and reject an all-zero shared secret, throwing
 * {@link InvalidKeyMaterialException}. Randomness comes from the caller's {@link SecureRandom}
 * only so tests can inject a fixed one for byte-exact vectors.
 */
public interface KeyExchange {

    /** Which algorithm this is. */
    KeyExchangeAlgorithm algorithm();

    /** Exact length in bytes of the client's public share. */
    int publicShareLength();

    /** Exact length in bytes of the server's response. */
    int responseLength();

    /** Client side: makes an ephemeral key pair. */
    EphemeralKeyShare generate(SecureRandom random);

    /** Server side: answers a client's public share, producing the response and the shared secret. */
    Encapsulation respond(Bytes peerPublicShare, SecureRandom random) throws InvalidKeyMaterialException;

    /** Client side: derives the shared secret from its own share and the server's response. */
    SecretBytes complete(EphemeralKeyShare own, Bytes response) throws InvalidKeyMaterialException;

    /** The server's answer: the bytes to send back and the secret both sides will share. */
    record Encapsulation(Bytes response, SecretBytes sharedSecret) {
    }
}
