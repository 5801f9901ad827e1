package org.parley.protocol.suite;

import java.util.Optional;
import org.parley.crypto.KeyExchangeAlgorithm;

/**
 * Negotiable ephemeral key exchanges. Every one is ephemeral, so every suite has forward secrecy;
 * static-key transport (RSA key transport, static DH) is deliberately absent.
 */
public enum KeyExchangeComponent implements SuiteComponent {
    X25519_MLKEM768(0x0011, "X25519MLKEM768", 128, true, Status.RECOMMENDED, KeyExchangeAlgorithm.X25519_MLKEM768),
    X25519(0x0001, "X25519", 128, false, Status.RECOMMENDED, KeyExchangeAlgorithm.X25519),
    X448(0x0002, "X448", 224, false, Status.RECOMMENDED, KeyExchangeAlgorithm.X448),
    ECDHE_P256(0x0003, "P256", 128, false, Status.ACCEPTABLE, KeyExchangeAlgorithm.ECDH_P256),
    ECDHE_P384(0x0004, "P384", 192, false, Status.ACCEPTABLE, KeyExchangeAlgorithm.ECDH_P384);

    private final int code;
    private final String label;
    private final int securityBits;
    private final boolean postQuantum;
    private final Status status;
    private final KeyExchangeAlgorithm algorithm;

    KeyExchangeComponent(int code, String label, int securityBits, boolean postQuantum, Status status,
            KeyExchangeAlgorithm algorithm) {
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
