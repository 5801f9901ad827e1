package org.parley.e2ee.group;

import java.util.Optional;

/**
 * What the security panel of an encrypted room shows (docs/E2EE.md, "Rooms: labels"): forward
 * secrecy per message along each sender chain; post-compromise security only from the next rekey
 * (a thief of a chain key reads that chain until its sender starts a new epoch); the membership-log
 * status. Clients render these facts with their own (English and Chinese) texts.
 *
 * @param ownEpoch this device's current chain epoch, empty before its first chain
 * @param ownMessagesInChain messages sent on that chain
 * @param messagesUntilRekey messages left before the rekey policy forces a new chain
 * @param rekeyDue true if the next send must start a new chain (membership change, limit reached)
 * @param senderChains other devices' chains held (each: forward secrecy per message)
 * @param log the membership-log status
 */
public record RoomSecurityView(Optional<Long> ownEpoch, long ownMessagesInChain, long messagesUntilRekey,
        boolean rekeyDue, int senderChains, LogStatus log) {

    /** Always true: each message key is derived forward from the chain key and deleted after use. */
    public boolean forwardSecrecyPerMessage() {
        return true;
    }

    /** Post-compromise security comes only with a new sender chain (a rekey), never within one. */
    public boolean postCompromiseOnlyAfterRekey() {
        return true;
    }
}
