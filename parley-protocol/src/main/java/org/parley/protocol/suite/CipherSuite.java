package org.parley.protocol.suite;

import java.util.Optional;

/**
 * A negotiated suite: one key exchange, one server signature, one record cipher, one hash.
 *
 * <p>Its {@linkplain #canonicalName() canonical name}, e.g.
 * {@code PARLEY1_X25519MLKEM768_ED25519_AES256GCM_SHA384}, is mixed into the handshake
 * transcript, so both sides provably agree on every component (docs/PROTOCOL.md, "Suites").
 */
public record CipherSuite(
        KeyExchangeComponent keyExchange,
        SignatureComponent signature,
        CipherComponent cipher,
        HashComponent hash) {

    /** Prefix of every canonical name; the digit is the protocol version. */
    public static final String NAME_PREFIX = "PARLEY1";

    public CipherSuite {
        if (keyExchange == null || signature == null || cipher == null || hash == null) {
            throw new IllegalArgumentException("every suite component is required");
        }
    }

    /** The one canonical name of this suite. */
    public String canonicalName() {
        return String.join("_", NAME_PREFIX, keyExchange.label(), signature.label(), cipher.label(), hash.label());
    }

    /** Parses a canonical name strictly: exact prefix, four known labels, nothing else. */
    public static Optional<CipherSuite> parse(String name) {
        String[] parts = name.split("_", -1);
        if (parts.length != 5 || !parts[0].equals(NAME_PREFIX)) {
            return Optional.empty();
        }
        var kex = KeyExchangeComponent.fromLabel(parts[1]);
        var sig = SignatureComponent.fromLabel(parts[2]);
        var cipher = CipherComponent.fromLabel(parts[3]);
        var hash = HashComponent.fromLabel(parts[4]);
        if (kex.isEmpty() || sig.isEmpty() || cipher.isEmpty() || hash.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CipherSuite(kex.get(), sig.get(), cipher.get(), hash.get()));
    }

    /** The suite is as strong as its weakest component. */
    public int securityBits() {
        return Math.min(Math.min(keyExchange.securityBits(), signature.securityBits()),
                Math.min(cipher.securityBits(), hash.securityBits()));
    }

    /** Every Parley key exchange is ephemeral, so every suite is forward secret. */
    public boolean forwardSecret() {
        return keyExchange.forwardSecret();
    }

    /** Whether recorded traffic stays confidential against a future quantum computer. */
    public boolean postQuantumConfidentiality() {
        return keyExchange.postQuantum();
    }

    /** Whether the server's authentication resists a quantum computer at handshake time. */
    public boolean postQuantumAuthentication() {
        return signature.postQuantum();
    }

    /** RECOMMENDED only if every component is. */
    public Status status() {
        boolean allRecommended = keyExchange.status() == Status.RECOMMENDED
                && signature.status() == Status.RECOMMENDED
                && cipher.status() == Status.RECOMMENDED
                && hash.status() == Status.RECOMMENDED;
        return allRecommended ? Status.RECOMMENDED : Status.ACCEPTABLE;
    }

    @Override
    public String toString() {
        return canonicalName();
    }
}
