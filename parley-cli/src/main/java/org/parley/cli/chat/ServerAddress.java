package org.parley.cli.chat;

/**
 * A {@code host:port} as given to {@code --server}; IPv6 literals are written in brackets
 * ({@code [::1]:7443}). The port defaults to 7443.
 */
public record ServerAddress(String host, int port) {
    public static final int DEFAULT_PORT = 7443;

    public ServerAddress {
        if (host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    /** Parses {@code host}, {@code host:port} or {@code [v6]:port}. */
    public static ServerAddress parse(String text) {
        String value = text.strip();
        String host;
        String port = null;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("unclosed '[' in " + text);
            }
            host = value.substring(1, end);
            if (end + 1 < value.length()) {
                if (value.charAt(end + 1) != ':') {
                    throw new IllegalArgumentException("expected ':' after ']' in " + text);
                }
                port = value.substring(end + 2);
            }
        } else {
            int colon = value.lastIndexOf(':');
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
        }
        try {
            return new ServerAddress(host, port == null ? DEFAULT_PORT : Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in " + text, e);
        }
    }

    /** The key under which the server's fingerprint is pinned, {@code host:port}. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
