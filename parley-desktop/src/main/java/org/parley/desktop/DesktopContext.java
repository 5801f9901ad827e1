package org.parley.desktop;

import org.parley.client.e2ee.E2eSettings;
import java.time.Duration;
import org.parley.client.e2ee.E2eSettings;
import java.util.function.Consumer;
import org.parley.client.e2ee.E2eSettings;
import org.parley.protocol.identity.PinStore;

/**
 * What every window of one app instance shares: texts, remembered settings, the known-servers
 * store, the connect timeout (long enough for the user to read a fingerprint), and how a clicked
 * link is opened (the system browser in the app, a recorder in tests), and where the end-to-end
 * device lives ({@code ~/.parley}, next to the pinned keys, as for the terminal client).
 */
public record DesktopContext(I18n i18n, Settings settings, PinStore pins, Duration connectTimeout, Consumer<String> browser,
        E2eSettings e2e) {
}
