package org.parley.protocol.suite;

import java.util.Optional;
import org.parley.crypto.HashAlgorithm;

/** Hash functions for the transcript, HKDF key schedule and Finished MACs. Security bits are collision resistance (half the output). */
public enum HashComponent implements SuiteComponent {
    SHA384(0x0302, "SHA384", 192, false, Status.RECOMMENDED, HashAlgorithm.SHA384),
    SHA256(0x0301, "SHA256", 128, false, Status.RECOMMENDED, HashAlgorithm.SHA256),
    SHA512(0x0303, "SHA512", 256, false, Status.RECOMMENDED, HashAlgorithm.SHA512),
    SHA3_256(0x0304, "SHA3-256", 128, false, Status.ACCEPTABLE, HashAlgorithm.SHA3_256);

    private final int code;
    private final String label;
    private final int securityBits;
    private final boolean postQuantum;
    private final Status status;
    private final HashAlgorithm algorithm;

    HashComponent(int code, String label, int securityBits, boolean postQuantum, Status status, HashAlgorithm algorithm) {
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

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    public static Optional<HashComponent> fromCode(int code) {
        return Codes.find(values(), code);
    }

    public static Optional<HashComponent> fromLabel(String label) {
        return Codes.findLabel(values(), label);
    }
}
