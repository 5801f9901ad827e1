package org.parley.desktop;

import java.time.Duration;
import org.parley.protocol.identity.PinStore;

/**
 * What every window of one app instance shares: texts, remembered settings, the known-servers
 * store, and the connect timeout (long enough for the user to read a fingerprint).
 */
public record DesktopContext(I18n i18n, Settings settings, PinStore pins, Duration connectTimeout) {
}
