package org.parley.crypto;

/** A running hash that can be read at any point without ending it. */
public interface IncrementalHash {

    void update(byte[] data, int offset, int length);

    default void update(Bytes data) {
        byte[] copy = data.toByteArray();
        update(copy, 0, copy.length);
    }

    /** The hash of everything fed so far; the running state continues. */
    Bytes snapshot();
}
