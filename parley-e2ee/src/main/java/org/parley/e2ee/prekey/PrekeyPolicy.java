package org.parley.e2ee.prekey;

import java.time.Duration;

/**
 * When prekeys are rotated and topped up (docs/E2EE.md, "Prekey policy").
 *
 * @param signedPrekeyRotation a new signed X25519 prekey after this age
 * @param lastResortRotation a new last-resort ML-KEM-768 prekey after this age
 * @param retiredKeyGrace a replaced signed or last-resort prekey is kept this long for messages in flight
 * @param oneTimeX25519Target pool size uploaded when the server's pool falls below the low-water mark
 * @param oneTimeX25519LowWater top up when the server holds fewer one-time X25519 prekeys than this
 * @param oneTimeKemTarget as above for one-time ML-KEM-768 prekeys (1,253 bytes each on the server)
 * @param oneTimeKemLowWater as above for one-time ML-KEM-768 prekeys
 */
public record PrekeyPolicy(Duration signedPrekeyRotation, Duration lastResortRotation, Duration retiredKeyGrace,
        int oneTimeX25519Target, int oneTimeX25519LowWater, int oneTimeKemTarget, int oneTimeKemLowWater) {

    /** Weekly signed prekey, monthly last resort, 30-day grace, pools of 100 and 20. */
    public static final PrekeyPolicy DEFAULT = new PrekeyPolicy(Duration.ofDays(7), Duration.ofDays(30),
            Duration.ofDays(30), 100, 25, 20, 5);

    /** What the server reports still holding for this device. */
    public record ServerCounts(int oneTimeX25519, int oneTimeKem) {
    }
}
