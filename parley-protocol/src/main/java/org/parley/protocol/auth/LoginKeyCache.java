package org.parley.protocol.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.parley.crypto.VerificationKey;

/**
 * The login keys that signed a successful login recently, decoded and validated, so that the next
 * login with the same key verifies its signature without validating the key again (for Ed25519
 * the full validation, a check that the point is not of small order, costs about as much as the
 * signature check). At most {@link #capacity()} keys, the least recently used dropped first.
 *
 * <p><b>Security.</b> Public keys only. A key enters only after a login with it succeeded (valid
 * signature over this connection's binding and key registered for the account), so an attacker
 * cannot fill the cache with keys of their choosing beyond their own accounts' registered keys,
 * and a cache hit tells no more than that the key logged in recently (presence shows that
 * already). Entries are found by algorithm and exact encoding. A hit skips only the key's
 * validation: the signature is always verified and the key is always looked up in the
 * registry, so a removed key or a disabled account is refused as before. Thread-safe.
 */
final class LoginKeyCache {
    /** Keys kept by default: about 300 bytes each for Ed25519, 2 KiB for ML-DSA-65, so at most about 2 MiB. */
    static final int DEFAULT_CAPACITY = 1024;
    private final int capacity;
    private final Map<RegisteredPublicKey, VerificationKey> keys;

    LoginKeyCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RegisteredPublicKey, VerificationKey> eldest) {
                return size() > LoginKeyCache.this.capacity;
            }
        };
    }

    /** The validated key for this algorithm and encoding, if a login with it succeeded recently. */
    synchronized Optional<VerificationKey> find(RegisteredPublicKey key) {
        return Optional.ofNullable(keys.get(key));
    }

    /** Remembers a key that has just signed a successful login. */
    synchronized void remember(RegisteredPublicKey key, VerificationKey verified) {
        if (capacity > 0) {
            keys.put(key, verified);
        }
    }

    int capacity() {
        return capacity;
    }
}
