package org.parley.e2ee.group;

import java.time.Duration;
import java.time.Instant;

/**
 * When a sender must start a new chain even without a membership change (docs/E2EE.md,
 * "Rekeying"): after {@code maxMessages} messages or once the chain is {@code maxAge} old, so a
 * stolen chain key stops opening new messages.
 */
public record RekeyPolicy(long maxMessages, Duration maxAge) {
    /** 1,000 messages or 7 days, whichever comes first. */
    public static final RekeyPolicy DEFAULT = new RekeyPolicy(1000, Duration.ofDays(7));

    public RekeyPolicy {
        if (maxMessages < 1 || maxMessages > 0xFFFF_FFFFL || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("a chain needs room for at least one message and a positive age");
        }
    }

    boolean exhausted(long sent, Instant createdAt, Instant now) {
        return sent >= maxMessages || !now.isBefore(createdAt.plus(maxAge));
    }
}
