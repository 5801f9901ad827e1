package org.parley.crypto.kex;

import java.security.PrivateKey;
import java.util.Arrays;
import javax.security.auth.DestroyFailedException;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.KeyExchangeAlgorithm;

/**
 * The client's ephemeral X25519 + ML-KEM-768 key share: the 1216-byte public share plus an ML-KEM
 * decapsulation key and an X25519 scalar.
 *
 * <p><b>Security.</b> {@link #destroy()} overwrites the X25519 scalar and destroys the JDK's
 * ML-KEM private key object (which clears its key bytes); afterwards the share cannot be
 * completed. If the JDK ever refused to destroy its key, that is reported as an
 * {@link IllegalStateException} rather than silently leaving key material behind.
 */
final class HybridKeyShare implements EphemeralKeyShare {
    private final Bytes publicShare;
    private final Bytes x25519Public;
    private final PrivateKey mlKemPrivate;
    private final byte[] x25519Private;
    private volatile boolean destroyed;

    /** Takes ownership of {@code x25519Private} and {@code mlKemPrivate}. */
    HybridKeyShare(Bytes publicShare, Bytes x25519Public, PrivateKey mlKemPrivate, byte[] x25519Private) {
        this.publicShare = publicShare;
        this.x25519Public = x25519Public;
        this.mlKemPrivate = mlKemPrivate;
        this.x25519Private = x25519Private;
    }

    /** Checks that {@code own} is a live hybrid share; anything else is a programming error. */
    static HybridKeyShare requireOwn(EphemeralKeyShare own) {
        if (own instanceof HybridKeyShare share) {
            share.checkAlive();
            return share;
        }
        throw new IllegalArgumentException("key share was not made by " + KeyExchangeAlgorithm.X25519_MLKEM768);
    }

    @Override
    public KeyExchangeAlgorithm algorithm() {
        return KeyExchangeAlgorithm.X25519_MLKEM768;
    }

    @Override
    public Bytes publicShare() {
        return publicShare;
    }

    /** The X25519 public key inside the share (pk_X in the X-Wing combiner). */
    Bytes x25519Public() {
        return x25519Public;
    }

    PrivateKey mlKemPrivate() {
        checkAlive();
        return mlKemPrivate;
    }

    /** The X25519 scalar itself (not a copy): callers use it in place and never keep it. */
    byte[] x25519Private() {
        checkAlive();
        return x25519Private;
    }

    @Override
    public void destroy() {
        Arrays.fill(x25519Private, (byte) 0);
        if (destroyed) {
            return;
        }
        destroyed = true;
        try {
            mlKemPrivate.destroy();
        } catch (DestroyFailedException e) {
            throw new IllegalStateException("the JDK could not wipe the ML-KEM-768 private key", e);
        }
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("X25519_MLKEM768 key share was destroyed");
        }
    }

    @Override
    public String toString() {
        return "HybridKeyShare[X25519_MLKEM768" + (destroyed ? ", destroyed]" : "]");
    }
}
