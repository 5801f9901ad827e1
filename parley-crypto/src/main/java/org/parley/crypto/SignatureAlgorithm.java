package org.parley.crypto;

import org.parley.crypto.sig.BcEcdsa;
import org.parley.crypto.sig.BcEdDsa;
import org.parley.crypto.sig.JcaMlDsa65;
import org.parley.crypto.sig.JcaRsaPss;

/** The signature algorithms Parley implements. Wire codes and security labels live in the protocol module. */
public enum SignatureAlgorithm {
    ED25519,
    ED448,
    ECDSA_P256_SHA256,
    ECDSA_P384_SHA384,
    RSA_PSS_3072_SHA256,
    ML_DSA_65;

    /** Creates a stateless implementation of this algorithm. */
    public SignatureScheme create() {
        return switch (this) {
            case ED25519 -> BcEdDsa.ed25519();
            case ED448 -> BcEdDsa.ed448();
            case ECDSA_P256_SHA256 -> BcEcdsa.p256Sha256();
            case ECDSA_P384_SHA384 -> BcEcdsa.p384Sha384();
            case RSA_PSS_3072_SHA256 -> JcaRsaPss.rsa3072Sha256();
            case ML_DSA_65 -> new JcaMlDsa65();
        };
    }
}
