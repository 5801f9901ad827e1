package org.parley.server.rooms;

import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.DeviceInfo;

/**
 * The device a session is bound to, as the end-to-end lane saw it when the request arrived.
 *
 * @param user the session's account name, as registered (log entries must name it so)
 * @param deviceId the bound device
 * @param identity the bound device's identity blob
 * @param accountDevices every current device of the account (for {@code device_added} checks)
 */
public record BoundDevice(String user, long deviceId, Bytes identity, List<DeviceInfo> accountDevices) {
    public BoundDevice {
        accountDevices = List.copyOf(accountDevices);
    }
}
