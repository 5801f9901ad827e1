package org.parley.protocol.chat;

import java.util.List;
import java.util.Optional;

/**
 * One user's entry in a {@link ChatEvent.DeviceLists}: the user's devices in id order, or empty
 * when the name is no enabled account ({@code found = 0} on the wire, docs/PROTOCOL.md 14.8).
 *
 * @param user the account's name when found, else the name as requested
 * @param devices at most {@link ChatLimits#MAX_DEVICES}
 */
public record UserDevices(String user, Optional<List<DeviceInfo>> devices) {
    public UserDevices {
        devices = devices.map(List::copyOf);
    }
}
