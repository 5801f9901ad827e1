package org.parley.protocol.identity;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PinStore} that forgets everything when the process ends. */
public final class InMemoryPinStore implements PinStore {
    private final Map<String, Fingerprint> pins = new ConcurrentHashMap<>();

    @Override
    public Optional<Fingerprint> pinned(String server) {
        return Optional.ofNullable(pins.get(server));
    }

    @Override
    public void pin(String server, Fingerprint fingerprint) {
        pins.put(server, fingerprint);
    }
}
