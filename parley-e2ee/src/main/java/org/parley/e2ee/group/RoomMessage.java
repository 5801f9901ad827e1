package org.parley.e2ee.group;

import org.parley.e2ee.envelope.InnerMessage;

/**
 * A decrypted room message.
 *
 * @param sender the member device that sent it (its chain signature verified)
 * @param epoch the sender's chain epoch
 * @param iteration the message's position in that chain
 * @param message the plaintext
 */
public record RoomMessage(DeviceRef sender, long epoch, long iteration, InnerMessage message) {
}
