package org.parley.protocol.suite;

import java.util.Optional;
import org.parley.crypto.RecordCipherAlgorithm;

/** Record protection: an AEAD, or AES-256-CTR with a separately chosen HMAC (encrypt-then-MAC), so integrity is its own selectable method. */
public enum CipherComponent implements SuiteComponent {
    AES_256_GCM(new ComponentLabels(0x0202, "AES256GCM", 256, false, Status.RECOMMENDED), RecordCipherAlgorithm.AES_256_GCM),
    CHACHA20_POLY1305(new ComponentLabels(0x0203, "CHACHA20POLY1305", 256, false, Status.RECOMMENDED), RecordCipherAlgorithm.CHACHA20_POLY1305),
    AES_128_GCM(new ComponentLabels(0x0201, "AES128GCM", 128, false, Status.RECOMMENDED), RecordCipherAlgorithm.AES_128_GCM),
    AES_256_CTR_HMAC_SHA256(new ComponentLabels(0x0211, "AES256CTR+HMACSHA256", 256, false, Status.ACCEPTABLE), RecordCipherAlgorithm.AES_256_CTR_HMAC_SHA256),
    AES_256_CTR_HMAC_SHA512(new ComponentLabels(0x0212, "AES256CTR+HMACSHA512", 256, false, Status.ACCEPTABLE), RecordCipherAlgorithm.AES_256_CTR_HMAC_SHA512),
    AES_256_CTR_HMAC_SHA3_256(new ComponentLabels(0x0213, "AES256CTR+HMACSHA3-256", 256, false, Status.ACCEPTABLE), RecordCipherAlgorithm.AES_256_CTR_HMAC_SHA3_256);

    private final ComponentLabels labels;
    private final RecordCipherAlgorithm algorithm;

    CipherComponent(ComponentLabels labels, RecordCipherAlgorithm algorithm) {
        this.labels = labels;
        this.algorithm = algorithm;
    }

    @Override
    public ComponentLabels labels() {
        return labels;
    }

    public RecordCipherAlgorithm algorithm() {
        return algorithm;
    }

    public static Optional<CipherComponent> fromCode(int code) {
        return Codes.find(values(), code);
    }

    public static Optional<CipherComponent> fromLabel(String label) {
        return Codes.findLabel(values(), label);
    }
}
