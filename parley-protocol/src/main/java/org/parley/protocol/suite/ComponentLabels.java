package org.parley.protocol.suite;

/**
 * The wire code and honest labels every suite component carries.
 *
 * @param code the two-byte wire code
 * @param label the token in canonical suite names
 * @param securityBits classical security level in bits
 * @param postQuantum whether the component resists a quantum adversary
 */
public record ComponentLabels(int code, String label, int securityBits, boolean postQuantum, Status status) {
}
