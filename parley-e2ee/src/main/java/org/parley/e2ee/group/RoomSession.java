package org.parley.e2ee.group;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.envelope.InnerMessageCodec;

/**
 * One device's end-to-end state in one encrypted room (docs/E2EE.md, "Rooms"): the verified
 * membership log, its own sender chain and the chains other member devices distributed to it.
 * Pure: time and randomness are passed in. Every refused input throws a {@link RoomException} and
 * leaves the session as it was (only the log status records the problem, for the panel).
 */
public final class RoomSession {
    /** Chains kept per sender device: the current epoch and the one before (for late messages). */
    static final int EPOCHS_KEPT = 2;
    /**
     * Most skipped message keys kept over all the session's chains (docs/E2EE.md 19.6): each chain
     * keeps at most {@link InboundChain#MAX_SKIPPED}, which in a room of 10,000 devices would still
     * allow 20 million (720 MB stored, far past what a client reads back); past this bound the chain
     * holding the most loses its oldest first.
     */
    static final int MAX_SKIPPED_HELD = 100_000;

    private final RoomKdf kdf = new RoomKdf();
    private final DeviceRef self;
    private final RekeyPolicy policy;
    private final Map<DeviceRef, List<InboundChain>> inbound = new TreeMap<>(Membership.DEVICE_ORDER);
    private VerifiedLog log;
    private LogStatus status;
    private OutboundChain outbound;
    private long lastEpoch;
    private boolean removalSinceChain;

    public RoomSession(DeviceRef self, VerifiedLog log, RekeyPolicy policy) throws RoomException {
        if (!log.membership().admits(self)) {
            throw new RoomException(RoomError.NOT_A_MEMBER, self + " is not admitted by the membership log");
        }
        this.self = self;
        this.policy = policy;
        this.log = log;
        this.status = new LogStatus.Verified(log.size(), log.head());
    }

    /** Restores a stored session (RoomSessionCodec); the log has been verified again. */
    static RoomSession restore(DeviceRef self, VerifiedLog log, RekeyPolicy policy, long lastEpoch,
            boolean removalSinceChain, OutboundChain outbound, Map<DeviceRef, List<InboundChain>> inbound)
            throws RoomException {
        RoomSession session = new RoomSession(self, log, policy);
        session.lastEpoch = lastEpoch;
        session.removalSinceChain = removalSinceChain;
        session.outbound = outbound;
        inbound.forEach((sender, chains) -> session.inbound.put(sender, new ArrayList<>(chains)));
        return session;
    }

    /** Accepts the whole log as the server now shows it, if it extends the verified one. */
    public VerifiedLog updateLog(List<Bytes> fullLog) throws RoomException {
        VerifiedLog newer;
        try {
            newer = log.extend(fullLog);
        } catch (RoomException e) {
            status = new LogStatus.Problem(e.error(), e.getMessage(), log.size());
            throw e;
        }
        for (DeviceRef removed : log.membership().removedIn(newer.membership())) {
            List<InboundChain> chains = inbound.remove(removed);
            if (chains != null) {
                chains.forEach(InboundChain::wipe);
            }
            if (outbound != null && (outbound.wasGivenTo(removed) || removed.equals(self))) {
                removalSinceChain = true;
            }
        }
        log = newer;
        status = new LogStatus.Verified(log.size(), log.head());
        if (!log.membership().admits(self)) {
            dropEverything();
        }
        return log;
    }

    /** True if the next send must start a new chain first ({@link #rekey}). */
    public boolean rekeyDue(Instant now) {
        return outbound == null || removalSinceChain || policy.exhausted(outbound.iteration(), outbound.createdAt(), now);
    }

    /**
     * Starts a new sender chain (the next epoch) and returns its distribution to every other device
     * the verified log admits. The old chain is wiped.
     */
    public List<Distribution> rekey(Instant now, SecureRandom random) throws RoomException {
        requireAdmitted();
        if (outbound != null) {
            outbound.destroy();
        }
        outbound = OutboundChain.start(log.membership().roomId(), self, lastEpoch + 1, now, random);
        lastEpoch++;
        removalSinceChain = false;
        return distributionsDue();
    }

    /**
     * Makes the next send start a new chain ({@link #rekeyDue} is true until {@link #rekey}): for a
     * distribution whose delivery failed, so that the devices it may not have reached get a new chain
     * under a new epoch rather than the same epoch made again.
     */
    public void abandonChain() {
        removalSinceChain = true;
    }

    /**
     * The distribution of the current chain to {@code recipient} was not sent (no pairwise session
     * with it could be started: its bundle was refused or missing): the device is not recorded as
     * holding the chain, so {@link #distributionsDue} offers it again (at the chain's iteration
     * then) and its removal does not force a new chain. Only for a distribution never handed to
     * the pairwise layer: one that may have reached the device must stay recorded.
     */
    public void undelivered(DeviceRef recipient) {
        if (outbound != null) {
            outbound.undelivered(recipient);
        }
    }

    /** Distributions of the current chain (at its current iteration) to admitted devices that lack it. */
    public List<Distribution> distributionsDue() {
        List<Distribution> out = new ArrayList<>();
        if (outbound == null) {
            return out;
        }
        for (Map.Entry<DeviceRef, DeviceIdentity> recipient : DistributionPolicy.recipients(log, self)) {
            if (!outbound.wasGivenTo(recipient.getKey())) {
                out.add(new Distribution(recipient.getKey(), recipient.getValue(),
                        outbound.distributeTo(recipient.getKey(), log)));
            }
        }
        return out;
    }

    /** Encrypts and signs one room message (content type text) on the current chain. */
    public Bytes encrypt(InnerMessage message, Instant now) throws RoomException {
        if (message.contentType() != InnerMessage.ContentType.TEXT) {
            throw new IllegalArgumentException("a room message carries text only");
        }
        requireAdmitted();
        if (rekeyDue(now)) {
            throw new RoomException(RoomError.REKEY_REQUIRED, "start a new sender chain before sending");
        }
        return outbound.encrypt(message);
    }

    /**
     * Accepts a sender chain that arrived over the pairwise session with {@code pairwisePeerIdentity}.
     * Returns false if the same chain was already held (a re-delivery), true if it was stored.
     */
    public boolean accept(SenderKeyDistribution distribution, Bytes pairwisePeerIdentity) throws RoomException {
        requireRoom(distribution.roomId());
        // A device the log no longer admits holds no chain (updateLog dropped them): a late one is refused.
        requireAdmitted();
        DeviceRef sender = distribution.sender();
        if (!log.membership().admits(sender)) {
            throw new RoomException(RoomError.NOT_A_MEMBER, sender + " is not admitted by the membership log");
        }
        if (!log.membership().admits(sender, pairwisePeerIdentity)) {
            throw new RoomException(RoomError.WRONG_IDENTITY, "the distribution of " + sender
                    + " came over a session with another device identity");
        }
        if (distribution.logSize() > log.size()) {
            throw new RoomException(RoomError.LOG_BEHIND, "the sender saw " + distribution.logSize()
                    + " log entries, this device has verified " + log.size());
        }
        if (!log.hashAt(distribution.logSize() - 1).equals(distribution.logHead())) {
            LogStatus.Problem problem = new LogStatus.Problem(RoomError.LOG_FORKED, sender
                    + " verified a different entry " + (distribution.logSize() - 1), log.size());
            status = problem;
            throw new RoomException(RoomError.LOG_FORKED, problem.detail());
        }
        List<InboundChain> chains = inbound.getOrDefault(sender, List.of());
        for (InboundChain chain : chains) {
            if (chain.epoch() == distribution.epoch()) {
                if (chain.signingKey().equals(distribution.signingKey())) {
                    return false;
                }
                throw new RoomException(RoomError.STALE_CHAIN, "a different chain is held for " + sender
                        + " epoch " + distribution.epoch());
            }
            if (chain.epoch() > distribution.epoch()) {
                throw new RoomException(RoomError.STALE_CHAIN, "a newer chain is held for " + sender);
            }
        }
        List<InboundChain> updated = new ArrayList<>(chains);
        updated.add(InboundChain.of(distribution));
        while (updated.size() > EPOCHS_KEPT) {
            InboundChain dropped = updated.remove(0);
            dropped.wipe();
        }
        inbound.put(sender, updated);
        return true;
    }

    /** Verifies and decrypts a room envelope; on any refusal nothing changes. */
    public RoomMessage decrypt(Bytes encoded) throws RoomException {
        RoomEnvelope envelope = RoomEnvelope.decode(encoded);
        requireRoom(envelope.roomId());
        DeviceRef sender = envelope.sender();
        if (!log.membership().admits(sender)) {
            throw new RoomException(RoomError.NOT_A_MEMBER, sender + " is not admitted by the membership log");
        }
        List<InboundChain> chains = inbound.getOrDefault(sender, List.of());
        int index = -1;
        for (int i = 0; i < chains.size(); i++) {
            if (chains.get(i).epoch() == envelope.epoch()) {
                index = i;
            }
        }
        if (index < 0) {
            throw new RoomException(RoomError.UNKNOWN_CHAIN, "no chain of " + sender + " for epoch "
                    + envelope.epoch());
        }
        InboundChain chain = chains.get(index);
        verifySignature(envelope, chain.signingKey());
        InboundChain.Step step = chain.keyFor(envelope.iteration(), kdf);
        InnerMessage message;
        try {
            message = InnerMessageCodec.decode(kdf.open(step.messageKey(), envelope.aad(), envelope.ciphertext()));
        } catch (AuthenticationFailedException e) {
            throw new RoomException(RoomError.AUTHENTICATION_FAILED, "room message does not authenticate", e);
        } catch (E2eeException e) {
            throw new RoomException(RoomError.MALFORMED, "room message content: " + e.error(), e);
        } finally {
            java.util.Arrays.fill(step.messageKey(), (byte) 0);
        }
        if (message.contentType() != InnerMessage.ContentType.TEXT) {
            throw RoomException.malformed("a room message carries text only");
        }
        boolean skippedMore = step.after().skippedCount() > chain.skippedCount();
        List<InboundChain> updated = new ArrayList<>(chains);
        updated.set(index, step.after());
        chain.wipeReplacedBy(step.after());
        inbound.put(sender, updated);
        if (skippedMore) {
            keepSkippedWithinBound(); // only a message that skipped keys can pass the bound: no walk over every chain otherwise
        }
        return new RoomMessage(sender, envelope.epoch(), envelope.iteration(), message);
    }

    /** Drops skipped keys past {@link #MAX_SKIPPED_HELD}, the oldest of the chain holding the most first. */
    private void keepSkippedWithinBound() {
        long held = 0;
        for (List<InboundChain> chains : inbound.values()) {
            for (InboundChain chain : chains) {
                held += chain.skippedCount();
            }
        }
        while (held > MAX_SKIPPED_HELD) {
            DeviceRef fullest = null;
            int at = -1;
            int most = -1;
            for (Map.Entry<DeviceRef, List<InboundChain>> sender : inbound.entrySet()) {
                for (int i = 0; i < sender.getValue().size(); i++) {
                    if (sender.getValue().get(i).skippedCount() > most) {
                        fullest = sender.getKey();
                        at = i;
                        most = sender.getValue().get(i).skippedCount();
                    }
                }
            }
            int drop = (int) Math.min(held - MAX_SKIPPED_HELD, most);
            List<InboundChain> chains = new ArrayList<>(inbound.get(fullest));
            InboundChain trimmed = chains.get(at).withoutOldestSkipped(drop);
            chains.get(at).wipeReplacedBy(trimmed);
            chains.set(at, trimmed);
            inbound.put(fullest, chains);
            held -= drop;
        }
    }

    public RoomSecurityView view(Instant now) {
        int held = inbound.values().stream().mapToInt(List::size).sum();
        long sent = outbound == null ? 0 : outbound.iteration();
        return new RoomSecurityView(outbound == null ? Optional.empty() : Optional.of(outbound.epoch()), sent,
                Math.max(0, policy.maxMessages() - sent), rekeyDue(now), held, status);
    }

    RekeyPolicy policy() {
        return policy;
    }

    long lastEpoch() {
        return lastEpoch;
    }

    boolean removalSinceChain() {
        return removalSinceChain;
    }

    OutboundChain outbound() {
        return outbound;
    }

    Map<DeviceRef, List<InboundChain>> inbound() {
        return java.util.Collections.unmodifiableMap(inbound);
    }

    public VerifiedLog log() {
        return log;
    }

    public DeviceRef self() {
        return self;
    }

    @Override
    public String toString() {
        return "RoomSession[" + log.membership().roomId() + ", " + self + ", epoch " + lastEpoch + "]";
    }

    private void verifySignature(RoomEnvelope envelope, Bytes signingKey) throws RoomException {
        boolean valid;
        try {
            valid = SignatureAlgorithm.ED25519.create().verify(signingKey, envelope.signedPart(), envelope.signature());
        } catch (InvalidKeyMaterialException e) {
            valid = false;
        }
        if (!valid) {
            throw new RoomException(RoomError.BAD_SIGNATURE, "room message is not signed by the chain of "
                    + envelope.sender() + " epoch " + envelope.epoch());
        }
    }

    private void requireRoom(String roomId) throws RoomException {
        if (!roomId.equals(log.membership().roomId())) {
            throw new RoomException(RoomError.WRONG_ROOM, "message for another room");
        }
    }

    private void requireAdmitted() throws RoomException {
        if (!log.membership().admits(self)) {
            throw new RoomException(RoomError.NOT_A_MEMBER, self + " is no longer admitted by the membership log");
        }
    }

    private void dropEverything() {
        if (outbound != null) {
            outbound.destroy();
            outbound = null;
        }
        inbound.values().forEach(chains -> chains.forEach(InboundChain::wipe));
        inbound.clear();
    }
}
