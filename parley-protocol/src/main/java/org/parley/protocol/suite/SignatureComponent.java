package org.parley.protocol.suite;

import java.util.Optional;
import org.parley.crypto.SignatureAlgorithm;

/** Server-authentication signature algorithms. The server signs the handshake transcript with one of these; clients log in with Ed25519, ECDSA P-256 or ML-DSA-65. */
public enum SignatureComponent implements SuiteComponent {
    ED25519(0x0101, "ED25519", 128, false, Status.RECOMMENDED, SignatureAlgorithm.ED25519),
    ML_DSA_65(0x0111, "MLDSA65", 192, true, Status.RECOMMENDED, SignatureAlgorithm.ML_DSA_65),
    ED448(0x0102, "ED448", 224, false, Status.RECOMMENDED, SignatureAlgorithm.ED448),
    ECDSA_P256_SHA256(0x0103, "ECDSAP256", 128, false, Status.ACCEPTABLE, SignatureAlgorithm.ECDSA_P256_SHA256),
    ECDSA_P384_SHA384(0x0104, "ECDSAP384", 192, false, Status.ACCEPTABLE, SignatureAlgorithm.ECDSA_P384_SHA384),
    RSA_PSS_3072_SHA256(0x0105, "RSAPSS3072", 128, false, Status.ACCEPTABLE, SignatureAlgorithm.RSA_PSS_3072_SHA256);

    private final int code;
    private final String label;
    private final int securityBits;
    private final boolean postQuantum;
    private final Status status;
    private final SignatureAlgorithm algorithm;

    SignatureComponent(int code, String label, int securityBits, boolean postQuantum, Status status, SignatureAlgorithm algorithm) {
        this.code = code;
        this.label = label;
        this.securityBits = securityBits;
        this.postQuantum = postQuantum;
        this.status = status;
        this.algorithm = algorithm;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public int securityBits() {
        return securityBits;
    }

    @Override
    public boolean postQuantum() {
        return postQuantum;
    }

    @Override
    public Status status() {
        return status;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public static Optional<SignatureComponent> fromCode(int code) {
        return Codes.find(values(), code);
    }

    public static Optional<SignatureComponent> fromLabel(String label) {
        return Codes.findLabel(values(), label);
    }
}
