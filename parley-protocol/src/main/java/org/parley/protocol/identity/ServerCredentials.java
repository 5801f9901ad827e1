package org.parley.protocol.identity;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.parley.crypto.SigningKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The server's long-term signing keys, one per signature algorithm it offers.
 *
 * <p><b>Security.</b> The same key is never used under two algorithms, and every signature is
 * made over a context string naming role and protocol version (see ServerSignature).
 */
public final class ServerCredentials {
    private final Map<SignatureComponent, SigningKey> keys;

    public ServerCredentials(Map<SignatureComponent, SigningKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one signing key");
        }
        keys.forEach((component, key) -> {
            if (component.algorithm() != key.algorithm()) {
                throw new IllegalArgumentException(component + " paired with a " + key.algorithm() + " key");
            }
        });
        this.keys = new EnumMap<>(keys);
    }

    public Optional<SigningKey> keyFor(SignatureComponent algorithm) {
        return Optional.ofNullable(keys.get(algorithm));
    }

    public boolean has(SignatureComponent algorithm) {
        return keys.containsKey(algorithm);
    }

    public Map<SignatureComponent, SigningKey> all() {
        return Map.copyOf(keys);
    }
}
