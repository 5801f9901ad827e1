package org.parley.protocol.suite;

/**
 * One negotiable part of a cipher suite, with its wire code and honest security labels.
 *
 * <p>Security levels are classical bits of security (the cost of the best known attack on a
 * classical computer). {@link #postQuantum()} says whether the component is designed to resist a
 * quantum computer as well.
 */
public sealed interface SuiteComponent
        permits KeyExchangeComponent, SignatureComponent, CipherComponent, HashComponent {

    /** The code and labels; the accessors below read from it. */
    ComponentLabels labels();

    /** The two-byte wire code. */
    default int code() {
        return labels().code();
    }

    /** The token used in canonical suite names, e.g. {@code X25519MLKEM768}. */
    default String label() {
        return labels().label();
    }

    /** Classical security level in bits. */
    default int securityBits() {
        return labels().securityBits();
    }

    /** Whether this component resists a quantum adversary. */
    default boolean postQuantum() {
        return labels().postQuantum();
    }

    default Status status() {
        return labels().status();
    }
}
