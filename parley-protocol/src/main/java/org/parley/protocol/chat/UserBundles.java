package org.parley.protocol.chat;

import java.util.List;
import java.util.Optional;

/**
 * One user's entry in a {@link ChatEvent.BundleLists}: one bundle per device of the user, in
 * device-id order, or empty when the name is no enabled account ({@code found = 0} on the wire,
 * docs/PROTOCOL.md 14.8).
 *
 * @param user the account's name when found, else the name as requested
 * @param bundles at most {@link ChatLimits#MAX_DEVICES}
 */
public record UserBundles(String user, Optional<List<PrekeyBundle>> bundles) {
    public UserBundles {
        bundles = bundles.map(List::copyOf);
    }
}
