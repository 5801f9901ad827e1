package org.parley.client;

/**
 * A server address as a user types it, parsed the same way by every client: {@code host},
 * {@code host:port}, {@code [v6]:port}, {@code [v6]} or a bare IPv6 literal such as {@code ::1}
 * (more than one colon and no brackets: the whole text is the host, the port is the default).
 *
 * <p>The input is at most {@link #MAX_LENGTH} characters, checked first: a host name is at most
 * 253 characters and a port 5 digits, so nothing longer is an address.
 *
 * @param host the host name or address, without brackets
 * @param port the TCP port, {@link #DEFAULT_PORT} when not given
 */
public record ServerAddress(String host, int port) {
    public static final int DEFAULT_PORT = 7443;
    /** The longest text {@link #parse} accepts. */
    public static final int MAX_LENGTH = 300;

    public ServerAddress {
        if (host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port must be 1..65535, got " + port);
        }
    }

    /** Parses the typed text; throws IllegalArgumentException with a short English reason. */
    public static ServerAddress parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a server address is at most " + MAX_LENGTH + " characters");
        }
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty server address");
        }
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ] in " + value);
            }
            String rest = value.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("expected ':' after ']' in " + value);
            }
            return new ServerAddress(value.substring(1, close), rest.isEmpty() ? DEFAULT_PORT : port(rest.substring(1)));
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0 || value.indexOf(':') != colon) {
            // No colon, or several: a bare IPv6 literal has no room for a port without brackets.
            return new ServerAddress(value, DEFAULT_PORT);
        }
        return new ServerAddress(value.substring(0, colon), port(value.substring(colon + 1)));
    }

    /** The name the server's key is pinned under, {@code host:port} (an IPv6 literal in brackets). */
    @Override
    public String toString() {
        return KnownServerEntry.serverName(host, port);
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the port is not a number 1..65535: " + text);
        }
        return Integer.parseInt(text);
    }
}
