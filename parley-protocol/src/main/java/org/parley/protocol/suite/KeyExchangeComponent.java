package org.parley.protocol.suite;

import java.util.Optional;
import org.parley.crypto.KeyExchangeAlgorithm;

/**
 * Negotiable ephemeral key exchanges. Every one is ephemeral, so every suite has forward secrecy;
 * static-key transport (RSA key transport, static DH) is deliberately absent.
 */
public enum KeyExchangeComponent implements SuiteComponent {
    X25519_MLKEM768(new ComponentLabels(0x0011, "X25519MLKEM768", 128, true, Status.RECOMMENDED), KeyExchangeAlgorithm.X25519_MLKEM768),
    X25519(new ComponentLabels(0x0001, "X25519", 128, false, Status.RECOMMENDED), KeyExchangeAlgorithm.X25519),
    X448(new ComponentLabels(0x0002, "X448", 224, false, Status.RECOMMENDED), KeyExchangeAlgorithm.X448),
    ECDHE_P256(new ComponentLabels(0x0003, "P256", 128, false, Status.ACCEPTABLE), KeyExchangeAlgorithm.ECDH_P256),
    ECDHE_P384(new ComponentLabels(0x0004, "P384", 192, false, Status.ACCEPTABLE), KeyExchangeAlgorithm.ECDH_P384);

    private final ComponentLabels labels;
    private final KeyExchangeAlgorithm algorithm;

    KeyExchangeComponent(ComponentLabels labels, KeyExchangeAlgorithm algorithm) {
        this.labels = labels;
        this.algorithm = algorithm;
    }

    @Override
    public ComponentLabels labels() {
        return labels;
    }

    /** Every key exchange here is ephemeral-ephemeral. */
    public boolean forwardSecret() {
        return true;
    }

    public KeyExchangeAlgorithm algorithm() {
        return algorithm;
    }

    public static Optional<KeyExchangeComponent> fromCode(int code) {
        return Codes.find(values(), code);
    }

    public static Optional<KeyExchangeComponent> fromLabel(String label) {
        return Codes.findLabel(values(), label);
    }
}
