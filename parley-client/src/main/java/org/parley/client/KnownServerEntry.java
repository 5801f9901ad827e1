package org.parley.client;

import java.util.Objects;
import org.parley.protocol.identity.Fingerprint;

/**
 * One pin of the known-servers file: a server named {@code host:port} and its key's fingerprint,
 * written as {@code host:port SHA256:<64 lowercase hex digits>}.
 */
record KnownServerEntry(String server, Fingerprint fingerprint) {
    private static final int MAX_PORT = 65_535;

    KnownServerEntry {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!isValidServer(server)) {
            throw new IllegalArgumentException("a server is named host:port, with no spaces");
        }
    }

    /** The line written to the file. */
    String format() {
        return server + " SHA256:" + fingerprint.sha256().toHex();
    }

    /** {@code host:port} with a non-empty host (IPv6 in brackets) and a port 1..65535. */
    static boolean isValidServer(String server) {
        if (server == null || server.isEmpty() || server.chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c) || c == '#')) {
            return false;
        }
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || colon == server.length() - 1) {
            return false;
        }
        String host = server.substring(0, colon);
        String port = server.substring(colon + 1);
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9') || port.startsWith("0")) {
            return false;
        }
        boolean bracketed = host.startsWith("[") && host.endsWith("]") && host.length() > 2;
        boolean plain = !host.contains(":") && !host.contains("[") && !host.contains("]");
        return (bracketed || plain) && Integer.parseInt(port) <= MAX_PORT;
    }

    /**
     * Whether this entry pins {@code other}: host names compare ASCII case-insensitively, as DNS
     * names do (RFC 4343), so a pin written as {@code Example.org:7443} still holds for
     * {@code EXAMPLE.org:7443}; IP literals and ports compare as they are.
     */
    boolean pins(String other) {
        return server.equals(other) || asciiLowerCase(server).equals(asciiLowerCase(other));
    }

    /** {@code server} with its ASCII letters in lower case, the form a new pin is written in. */
    static String asciiLowerCase(String server) {
        StringBuilder lower = new StringBuilder(server.length());
        server.chars().forEach(c -> lower.append((char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c)));
        return lower.toString();
    }

    /** The name a client pins a server under: {@code host:port}, with an IPv6 literal in brackets. */
    static String serverName(String host, int port) {
        boolean ipv6 = host.contains(":") && !host.startsWith("[");
        return (ipv6 ? "[" + host + "]" : host) + ":" + port;
    }
}
