package org.parley.desktop;

/**
 * A server address as typed in the login window: {@code host}, {@code host:port} or {@code [v6]:port}.
 *
 * @param host the host name or address, without brackets
 * @param port the TCP port, 7443 when not given
 */
public record ServerAddress(String host, int port) {
    public static final int DEFAULT_PORT = 7443;

    /** Parses the typed text; throws IllegalArgumentException with a short English reason. */
    public static ServerAddress parse(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty server address");
        }
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ]");
            }
            String rest = value.substring(close + 1);
            return new ServerAddress(value.substring(1, close), rest.isEmpty() ? DEFAULT_PORT : port(rest.substring(1)));
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0 || value.indexOf(':') != colon) {
            return new ServerAddress(value, DEFAULT_PORT);
        }
        return new ServerAddress(value.substring(0, colon), port(value.substring(colon + 1)));
    }

    private static int port(String text) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port is not a number", e);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port must be 1..65535");
        }
        return port;
    }
}
