package org.parley.e2ee.session;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.crypto.Bytes;

/**
 * Message keys kept for messages not yet received, oldest first, at most {@link #MAX_TOTAL}: past
 * that the oldest is dropped (its message, should it still come, is then refused as a duplicate).
 * Keys are never mutated in place, so a copy may share them.
 */
final class SkippedKeys {
    /** Most keys one message may make this device skip in one receiving chain. */
    static final int MAX_PER_CHAIN = 1000;
    /** Most skipped keys kept in one session. */
    static final int MAX_TOTAL = 2000;

    private final LinkedHashMap<Entry, byte[]> keys;

    SkippedKeys() {
        this.keys = new LinkedHashMap<>();
    }

    private SkippedKeys(LinkedHashMap<Entry, byte[]> keys) {
        this.keys = keys;
    }

    SkippedKeys copy() {
        return new SkippedKeys(new LinkedHashMap<>(keys));
    }

    void put(Bytes ratchetKey, long messageNumber, byte[] messageKey) {
        keys.put(new Entry(ratchetKey, messageNumber), messageKey);
        Iterator<Map.Entry<Entry, byte[]>> oldest = keys.entrySet().iterator();
        while (keys.size() > MAX_TOTAL && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Removes and returns the key of that message, or null. */
    byte[] take(Bytes ratchetKey, long messageNumber) {
        return keys.remove(new Entry(ratchetKey, messageNumber));
    }

    int size() {
        return keys.size();
    }

    Map<Entry, byte[]> entries() {
        return keys;
    }

    record Entry(Bytes ratchetKey, long messageNumber) {
    }
}
