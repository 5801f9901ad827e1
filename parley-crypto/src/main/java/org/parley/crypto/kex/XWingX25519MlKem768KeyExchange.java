package org.parley.crypto.kex;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.KeyExchangeAlgorithm;
import org.parley.crypto.SecretBytes;

/**
 * Hybrid post-quantum key exchange: ML-KEM-768 (JDK {@code KEM} API) plus X25519 (BouncyCastle),
 * joined by the X-Wing combiner.
 *
 * <pre>
 *   client share (1216) : ek_M (1184, raw FIPS 203 encapsulation key) || pk_X (32, X25519 public)
 *   response     (1120) : ct_M (1088, ML-KEM ciphertext) || ct_X (32, server's ephemeral X25519 public)
 *   secret         (32) : SHA3-256(ss_M || ss_X || ct_X || pk_X || 5c2e2f2f5e5c)
 * </pre>
 *
 * <p>The combiner is exactly X-Wing's, draft-connolly-cfrg-xwing-kem-10 section 5.3
 * ("Combiner"), with the 6-byte label {@code XWingLabel} = {@code "\./" "/^\"} = 5c2e2f2f5e5c
 * last. Encapsulation and decapsulation follow sections 5.4 and 5.5, so for the same key pairs
 * and randomness this class produces X-Wing's ciphertext and shared secret byte for byte (the
 * tests check the draft's appendix C vector). Unlike X-Wing, the client's keys are not expanded
 * from a 32-byte seed: the ML-KEM and X25519 key pairs are generated directly, which only changes
 * how the private keys are stored, not the protocol.
 *
 * <p>Randomness is drawn from the caller's {@link SecureRandom} in a fixed order: for
 * {@link #generate} ML-KEM d, z, then the X25519 scalar; for {@link #respond} ML-KEM m, then the
 * server's X25519 ephemeral scalar (X-Wing's eseed order).
 *
 * <p><b>Security.</b> The secret is safe if either ML-KEM-768 or X25519 holds (X-Wing section 6).
 * As in X-Wing, the ML-KEM ciphertext and encapsulation key are not hashed into the combiner;
 * that is sound for ML-KEM because its Fujisaki-Okamoto transform already binds them, and in
 * Parley both are additionally bound by the handshake transcript, which covers the client share
 * and the response in full. Peer input is checked strictly: exact lengths, the FIPS 203
 * section 7.2 modulus check on the encapsulation key, and an all-zero X25519 secret
 * (low-order point) is rejected; every failure is an {@link InvalidKeyMaterialException}.
 */
public final class XWingX25519MlKem768KeyExchange implements KeyExchange {
    static final int PUBLIC_SHARE_LENGTH = JdkMlKem768.ENCAPSULATION_KEY_LENGTH + MontgomeryCurve.X25519_CURVE.length();
    static final int RESPONSE_LENGTH = JdkMlKem768.CIPHERTEXT_LENGTH + MontgomeryCurve.X25519_CURVE.length();

    /** X-Wing's label, draft-connolly-cfrg-xwing-kem-10 section 5.3: the ASCII of "\./" "/^\". */
    private static final byte[] XWING_LABEL = {0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c};

    @Override
    public KeyExchangeAlgorithm algorithm() {
        return KeyExchangeAlgorithm.X25519_MLKEM768;
    }

    @Override
    public int publicShareLength() {
        return PUBLIC_SHARE_LENGTH;
    }

    @Override
    public int responseLength() {
        return RESPONSE_LENGTH;
    }

    @Override
    public EphemeralKeyShare generate(SecureRandom random) {
        KeyPair mlKem = JdkMlKem768.generate(random);
        byte[] x25519Private = MontgomeryCurve.X25519_CURVE.newPrivateKey(random);
        Bytes x25519Public = MontgomeryCurve.X25519_CURVE.publicKeyOf(x25519Private);
        Bytes publicShare = Bytes.concat(JdkMlKem768.encode(mlKem.getPublic()), x25519Public);
        return new HybridKeyShare(publicShare, x25519Public, mlKem.getPrivate(), x25519Private);
    }

    @Override
    public Encapsulation respond(Bytes peerPublicShare, SecureRandom random) throws InvalidKeyMaterialException {
        if (peerPublicShare.length() != PUBLIC_SHARE_LENGTH) {
            throw new InvalidKeyMaterialException("X25519_MLKEM768 public share must be " + PUBLIC_SHARE_LENGTH
                    + " bytes, got " + peerPublicShare.length());
        }
        int split = JdkMlKem768.ENCAPSULATION_KEY_LENGTH;
        Bytes clientX25519 = peerPublicShare.slice(split, PUBLIC_SHARE_LENGTH);
        Encapsulation mlKem = JdkMlKem768.encapsulate(
                JdkMlKem768.parseEncapsulationKey(peerPublicShare.slice(0, split)), random);
        byte[] ephemeral = MontgomeryCurve.X25519_CURVE.newPrivateKey(random);
        try (SecretBytes ssM = mlKem.sharedSecret();
             SecretBytes ssX = MontgomeryCurve.X25519_CURVE.agree(ephemeral, clientX25519)) {
            Bytes ctX = MontgomeryCurve.X25519_CURVE.publicKeyOf(ephemeral);
            return new Encapsulation(Bytes.concat(mlKem.response(), ctX), combine(ssM, ssX, ctX, clientX25519));
        } finally {
            Arrays.fill(ephemeral, (byte) 0);
        }
    }

    @Override
    public SecretBytes complete(EphemeralKeyShare own, Bytes response) throws InvalidKeyMaterialException {
        HybridKeyShare share = HybridKeyShare.requireOwn(own);
        if (response.length() != RESPONSE_LENGTH) {
            throw new InvalidKeyMaterialException("X25519_MLKEM768 response must be " + RESPONSE_LENGTH
                    + " bytes, got " + response.length());
        }
        int split = JdkMlKem768.CIPHERTEXT_LENGTH;
        Bytes ctX = response.slice(split, RESPONSE_LENGTH);
        try (SecretBytes ssM = JdkMlKem768.decapsulate(share.mlKemPrivate(), response.slice(0, split));
             SecretBytes ssX = MontgomeryCurve.X25519_CURVE.agree(share.x25519Private(), ctX)) {
            return combine(ssM, ssX, ctX, share.x25519Public());
        }
    }

    /** X-Wing's combiner, draft-connolly-cfrg-xwing-kem-10 section 5.3. */
    static SecretBytes combine(SecretBytes ssM, SecretBytes ssX, Bytes ctX, Bytes pkX) {
        SHA3Digest sha3 = new SHA3Digest(256);
        byte[] m = ssM.revealCopy();
        byte[] x = ssX.revealCopy();
        try {
            sha3.update(m, 0, m.length);
            sha3.update(x, 0, x.length);
            sha3.update(ctX.toByteArray(), 0, ctX.length());
            sha3.update(pkX.toByteArray(), 0, pkX.length());
            sha3.update(XWING_LABEL, 0, XWING_LABEL.length);
            byte[] out = new byte[sha3.getDigestSize()];
            sha3.doFinal(out, 0); // also resets the sponge, so no absorbed secret state remains
            return SecretBytes.wrapOwned(out);
        } finally {
            Arrays.fill(m, (byte) 0);
            Arrays.fill(x, (byte) 0);
        }
    }
}
