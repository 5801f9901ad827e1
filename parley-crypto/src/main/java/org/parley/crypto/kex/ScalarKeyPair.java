package org.parley.crypto.kex;

import java.util.Arrays;
import org.parley.crypto.AgreementKeyPair;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchangeAlgorithm;
import org.parley.crypto.SecretBytes;

/**
 * A storable Montgomery-curve key pair whose private part is one scalar in its own array.
 *
 * <p><b>Security.</b> {@link #destroy()} overwrites the scalar; afterwards every use throws
 * {@link IllegalStateException}. {@code toString} shows only the algorithm.
 */
final class ScalarKeyPair implements AgreementKeyPair {
    private final MontgomeryCurve curve;
    private final byte[] privateKey;
    private volatile Bytes publicKey;
    private volatile boolean destroyed;

    /** Takes ownership of {@code privateKey}. */
    ScalarKeyPair(MontgomeryCurve curve, byte[] privateKey) {
        this.curve = curve;
        this.privateKey = privateKey;
    }

    @Override
    public KeyExchangeAlgorithm algorithm() {
        return curve.algorithm();
    }

    /** Computed on first use: a restored key that only agrees never pays for the scalar multiplication. */
    @Override
    public Bytes publicKey() {
        Bytes known = publicKey;
        if (known == null) {
            checkAlive();
            known = curve.publicKeyOf(privateKey);
            publicKey = known;
        }
        return known;
    }

    @Override
    public SecretBytes agree(Bytes peerPublicKey) throws InvalidKeyMaterialException {
        checkAlive();
        return curve.agree(privateKey, peerPublicKey);
    }

    @Override
    public SecretBytes encodedPrivateKey() {
        checkAlive();
        return SecretBytes.copyOf(privateKey);
    }

    @Override
    public void destroy() {
        Arrays.fill(privateKey, (byte) 0);
        destroyed = true;
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException(curve.algorithm() + " key pair was destroyed");
        }
    }

    @Override
    public String toString() {
        return "ScalarKeyPair[" + curve.algorithm() + (destroyed ? ", destroyed]" : "]");
    }
}
