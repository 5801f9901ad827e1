package org.parley.crypto;

/**
 * An authenticated-encryption method for records: an AEAD, or a cipher with a separately chosen
 * MAC composed encrypt-then-MAC.
 *
 * <p>Callers never pass a nonce. A {@link RecordSealer} or {@link RecordOpener} is bound to one
 * key and one static IV; the per-record nonce is derived inside as {@code IV XOR sequence}, so a
 * nonce could only repeat if the record layer reused a sequence number, and every sealer refuses a
 * sequence number that is not above the last one it sealed ({@link RecordSealer#seal}).
 */
public interface RecordCipher {

    RecordCipherAlgorithm algorithm();

    /** Length of the key passed to {@link #sealer} and {@link #opener} (for EtM: cipher key plus MAC key). */
    int keyLength();

    /** Length of the static IV. */
    int ivLength();

    /** Bytes added to every record (the tag or MAC). */
    int overhead();

    /** Creates the sending half for one traffic key. The key and IV are copied. */
    RecordSealer sealer(SecretBytes key, SecretBytes iv);

    /** Creates the receiving half for one traffic key. The key and IV are copied. */
    RecordOpener opener(SecretBytes key, SecretBytes iv);

    /**
     * The same method for one connection driven by one thread at a time: its sealers and openers may
     * share one provider object (a JDK {@code Cipher} with its key schedules and buffers, about 0.9 KiB),
     * re-keyed before every record as they are anyway. Use them from one thread at a time. Implementations
     * that keep no such object return {@code this}.
     */
    default RecordCipher confinedToOneThread() {
        return this;
    }
}
