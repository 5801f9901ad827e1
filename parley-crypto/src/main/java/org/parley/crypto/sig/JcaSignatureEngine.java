package org.parley.crypto.sig;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.AlgorithmParameterSpec;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;

/**
 * Runs one JCA signature algorithm with fixed parameters: makes its {@link KeyFactory} and
 * {@link Signature} objects and drives the init / update / sign and init / update / verify
 * sequences, turning the provider's checked exceptions into Parley's. The schemes built on the
 * JDK ({@link JcaMlDsa65}, {@link JcaRsaPss}) keep their own encodings and key checks.
 *
 * <p><b>Security.</b> In {@link #verify}, a {@link SignatureException} from the provider (for
 * example an RSA signature representative &ge; n) is just a bad signature and returns false; a key
 * the provider refuses is {@link InvalidKeyMaterialException}. Randomness for signing comes only
 * from the caller's {@link SecureRandom}. Thread-safe: immutable, and every call creates its own
 * JCA objects.
 */
final class JcaSignatureEngine {
    private final String keyAlgorithm;
    private final String signatureAlgorithm;
    /** Set on every new {@link Signature}; null for algorithms that take none (ML-DSA). */
    private final AlgorithmParameterSpec parameters;

    private JcaSignatureEngine(String keyAlgorithm, String signatureAlgorithm, AlgorithmParameterSpec parameters) {
        this.keyAlgorithm = keyAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
        this.parameters = parameters;
    }

    /** An algorithm whose JCA {@link Signature} takes no parameters. */
    static JcaSignatureEngine of(String keyAlgorithm, String signatureAlgorithm) {
        return new JcaSignatureEngine(keyAlgorithm, signatureAlgorithm, null);
    }

    /** An algorithm whose JCA {@link Signature} is always used with {@code parameters}. */
    static JcaSignatureEngine withParameters(String keyAlgorithm, String signatureAlgorithm,
            AlgorithmParameterSpec parameters) {
        return new JcaSignatureEngine(keyAlgorithm, signatureAlgorithm, parameters);
    }

    /** A new key factory for the key algorithm; the JDK 25 runtime always has one. */
    KeyFactory keyFactory() {
        try {
            return KeyFactory.getInstance(keyAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks a " + keyAlgorithm + " key factory", e);
        }
    }

    /**
     * Signs {@code message}; a randomized algorithm draws from {@code random}.
     *
     * @throws IllegalStateException if the provider refuses a key Parley generated or validated
     */
    Bytes sign(PrivateKey key, SecureRandom random, Bytes message) {
        try {
            Signature signer = newSignature();
            signer.initSign(key, random);
            signer.update(message.toByteArray());
            return Bytes.wrapOwned(signer.sign());
        } catch (InvalidKeyException | SignatureException e) {
            throw new IllegalStateException(
                    signatureAlgorithm + " signing failed with a generated or validated key", e);
        }
    }

    /**
     * Verifies {@code signature} over {@code message}; false for a wrong or malformed signature.
     *
     * @throws InvalidKeyMaterialException if the provider refuses {@code key}
     */
    boolean verify(PublicKey key, Bytes message, Bytes signature) throws InvalidKeyMaterialException {
        try {
            Signature verifier = newSignature();
            verifier.initVerify(key);
            verifier.update(message.toByteArray());
            return verifier.verify(signature.toByteArray());
        } catch (InvalidKeyException e) {
            throw new InvalidKeyMaterialException(keyAlgorithm + " public key refused by the provider", e);
        } catch (SignatureException e) {
            // The provider reports some malformed signatures (e.g. RSA's representative >= n) this
            // way: just a bad signature.
            return false;
        }
    }

    private Signature newSignature() {
        try {
            Signature signature = Signature.getInstance(signatureAlgorithm);
            if (parameters != null) {
                signature.setParameter(parameters);
            }
            return signature;
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("the JDK lacks " + signatureAlgorithm + " with Parley's parameters", e);
        }
    }
}
