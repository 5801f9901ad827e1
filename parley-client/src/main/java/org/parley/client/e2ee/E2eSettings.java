package org.parley.client.e2ee;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.prekey.PrekeyPolicy;

/**
 * How a session's end-to-end layer keeps its device.
 *
 * @param baseDirectory the client's directory ({@code ~/.parley}); the device lives in
 *     {@code baseDirectory/e2ee/<server>/<user>/} (docs/E2EE.md, "The client")
 * @param deviceName the name a new device is registered under (the host name by default)
 * @param suite the end-to-end suite this device offers first (default {@link E2eSuite#DEFAULT})
 * @param clock the time of prekey rotation and of sent messages
 * @param policy prekey rotation and top-up
 */
public record E2eSettings(Path baseDirectory, String deviceName, E2eSuite suite, Clock clock, PrekeyPolicy policy) {

    public E2eSettings {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(policy, "policy");
    }

    /** {@code ~/.parley} (following {@code user.home}), the host name, pq-ratchet, the system clock. */
    public static E2eSettings defaults() {
        return in(Path.of(System.getProperty("user.home"), ".parley"));
    }

    /** The defaults with another base directory. */
    public static E2eSettings in(Path baseDirectory) {
        return new E2eSettings(baseDirectory, hostName(), E2eSuite.DEFAULT, Clock.systemUTC(), PrekeyPolicy.DEFAULT);
    }

    public E2eSettings withSuite(E2eSuite chosen) {
        return new E2eSettings(baseDirectory, deviceName, chosen, clock, policy);
    }

    public E2eSettings withDeviceName(String name) {
        return new E2eSettings(baseDirectory, name, suite, clock, policy);
    }

    public E2eSettings withClock(Clock other) {
        return new E2eSettings(baseDirectory, deviceName, suite, other, policy);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "device";
        }
    }
}
