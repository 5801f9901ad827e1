package org.parley.server;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The data directory is already used by another running server (its lock file {@code parley.lock}
 * is held). Two servers on one directory would each keep rooms and sessions in memory over the
 * same database and silently diverge, so the second one is refused before it touches anything.
 */
public final class DataDirectoryInUseException extends IOException {
    DataDirectoryInUseException(Path directory) {
        super("the data directory " + directory.toAbsolutePath().normalize()
                + " is in use by another Parley server (stop it first, or choose another directory with --data)");
    }
}
