package org.parley.client;

import org.parley.protocol.identity.Fingerprint;

/**
 * One pin of the known-servers file, for listing and for pointing a user at it.
 *
 * @param server the server as pinned, {@code host:port} (an IPv6 literal in brackets)
 * @param fingerprint the pinned key's fingerprint
 * @param line the line of the file it is on, counted from 1
 */
public record KnownServer(String server, Fingerprint fingerprint, int line) {
}
