package org.parley.protocol.suite;

import java.util.Optional;
import org.parley.crypto.SignatureAlgorithm;

/** Server-authentication signature algorithms. The server signs the handshake transcript with one of these; clients log in with Ed25519, ECDSA P-256 or ML-DSA-65. */
public enum SignatureComponent implements SuiteComponent {
    ED25519(new ComponentLabels(0x0101, "ED25519", 128, false, Status.RECOMMENDED), SignatureAlgorithm.ED25519),
    ML_DSA_65(new ComponentLabels(0x0111, "MLDSA65", 192, true, Status.RECOMMENDED), SignatureAlgorithm.ML_DSA_65),
    ED448(new ComponentLabels(0x0102, "ED448", 224, false, Status.RECOMMENDED), SignatureAlgorithm.ED448),
    ECDSA_P256_SHA256(new ComponentLabels(0x0103, "ECDSAP256", 128, false, Status.ACCEPTABLE), SignatureAlgorithm.ECDSA_P256_SHA256),
    ECDSA_P384_SHA384(new ComponentLabels(0x0104, "ECDSAP384", 192, false, Status.ACCEPTABLE), SignatureAlgorithm.ECDSA_P384_SHA384),
    RSA_PSS_3072_SHA256(new ComponentLabels(0x0105, "RSAPSS3072", 128, false, Status.ACCEPTABLE), SignatureAlgorithm.RSA_PSS_3072_SHA256);

    private final ComponentLabels labels;
    private final SignatureAlgorithm algorithm;

    SignatureComponent(ComponentLabels labels, SignatureAlgorithm algorithm) {
        this.labels = labels;
        this.algorithm = algorithm;
    }

    @Override
    public ComponentLabels labels() {
        return labels;
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
