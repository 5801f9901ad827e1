package org.parley.e2ee.group;

import org.parley.e2ee.device.DeviceIdentity;

/**
 * One sender-key distribution to send to one member device over the pairwise session with that
 * device (whose identity must be {@code identity}, as the verified log admits it).
 */
public record Distribution(DeviceRef recipient, DeviceIdentity identity, SenderKeyDistribution content) {
}
