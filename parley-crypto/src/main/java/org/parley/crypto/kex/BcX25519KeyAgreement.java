package org.parley.crypto.kex;

import java.security.SecureRandom;
import org.parley.crypto.AgreementKeyPair;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchangeAlgorithm;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.StaticKeyAgreement;

/**
 * X25519 with storable key pairs. The private key encoding is the 32-byte scalar as RFC 7748
 * writes it (clamped when used, so any 32 bytes restore to a working key).
 *
 * <p><b>Security.</b> See {@link MontgomeryCurve}: exact lengths, all-zero secrets rejected.
 */
public final class BcX25519KeyAgreement implements StaticKeyAgreement {
    private static final MontgomeryCurve CURVE = MontgomeryCurve.X25519_CURVE;

    @Override
    public KeyExchangeAlgorithm algorithm() {
        return KeyExchangeAlgorithm.X25519;
    }

    @Override
    public int keyLength() {
        return CURVE.length();
    }

    @Override
    public AgreementKeyPair generate(SecureRandom random) {
        byte[] privateKey = CURVE.newPrivateKey(random);
        return new ScalarKeyPair(CURVE, privateKey);
    }

    @Override
    public AgreementKeyPair restore(SecretBytes encodedPrivateKey) throws InvalidKeyMaterialException {
        if (encodedPrivateKey.length() != CURVE.length()) {
            throw new InvalidKeyMaterialException("X25519 private key must be " + CURVE.length()
                    + " bytes, got " + encodedPrivateKey.length());
        }
        return new ScalarKeyPair(CURVE, encodedPrivateKey.revealCopy());
    }
}
