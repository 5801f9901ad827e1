package org.parley.crypto;

/**
 * A client's ephemeral key pair for one {@link KeyExchange}: a public share to send and a private
 * part that never leaves the object.
 *
 * <p><b>Security.</b> Call {@link #destroy()} as soon as the shared secret is derived; the
 * private part is then wiped and the share can no longer be completed.
 */
public interface EphemeralKeyShare extends AutoCloseable {

    KeyExchangeAlgorithm algorithm();

    Bytes publicShare();

    /** Wipes the private part. Idempotent. */
    void destroy();

    @Override
    default void close() {
        destroy();
    }
}
