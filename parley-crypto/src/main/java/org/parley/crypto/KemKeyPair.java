package org.parley.crypto;

/**
 * A key-encapsulation key pair whose private part is kept as its key-generation seed, so it can be
 * stored and restored (ML-KEM-768: the 64-byte FIPS 203 seed d ‖ z).
 *
 * <p><b>Security.</b> The seed leaves the object only through {@link #seed()}, for an owner-only
 * store; {@code toString} never shows it.
 */
public interface KemKeyPair extends AutoCloseable {

    /** The encapsulation (public) key in its wire encoding. */
    Bytes encapsulationKey();

    /** The seed {@link Kem#restore} rebuilds this key pair from. */
    SecretBytes seed();

    /** Wipes the private part (the seed and the decapsulation key); later use throws. Idempotent. */
    void destroy();

    @Override
    default void close() {
        destroy();
    }
}
