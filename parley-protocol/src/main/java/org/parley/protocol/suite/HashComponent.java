package org.parley.protocol.suite;

import java.util.Optional;
import org.parley.crypto.HashAlgorithm;

/** Hash functions for the transcript, HKDF key schedule and Finished MACs. Security bits are collision resistance (half the output). */
public enum HashComponent implements SuiteComponent {
    SHA384(new ComponentLabels(0x0302, "SHA384", 192, false, Status.RECOMMENDED), HashAlgorithm.SHA384),
    SHA256(new ComponentLabels(0x0301, "SHA256", 128, false, Status.RECOMMENDED), HashAlgorithm.SHA256),
    SHA512(new ComponentLabels(0x0303, "SHA512", 256, false, Status.RECOMMENDED), HashAlgorithm.SHA512),
    SHA3_256(new ComponentLabels(0x0304, "SHA3-256", 128, false, Status.ACCEPTABLE), HashAlgorithm.SHA3_256);

    private final ComponentLabels labels;
    private final HashAlgorithm algorithm;

    HashComponent(ComponentLabels labels, HashAlgorithm algorithm) {
        this.labels = labels;
        this.algorithm = algorithm;
    }

    @Override
    public ComponentLabels labels() {
        return labels;
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
