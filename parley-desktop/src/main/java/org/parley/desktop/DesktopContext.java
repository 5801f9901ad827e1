package org.parley.desktop;

import java.time.Duration;
import java.util.function.Consumer;
import org.parley.protocol.identity.PinStore;

/**
 * What every window of one app instance shares: texts, remembered settings, the known-servers
 * store, the connect timeout (long enough for the user to read a fingerprint), and how a clicked
 * link is opened (the system browser in the app, a recorder in tests).
 */
public record DesktopContext(I18n i18n, Settings settings, PinStore pins, Duration connectTimeout, Consumer<String> browser) {
}
