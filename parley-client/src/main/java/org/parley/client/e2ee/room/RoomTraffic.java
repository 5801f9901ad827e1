package org.parley.client.e2ee.room;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.parley.client.EndToEndException;
import org.parley.client.ParleyClient;
import org.parley.client.e2ee.PendingRoomSend;
import org.parley.client.e2ee.UnconfirmedSends;
import org.parley.crypto.Bytes;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.Distribution;
import org.parley.e2ee.group.DistributionPolicy;
import org.parley.e2ee.group.RoomEnvelope;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.RoomException;
import org.parley.e2ee.group.RoomMessage;
import org.parley.e2ee.group.RoomSession;
import org.parley.e2ee.group.SenderKeyDistribution;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.SendId;
import org.parley.protocol.chat.StoredMessage;

/**
 * Room messages and sender keys (docs/E2EE.md §19.5–19.8, §20.7): sending (a new chain when one
 * is due, its distribution to exactly the devices the verified log admits, then the message once),
 * receiving envelopes (kept while their sender's chain has not arrived) and distributions.
 * Every result is stored before it is reported; every refusal is a {@link RoomEvent.Problem}.
 */
final class RoomTraffic {
    private final HeldRooms rooms;
    private final RoomDevice device;
    private final LogKeeper logs;
    private final Clock clock;
    private final java.security.SecureRandom random;
    private final RoomNotices notices;
    /** History pages read when catching up, and their size. */
    static final int CATCH_UP_PAGES = 5;
    static final int CATCH_UP_PAGE = 100;

    private final HandledMessages handled;
    private final Set<Shown> withheldShown = new HashSet<>();
    private final Set<Unverified> unverifiedShown = new HashSet<>();

    RoomTraffic(HeldRooms rooms, RoomDevice device, LogKeeper logs, Clock clock, java.security.SecureRandom random,
            RoomNotices notices) {
        this.rooms = rooms;
        this.device = device;
        this.logs = logs;
        this.clock = clock;
        this.random = random;
        this.notices = notices;
        this.handled = new HandledMessages(rooms.store());
    }

    /**
     * Sends {@code text} to {@code room} and completes {@code result} with it as stored; when the
     * answer to the message is lost the send is handed to the device as unconfirmed and
     * {@code result} stays pending until it is sent again after the next login.
     */
    void send(RoomServer server, PairwiseSessions pairwise, String room, String text,
            CompletableFuture<E2eRoomMessage> result) throws Exception {
        DeviceRef self = device.self();
        HeldRoom held = rooms.member(room, self);
        logs.refresh(server, held);
        held = rooms.member(room, self);
        RoomSession session = held.session;
        Instant now = clock.instant();
        try {
            boolean rekey = session.rekeyDue(now);
            List<Distribution> due = rekey ? session.rekey(now, random) : session.distributionsDue();
            if (!due.isEmpty()) {
                List<EnvelopeTarget> targets = seal(pairwise, room, session, due, now);
                if (!targets.isEmpty()) {
                    // Until the keys are sent, a stop leaves the chain stored as given to devices that
                    // may never get it: the next start abandons it (E2EE.md 20.7).
                    rooms.store().keysSending(room);
                }
                // The new chain is stored before it is sent: a send whose answer is lost may have
                // reached the devices, and an epoch they hold must never be made again with other keys.
                rooms.save(held);
                if (!targets.isEmpty()) {
                    try {
                        server.sendKeys(room, targets);
                    } catch (Exception e) {
                        session.abandonChain();
                        rooms.save(held);
                        rooms.store().keysSent(room);
                        throw e;
                    }
                    rooms.store().keysSent(room);
                }
            } else if (rekey) {
                rooms.save(held); // a new chain with nobody to give it to (stored above otherwise)
            }
            if (rekey) {
                notices.notice(room, RoomNoticeKind.REKEYED, self.user(), self.deviceId(),
                        "epoch " + session.view(now).ownEpoch().orElse(0L));
            }
            Bytes id = randomId();
            Bytes envelope = session.encrypt(InnerMessage.text(text, id, now), now);
            long epoch = session.view(now).ownEpoch().orElse(0L);
            PendingRoomSend pending = new PendingRoomSend(room, envelope, SendId.random(random), new E2eRoomMessage(room,
                    self.user(), self.deviceId(), true, id.toHex(), 0, epoch, now, text), clock.instant());
            // Written ahead, before the advanced chain is stored: a start that finds it abandons the
            // chain, so a stop in between never leaves an iteration to be used again (E2EE.md 20.7).
            Unconfirmed send = new Unconfirmed(device.keep(pending), pending, result, false);
            long serverId;
            try {
                rooms.save(held);
                serverId = server.sendEnvelope(room, envelope, pending.sendId());
            } catch (UnconfirmedSends.AnswerLost e) {
                // The server may have stored it: sent again, byte for byte, after the next login (or the next start).
                device.unconfirmed(send);
                return;
            } catch (Exception e) {
                // Not stored, or refused: a definite outcome, never sent again.
                device.settled(send.file);
                throw e;
            }
            send.recorded(serverId);
        } catch (Exception e) {
            // Nothing half-done stays in memory: the next use reads the stored session.
            rooms.forget(room);
            throw e;
        }
    }

    /** A room send read from the device's outbox at its start (docs/E2EE.md 20.7). */
    UnconfirmedSends.Send restore(String file, PendingRoomSend pending, CompletableFuture<E2eRoomMessage> settled) {
        return new Unconfirmed(file, pending, settled, true);
    }

    /** A room message whose answer was lost: what to send again and what to record once it is confirmed. */
    private final class Unconfirmed implements UnconfirmedSends.Send {
        private final String file;
        private final PendingRoomSend pending;
        private final CompletableFuture<E2eRoomMessage> result;
        /** Read from the outbox at the start: a run that stopped after recording it may have left it in the history. */
        private final boolean restored;

        Unconfirmed(String file, PendingRoomSend pending, CompletableFuture<E2eRoomMessage> result, boolean restored) {
            this.file = file;
            this.pending = pending;
            this.result = result;
            this.restored = restored;
        }

        @Override
        public Instant firstTry() {
            return pending.firstTry();
        }

        /**
         * The same request again: the server answers the first's id if it stored it, or stores it
         * now (a refusal, the sender no longer a member among others, fails it).
         */
        @Override
        public boolean again(ParleyClient client) throws Exception {
            if (pending.message().fromDevice() != device.self().deviceId()) {
                // Sealed with the chain of a device the account no longer has (removed, this one made anew).
                throw new EndToEndException("the message was encrypted on a device this account no longer has");
            }
            long serverId;
            try {
                serverId = new ClientRoomServer(client).sendEnvelope(pending.room(), pending.envelope(), pending.sendId());
            } catch (UnconfirmedSends.AnswerLost e) {
                return false;
            }
            recorded(serverId);
            return true;
        }

        @Override
        public void fail(Throwable failure) {
            try {
                device.settled(file);
            } catch (java.io.IOException e) {
                // Sent again at the next start, where the server's answer settles it once more.
                org.slf4j.LoggerFactory.getLogger(RoomTraffic.class).warn("an outbox entry was not deleted: {}",
                        e.getClass().getSimpleName());
            }
            result.completeExceptionally(failure);
        }

        @Override
        public void abandon() {
            result.completeExceptionally(new org.parley.client.SendNotConfirmedException(UnconfirmedSends.MAX_AGE, true));
        }

        /**
         * Stored by the server under {@code serverId}: kept in the room's history (once), then given
         * to the caller; the outbox entry goes last.
         */
        void recorded(long serverId) throws Exception {
            E2eRoomMessage sent = pending.message();
            E2eRoomMessage stored = new E2eRoomMessage(sent.room(), sent.fromUser(), sent.fromDevice(), true,
                    sent.messageId(), serverId, sent.epoch(), sent.sentAt(), sent.text());
            if (!restored || rooms.store().history(sent.room()).stream()
                    .noneMatch(m -> m.outgoing() && m.messageId().equals(sent.messageId()))) {
                rooms.store().append(stored);
            }
            handled.appended(stored);
            device.settled(file);
            result.complete(stored);
        }
    }

    /**
     * Seals each due distribution on the pairwise session with its device, other members' devices
     * first. A device with which no session can be started (its bundle refused or missing, already
     * shown as {@code BundleRefused}; shown in the room as {@link RoomNoticeKind#KEY_NOT_DELIVERED}),
     * or whose key this device withholds ({@link PairwiseSessions.Withheld}: another user's device
     * that user's account does not list, or a verified user's device not vouched for; shown once per
     * room, device and reason until it gets a key) is left out of this send and recorded as not holding the
     * chain, so the next send tries it again; it cannot read until then. Only devices of the verified
     * log are ever sealed to ({@code due} comes from it). If no other member's device would hold the
     * chain, the send fails before anything is sealed for this account's own devices.
     */
    private List<EnvelopeTarget> seal(PairwiseSessions pairwise, String room, RoomSession session,
            List<Distribution> due, Instant now) throws Exception {
        DeviceRef self = device.self();
        Set<DeviceRef> dueTo = new HashSet<>();
        due.forEach(d -> dueTo.add(d.recipient()));
        boolean othersHold = DistributionPolicy.recipients(session.log(), self).stream()
                .map(Map.Entry::getKey)
                .anyMatch(r -> !r.user().equals(self.user()) && !dueTo.contains(r));
        List<Distribution> others = due.stream().filter(d -> !d.recipient().user().equals(self.user())).toList();
        List<Distribution> own = due.stream().filter(d -> d.recipient().user().equals(self.user())).toList();
        List<EnvelopeTarget> targets = new ArrayList<>();
        List<DeviceRef> skipped = new ArrayList<>();
        // The directory reads for all of them first, batched (E2EE.md §20.3), not one or two per device.
        PairwiseSessions sessions = pairwise.prepared(due.stream()
                .map(d -> new PairwiseSessions.Target(d.recipient(), d.identity())).toList());
        for (Distribution distribution : others) {
            sealOne(sessions, room, distribution, now, targets, skipped);
        }
        if (!others.isEmpty() && targets.isEmpty() && !othersHold) {
            throw new EndToEndException("no device of another member of " + room + " could be given this device's"
                    + " room key (" + skipped.size() + " refused; see the notices): nothing was sent");
        }
        for (Distribution distribution : own) {
            sealOne(sessions, room, distribution, now, targets, skipped);
        }
        skipped.forEach(session::undelivered);
        return targets;
    }

    private void sealOne(PairwiseSessions pairwise, String room, Distribution distribution, Instant now,
            List<EnvelopeTarget> targets, List<DeviceRef> skipped) throws Exception {
        InnerMessage inner = distribution.content().asInnerMessage(randomId(), now);
        DeviceRef to = distribution.recipient();
        try {
            targets.add(new EnvelopeTarget(to.user(), to.deviceId(), pairwise.seal(to, distribution.identity(), inner)));
            withheldShown.removeIf(shown -> shown.room().equals(room) && shown.device().equals(to));
        } catch (PairwiseSessions.Unreachable e) {
            skipped.add(to);
            notices.notice(room, RoomNoticeKind.KEY_NOT_DELIVERED, to.user(), to.deviceId(),
                    e.error().name().toLowerCase(java.util.Locale.ROOT));
        } catch (PairwiseSessions.Withheld e) {
            skipped.add(to);
            // Tried again at every send until it passes; shown once, not at every message.
            if (withheldShown.add(new Shown(room, to, e.reason()))) {
                notices.notice(room, switch (e.reason()) {
                    case NOT_LISTED -> RoomNoticeKind.KEY_WITHHELD_NOT_LISTED;
                    case UNACCEPTED_CHANGES -> RoomNoticeKind.KEY_WITHHELD_UNACCEPTED;
                }, to.user(), to.deviceId(), e.reason().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /** A device of a verified contact, not covered by the verification, already shown in a room. */
    private record Unverified(String room, DeviceRef device, Bytes identity) {
    }

    /** A withheld device already shown in a room, for that reason. */
    private record Shown(String room, DeviceRef device, PairwiseSessions.WithheldReason reason) {
    }

    /** A room message of an encrypted room (live or replayed); opaque bodies only. */
    void received(RoomServer server, String room, StoredMessage stored) throws Exception {
        DeviceRef self = device.self();
        Optional<HeldRoom> found = rooms.find(room, self);
        if (found.isEmpty() || !found.get().member() || handled.serverIds(room).contains(stored.id())) {
            return;
        }
        HeldRoom held = found.get();
        RoomEnvelope envelope;
        try {
            envelope = RoomEnvelope.decode(stored.body());
            if (!envelope.sender().user().equals(stored.from())) {
                throw new RoomException(RoomError.NOT_A_MEMBER, "the server says " + stored.from()
                        + " sent a message signed as " + envelope.sender().user());
            }
        } catch (RoomException e) {
            notices.emit(new RoomEvent.Problem(room, e.error(), "refused a message from " + stored.from() + ": "
                    + e.getMessage()));
            return;
        }
        if (envelope.sender().equals(self)) {
            return;
        }
        try {
            decrypted(held, stored.id(), held.session.decrypt(stored.body()));
        } catch (RoomException e) {
            if (e.error() == RoomError.UNKNOWN_CHAIN) {
                rooms.store().addPending(room, new RoomStore.Pending(stored.id(), stored.from(), stored.body()));
                return;
            }
            notices.emit(new RoomEvent.Problem(room, e.error(), "refused a message from " + envelope.sender() + ": "
                    + e.getMessage()));
        }
    }

    /**
     * A sender-key distribution that arrived over the pairwise session with {@code from}; true if its
     * keys were new and stored, false if they were already held or refused.
     */
    boolean distribution(RoomServer server, DeviceRef from, Bytes pairwiseIdentity, InnerMessage inner) throws Exception {
        SenderKeyDistribution distribution;
        try {
            distribution = SenderKeyDistribution.from(inner);
        } catch (RoomException e) {
            notices.emit(new RoomEvent.Problem("", e.error(), "refused a room key from " + from + ": " + e.getMessage()));
            return false;
        }
        String room = distribution.roomId();
        try {
            if (!distribution.sender().equals(from)) {
                throw new RoomException(RoomError.WRONG_IDENTITY, "a room key of " + distribution.sender()
                        + " came from " + from);
            }
            DeviceRef self = device.self();
            Optional<HeldRoom> found = rooms.find(room, self);
            if (found.isEmpty()) {
                logs.adoptFromServer(server, room, self);
                found = rooms.find(room, self);
            }
            HeldRoom held = found.orElseThrow();
            if (!held.member()) {
                throw new RoomException(RoomError.NOT_A_MEMBER, "this device is no longer a member");
            }
            boolean fresh;
            try {
                fresh = held.session.accept(distribution, pairwiseIdentity);
            } catch (RoomException e) {
                if (e.error() != RoomError.LOG_BEHIND) {
                    throw e;
                }
                logs.refresh(server, held);
                held = rooms.member(room, self);
                fresh = held.session.accept(distribution, pairwiseIdentity);
            }
            rooms.save(held);
            retryPending(held);
            return fresh;
        } catch (RoomException e) {
            notices.emit(new RoomEvent.Problem(room, e.error(), "refused the room key of " + from + ": " + e.getMessage()));
            return false;
        } finally {
            distribution.chainKey().destroy();
        }
    }

    /**
     * Pages back through the room's stored messages (at most {@value #CATCH_UP_PAGES} pages of
     * {@value #CATCH_UP_PAGE}) until it reaches one this device has handled, then handles the new
     * ones oldest first: what was sent while this device was offline.
     */
    void catchUp(RoomServer server, HeldRoom held) throws Exception {
        if (!held.member()) {
            return;
        }
        Set<Long> seen = handled.serverIds(held.name);
        long newestSeen = seen.stream().mapToLong(Long::longValue).max().orElse(0);
        List<StoredMessage> missed = new ArrayList<>();
        long before = 0;
        for (int page = 0; page < CATCH_UP_PAGES; page++) {
            org.parley.protocol.chat.ChatEvent.HistoryPage answer = server.history(held.name, before, CATCH_UP_PAGE);
            boolean reached = false;
            for (StoredMessage message : answer.messages()) {
                if (message.id() <= newestSeen) {
                    reached = true;
                } else {
                    missed.add(message);
                }
            }
            if (reached || !answer.more() || answer.messages().isEmpty()) {
                break;
            }
            before = answer.messages().stream().mapToLong(StoredMessage::id).min().orElse(0);
        }
        missed.sort(java.util.Comparator.comparingLong(StoredMessage::id));
        for (StoredMessage message : missed) {
            if (message.contentType() == org.parley.protocol.chat.ContentType.OPAQUE) {
                received(server, held.name, message);
            }
        }
    }

    /** Decrypts the waiting envelopes whose chain has now arrived; the others keep waiting. */
    void retryPending(HeldRoom held) throws Exception {
        List<RoomStore.Pending> pending = rooms.store().pending(held.name);
        if (pending.isEmpty() || !held.member()) {
            return;
        }
        List<RoomStore.Pending> still = new ArrayList<>();
        for (RoomStore.Pending waiting : pending) {
            try {
                if (!handled.serverIds(held.name).contains(waiting.serverId())) {
                    decrypted(held, waiting.serverId(), held.session.decrypt(waiting.envelope()));
                }
            } catch (RoomException e) {
                if (e.error() == RoomError.UNKNOWN_CHAIN) {
                    still.add(waiting);
                } else if (e.error() == RoomError.DUPLICATE_MESSAGE) {
                    // Sent before the chain was handed to this device (before its join): not shared, by design.
                    continue;
                } else {
                    notices.emit(new RoomEvent.Problem(held.name, e.error(), "refused a message from "
                            + waiting.from() + ": " + e.getMessage()));
                }
            }
        }
        if (still.size() != pending.size()) {
            rooms.store().savePending(held.name, still);
        }
    }

    List<E2eRoomMessage> history(String room) throws Exception {
        return rooms.store().history(room);
    }

    private void decrypted(HeldRoom held, long serverId, RoomMessage message) throws Exception {
        DeviceRef sender = message.sender();
        org.parley.e2ee.device.DeviceIdentity identity = held.session.log().membership().devices().get(sender);
        // Kept with the message, so that the history shows it too (the live notice is once per device).
        boolean fromUnverified = identity != null && device.unverified(sender, identity.encoded());
        E2eRoomMessage line = new E2eRoomMessage(held.name, message.sender().user(), message.sender().deviceId(), false,
                HexFormat.of().formatHex(message.message().messageId().toByteArray()), serverId, message.epoch(),
                message.message().sentAt(), message.message().text(), fromUnverified);
        if (handled.holds(line)) {
            // Its line is in the history under another server id: a stop came after the line was written,
            // before the session that used its key was stored. The session is stored now; nothing is shown again.
            rooms.save(held);
            handled.serverIds(held.name).add(serverId);
            return;
        }
        if (fromUnverified && unverifiedShown.add(new Unverified(held.name, sender, identity.encoded()))) {
            notices.notice(held.name, RoomNoticeKind.FROM_UNVERIFIED_DEVICE, sender.user(), sender.deviceId(), "");
        }
        // The line first, then the session (E2EE.md 20.7): a stop in between leaves the message in the
        // history and its key not yet used up in the stored session (used up at a copy, above); the other
        // order left the key used up and the message lost, refused as DUPLICATE_MESSAGE when fetched again.
        try {
            rooms.store().append(line);
            handled.appended(line);
            rooms.save(held);
        } catch (java.io.IOException e) {
            // The key used in memory must not be stored used up by a later save: the next use reads the stored session.
            rooms.forget(held.name);
            throw e;
        }
        notices.emit(new RoomEvent.Message(line));
    }

    private Bytes randomId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Bytes.wrapOwned(id);
    }

    static EndToEndException notEncrypted(String room) {
        return new EndToEndException(room + " is not an end-to-end encrypted room");
    }
}
