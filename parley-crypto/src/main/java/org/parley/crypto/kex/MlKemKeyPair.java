package org.parley.crypto.kex;

import java.security.PrivateKey;
import java.util.Arrays;
import javax.security.auth.DestroyFailedException;
import org.parley.crypto.Bytes;
import org.parley.crypto.KemKeyPair;
import org.parley.crypto.SecretBytes;

/**
 * An ML-KEM-768 key pair with the seed it was made from.
 *
 * <p><b>Security.</b> {@link #destroy()} wipes the seed, destroys the JDK's private key object
 * (JDK 25's ML-KEM key overwrites its key bytes, as {@link HybridKeyShare} relies on too) and
 * drops the reference so later use throws. If the JDK ever refused to destroy its key, that is an
 * {@link IllegalStateException} rather than key material silently left behind.
 */
final class MlKemKeyPair implements KemKeyPair {
    private final Bytes encapsulationKey;
    private final byte[] seed;
    private volatile PrivateKey privateKey;

    MlKemKeyPair(Bytes encapsulationKey, PrivateKey privateKey, byte[] seed) {
        this.encapsulationKey = encapsulationKey;
        this.privateKey = privateKey;
        this.seed = seed.clone();
    }

    @Override
    public Bytes encapsulationKey() {
        return encapsulationKey;
    }

    @Override
    public SecretBytes seed() {
        privateKey();
        return SecretBytes.copyOf(seed);
    }

    PrivateKey privateKey() {
        PrivateKey key = privateKey;
        if (key == null) {
            throw new IllegalStateException("ML-KEM-768 key pair was destroyed");
        }
        return key;
    }

    @Override
    public void destroy() {
        Arrays.fill(seed, (byte) 0);
        PrivateKey key = privateKey;
        privateKey = null;
        if (key != null) {
            try {
                key.destroy();
            } catch (DestroyFailedException e) {
                throw new IllegalStateException("the JDK could not wipe the ML-KEM-768 private key", e);
            }
        }
    }

    @Override
    public String toString() {
        return "MlKemKeyPair[ML-KEM-768" + (privateKey == null ? ", destroyed]" : "]");
    }
}
