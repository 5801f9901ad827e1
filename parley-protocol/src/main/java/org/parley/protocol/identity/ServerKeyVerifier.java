package org.parley.protocol.identity;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.HandshakeException;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The client's decision whether the server's long-term key is the one it should be talking to.
 *
 * <p>Called with the key from ServerIdentity before the signature is checked; the handshake
 * still fails afterwards unless the server proves possession of this key.
 */
@FunctionalInterface
public interface ServerKeyVerifier {

    /**
     * Accepts the key or throws.
     *
     * @throws HandshakeException with {@code UNTRUSTED_SERVER_KEY} when the key is not trusted
     */
    void verify(SignatureComponent algorithm, Bytes publicKey) throws HandshakeException;

    /**
     * Called once the server has proven possession of the key (signature and Finished verified).
     * Trust on first use pins here, never earlier, so a failed handshake leaves no pin behind. Called
     * before the client sends its Finished: anything thrown here fails the handshake with
     * {@code internal_error}, and the Finished is never sent.
     */
    default void handshakeCompleted(SignatureComponent algorithm, Bytes publicKey) {
    }
}
