package org.parley.cli.server;

import java.nio.file.Path;

/**
 * The server options given on the command line; {@code null} means "not given", so the
 * environment, the config file or the default applies.
 */
public record ServerFlags(Path data, String bind, Integer port, String preset, String registration,
        boolean showMessages, Path config) {

    /** No flag given. */
    public static ServerFlags none() {
        return new ServerFlags(null, null, null, null, null, false, null);
    }
}
