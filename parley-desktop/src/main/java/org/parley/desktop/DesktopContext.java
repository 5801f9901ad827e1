package org.parley.desktop;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.client.InsecureKeyLogFile;
import org.parley.protocol.identity.PinStore;

/**
 * What every window of one app instance shares: texts, remembered settings, the known-servers
 * store, the connect timeout (long enough for the user to read a fingerprint), how a clicked
 * link is opened (the system browser in the app, a recorder in tests), and the insecure key log the
 * user asked for with {@code PARLEY_KEYLOG=FILE} (docs/LAB.md; empty, the default, logs nothing).
 */
public record DesktopContext(I18n i18n, Settings settings, PinStore pins, Duration connectTimeout, Consumer<String> browser,
        Optional<InsecureKeyLogFile> keyLog) {

    /** The environment variable naming the key log file. */
    public static final String KEY_LOG_VARIABLE = "PARLEY_KEYLOG";

    public DesktopContext {
        java.util.Objects.requireNonNull(keyLog, "keyLog");
    }

    /** A context without a key log (the default). */
    public DesktopContext(I18n i18n, Settings settings, PinStore pins, Duration connectTimeout, Consumer<String> browser) {
        this(i18n, settings, pins, connectTimeout, browser, Optional.empty());
    }
}
