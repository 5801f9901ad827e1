package org.parley.crypto.kex;

import java.security.PrivateKey;
import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.KemKeyPair;
import org.parley.crypto.SecretBytes;

/**
 * An ML-KEM-768 key pair with the seed it was made from.
 *
 * <p><b>Security.</b> The JDK's private key object cannot be wiped; {@link #destroy()} wipes the
 * seed and drops the reference so later use throws.
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
        privateKey = null;
    }

    @Override
    public String toString() {
        return "MlKemKeyPair[ML-KEM-768" + (privateKey == null ? ", destroyed]" : "]");
    }
}
