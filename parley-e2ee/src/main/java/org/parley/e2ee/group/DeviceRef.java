package org.parley.e2ee.group;

/**
 * One device of one user, as named in room messages and the membership log.
 *
 * @param user the user name (1..64 UTF-8 bytes)
 * @param deviceId the server-assigned device id (u32, from 1)
 */
public record DeviceRef(String user, long deviceId) {
    public static final int MAX_USER_BYTES = 64;

    public DeviceRef {
        int length = user.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (length < 1 || length > MAX_USER_BYTES) {
            throw new IllegalArgumentException("user name must be 1.." + MAX_USER_BYTES + " UTF-8 bytes");
        }
        if (deviceId < 1 || deviceId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("device id must be a u32 from 1");
        }
    }

    @Override
    public String toString() {
        return user + "#" + deviceId;
    }
}
