package org.parley.protocol.chat;

import org.parley.crypto.Bytes;

/**
 * One device of an account as the server lists it.
 *
 * @param deviceId assigned by the server, 1..2^32-1, never reused within the account
 * @param identity the device identity blob (docs/E2EE.md); its first 32 bytes are the Ed25519 signing key
 * @param name chosen by the device's user, 1..64 UTF-8 bytes
 * @param addedAtMillis server time the device was added
 * @param lastSeenMillis server time a session last bound to it or ended while bound to it
 */
public record DeviceInfo(long deviceId, Bytes identity, String name, long addedAtMillis, long lastSeenMillis) {
}
