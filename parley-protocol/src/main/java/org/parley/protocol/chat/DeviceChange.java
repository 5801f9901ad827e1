package org.parley.protocol.chat;

import java.util.Optional;

/** Whether a device joined or left an account (in {@link ChatEvent.DeviceChanged}). */
public enum DeviceChange {
    ADDED(1), REMOVED(2);

    private final int code;

    DeviceChange(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<DeviceChange> fromCode(int code) {
        for (DeviceChange value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
