package org.parley.lab.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceKeys;

/**
 * The files of one end-to-end device under a client's base directory (E2EE.md 20.1), read-only: the
 * lab reads the keys of a device whose directory it holds, as the device's owner can (the operator's
 * own devices; in the insecure variants, the sender's own device, whose client the variant replaces).
 */
public final class DeviceFiles {
    private DeviceFiles() {
    }

    /** The directory of the one device under {@code base} (the one holding {@code device.keys}). */
    public static Path directory(Path base) throws IOException {
        try (Stream<Path> files = Files.walk(base)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals("device.keys")).toList();
            if (found.size() != 1) {
                throw new IOException("expected one end-to-end device under " + base + ", found " + found.size());
            }
            return found.getFirst().getParent();
        }
    }

    /** The identity and signing keys of the one device under {@code base}. */
    public static DeviceKeys keys(Path base) throws IOException {
        Path directory = directory(base);
        try (SecretBytes encoded = SecretBytes.wrapOwned(Files.readAllBytes(directory.resolve("device.keys")))) {
            return DeviceKeys.decode(encoded);
        } catch (E2eeException e) {
            throw new IOException("the end-to-end device in " + directory + " is unreadable: " + e.getMessage(), e);
        }
    }
}
