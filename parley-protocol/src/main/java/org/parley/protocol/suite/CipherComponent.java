package org.parley.protocol.suite;

import java.util.Optional;
import org.parley.crypto.RecordCipherAlgorithm;

/** Record protection: an AEAD, or AES-256-CTR with a separately chosen HMAC (encrypt-then-MAC), so integrity is its own selectable method. */
public enum CipherComponent implements SuiteComponent {
    AES_256_GCM(0x0202, "AES256GCM", 256, false, Status.RECOMMENDED, RecordCipherAlgorithm.AES_256_GCM),

    private final int code;
    private final String label;
    private final int securityBits;
    private final boolean postQuantum;
    private final Status status;
    private final RecordCipherAlgorithm algorithm;

    CipherComponent(int code, String label, int securityBits, boolean postQuantum, Status status, RecordCipherAlgorithm algorithm) {
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
