package org.parley.desktop;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.client.InsecureKeyLogFile;
import org.parley.client.e2ee.E2eSettings;
import org.parley.protocol.identity.PinStore;

/**
 * What every window of one app instance shares: texts, remembered settings, the known-servers
 * store, the connect timeout (long enough for the user to read a fingerprint), how a clicked
 * link is opened (the system browser in the app, a recorder in tests), where the end-to-end
 * device lives ({@code ~/.parley}, next to the pinned keys, as for the terminal client), and the
 * insecure key log the user asked for with {@code PARLEY_KEYLOG=FILE} (docs/LAB.md; empty, the
 * default, logs nothing).
 */
public record DesktopContext(I18n i18n, Settings settings, PinStore pins, Duration connectTimeout, Consumer<String> browser,
        E2eSettings e2e, Optional<InsecureKeyLogFile> keyLog) {

    /** The environment variable naming the key log file. */
    public static final String KEY_LOG_VARIABLE = "PARLEY_KEYLOG";

    public DesktopContext {
        java.util.Objects.requireNonNull(e2e, "e2e");
        java.util.Objects.requireNonNull(keyLog, "keyLog");
    }

    /** A context without a key log (the default). */
    public DesktopContext(I18n i18n, Settings settings, PinStore pins, Duration connectTimeout, Consumer<String> browser,
            E2eSettings e2e) {
        this(i18n, settings, pins, connectTimeout, browser, e2e, Optional.empty());
    }

    /** This context writing the session secrets to {@code log} (teaching only). */
    public DesktopContext withKeyLog(Optional<InsecureKeyLogFile> log) {
        return new DesktopContext(i18n, settings, pins, connectTimeout, browser, e2e, log);
    }
}
