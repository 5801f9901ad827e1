package org.parley.protocol.identity;

import java.util.Optional;

/**
 * Where a client remembers which server key it trusted for which server, SSH known_hosts style.
 * The client library keeps it in a file; tests use {@link InMemoryPinStore}.
 */
public interface PinStore {

    /** The pinned fingerprint for {@code server} ("host:port"), if any. */
    Optional<Fingerprint> pinned(String server);

    /** Remembers {@code fingerprint} for {@code server}. */
    void pin(String server, Fingerprint fingerprint);
}
