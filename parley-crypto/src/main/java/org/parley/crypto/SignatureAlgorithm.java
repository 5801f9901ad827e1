package org.parley.crypto;

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
        throw new UnsupportedOperationException(name() + " is not implemented yet");
    }
}
