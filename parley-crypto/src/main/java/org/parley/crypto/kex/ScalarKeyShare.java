package org.parley.crypto.kex;

import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.KeyExchangeAlgorithm;

/**
 * An ephemeral key share whose private part is one scalar kept as bytes: X25519, X448 and the
 * NIST-curve ECDH groups.
 *
 * <p><b>Security.</b> The scalar lives only in this object's own array, so {@link #destroy()}
 * can really overwrite it; afterwards {@link #privateKey()} throws {@link IllegalStateException}
 * and the share can no longer be completed. {@link #toString()} never shows the scalar.
 */
final class ScalarKeyShare implements EphemeralKeyShare {
    private final KeyExchangeAlgorithm algorithm;
    private final Bytes publicShare;
    private final byte[] privateKey;
    private volatile boolean destroyed;

    /** Takes ownership of {@code privateKey}; the caller must not keep the array. */
    ScalarKeyShare(KeyExchangeAlgorithm algorithm, Bytes publicShare, byte[] privateKey) {
        this.algorithm = algorithm;
        this.publicShare = publicShare;
        this.privateKey = privateKey;
    }

    /**
     * Checks that {@code own} is a live share made by the {@code expected} algorithm; handing a
     * share to the wrong key exchange is a programming error, not a peer's fault.
     */
    static ScalarKeyShare requireOwn(EphemeralKeyShare own, KeyExchangeAlgorithm expected) {
        if (own instanceof ScalarKeyShare share && share.algorithm == expected) {
            share.checkAlive();
            return share;
        }
        throw new IllegalArgumentException("key share was not made by " + expected);
    }

    @Override
    public KeyExchangeAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public Bytes publicShare() {
        return publicShare;
    }

    /** The private scalar itself (not a copy): callers use it in place and never keep it. */
    byte[] privateKey() {
        checkAlive();
        return privateKey;
    }

    @Override
    public void destroy() {
        Arrays.fill(privateKey, (byte) 0);
        destroyed = true;
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException(algorithm + " key share was destroyed");
        }
    }

    @Override
    public String toString() {
        return "ScalarKeyShare[" + algorithm + (destroyed ? ", destroyed]" : "]");
    }
}
