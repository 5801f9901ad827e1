package org.parley.client.e2ee;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parley.client.EndToEndException;
import org.parley.client.ParleyClient;
import org.parley.client.SendNotConfirmedException;
import org.parley.client.UnacceptedChangesException;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.prekey.PrekeyBundle;
import org.parley.e2ee.prekey.VerifiedBundle;
import org.parley.e2ee.session.Session;
import org.parley.e2ee.session.SessionCodec;
import org.parley.e2ee.session.SessionStart;
import org.parley.protocol.auth.Usernames;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.SendId;
import org.parley.protocol.chat.UserBundles;

/**
 * Sends one private message end to end: the peer's and this account's other devices as the
 * server lists them now, both in one {@code ListDevicesMany} (every difference shown by {@link Directory}), a verified bundle and a new
 * session for each device without one (both accounts' bundles in one {@code FetchBundlesMany}), one envelope per device, and a bounded retry when the
 * server answers that the device lists changed meanwhile. A device whose listed identity or bundle
 * is refused, or whose bundle is missing, is shown and left out of this send (it gets
 * {@link #UNREADABLE}); the send fails only when that leaves none of the peer's devices. Every
 * attempt is sent once (docs/PROTOCOL.md 14.5) under a new send id; one whose answer is lost is
 * kept unconfirmed and sent again after the next login (docs/E2EE.md, "Unconfirmed sends").
 */
final class Sender {
    /** SendEnvelopes attempts before giving up on a device list that keeps changing. */
    static final int MAX_ATTEMPTS = 3;
    /**
     * The envelope for a device left out of a send (its listed identity or bundle refused, or its
     * bundle missing): the server wants one envelope for every current device (PROTOCOL.md 14.8),
     * and this one, version 0, no device can read; that device recognizes it and shows that the
     * sender's device could not encrypt for it ({@link E2eEvent.NotEncryptedForThisDevice},
     * docs/E2EE.md §20.3, §20.4).
     */
    static final Bytes UNREADABLE = Bytes.wrapOwned(new byte[] {0});

    private final E2eContext context;
    private final UnconfirmedSends unconfirmed;
    private final SendOutbox outbox;

    Sender(E2eContext context, UnconfirmedSends unconfirmed, SendOutbox outbox) {
        this.context = context;
        this.unconfirmed = unconfirmed;
        this.outbox = outbox;
    }

    /**
     * A send read from the outbox at the device's start (its answer was lost before the client
     * stopped): kept unconfirmed, sent again after the first bind, its outcome reported as an
     * {@link E2eEvent.SendSettled} since nobody waits for it.
     */
    UnconfirmedSends.Send restore(String file, PendingSend pending) {
        CompletableFuture<E2eMessage> settled = new CompletableFuture<>();
        settled.whenComplete((message, failure) -> {
            if (failure == null) {
                context.emit(new E2eEvent.SendSettled(message, SendOutcome.SENT, ""));
            } else if (!unconfirmed.closing()) {
                context.emit(new E2eEvent.SendSettled(pending.message(), SendSettling.outcome(failure),
                        SendSettling.detail(failure)));
            }
        });
        return new Unconfirmed(file, pending, settled);
    }

    /**
     * Sends {@code text} to {@code peer} under a new message id and completes {@code result} with
     * it as recorded; when the answer is lost the send is kept in {@link UnconfirmedSends} and
     * {@code result} stays pending until it is sent again after the next login.
     */
    void send(ParleyClient client, String peer, String text, CompletableFuture<E2eMessage> result) throws Exception {
        byte[] random = new byte[16];
        context.random().nextBytes(random);
        send(client, peer, text, Bytes.wrapOwned(random), context.settings().clock().instant(), result);
    }

    private void send(ParleyClient client, String peer, String text, Bytes messageId, Instant now,
            CompletableFuture<E2eMessage> result) throws Exception {
        LocalState state = context.state();
        if (state.deviceId() == 0) {
            throw new EndToEndException("this device is not registered with the server yet");
        }
        // One account whatever the spelling ("Alice", full-width "Ａｌｉｃｅ"; PROTOCOL.md 13.3).
        if (Usernames.canonical(peer).equals(Usernames.canonical(context.user()))) {
            throw new EndToEndException("a private message needs another user");
        }
        InnerMessage toPeer = InnerMessage.text(text, messageId, now);
        InnerMessage toOwn = InnerMessage.text(peer + "\n" + text, messageId, now);
        Directory directory = new Directory(context);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            // Both lists in one read (one token, not two), compared as single listings are, the peer's first.
            Directory.Both lists = directory.listWithOwn(client, peer);
            Directory.Listed theirList = lists.theirs();
            Map<Long, DeviceIdentity> theirs = theirList.usable();
            if (state.contact(peer).verified && state.contact(peer).pendingChanges) {
                throw new UnacceptedChangesException(peer);
            }
            if (theirs.isEmpty()) {
                throw new EndToEndException(peer + " has no device that can receive end-to-end messages yet"
                        + (theirList.leftOut().isEmpty() ? "" : " (the identities listed were refused; see the notices)"));
            }
            Directory.Listed ourList = lists.ours();
            Map<Long, DeviceIdentity> ours = ourList.usable();
            // Both accounts' bundles in one read (one token, not two), the peer's first.
            Map<String, Optional<List<org.parley.protocol.chat.PrekeyBundle>>> offered =
                    bundles(client, peer, theirs, ours);
            Map<Long, EndToEndException> theirsRefused = start(client, peer, theirs, offered.getOrDefault(peer, Optional.empty()));
            // Started even if the send then fails: the one-time prekeys handed out are not wasted.
            start(client, context.user(), ours, offered.getOrDefault(context.user(), Optional.empty()));
            if (theirsRefused.size() == theirs.size()) {
                // Nothing is encrypted yet: no session advances for a message that is not sent.
                throw theirsRefused.values().iterator().next();
            }
            List<EnvelopeTarget> targets = new ArrayList<>();
            List<Advanced> advanced = new ArrayList<>();
            E2eSuite suite = encrypt(peer, theirs, toPeer, targets, advanced);
            encrypt(context.user(), ours, toOwn, targets, advanced);
            // A listed device whose identity was refused is never encrypted to; the server still wants an envelope.
            theirList.leftOut().forEach(device -> targets.add(new EnvelopeTarget(peer, device, UNREADABLE)));
            ourList.leftOut().forEach(device -> targets.add(new EnvelopeTarget(context.user(), device, UNREADABLE)));
            E2eMessage sent = new E2eMessage(peer, context.user(), state.deviceId(), true, suite,
                    messageId.toHex(), now, text);
            // A new attempt (after DeviceMismatch) is another request: a new send id.
            PendingSend pending = new PendingSend(peer, targets, SendId.random(context.random()), sent,
                    context.settings().clock().instant());
            Unconfirmed send = new Unconfirmed(writeAhead(pending, advanced), pending, result);
            ChatEvent.Answer answer;
            try {
                answer = UnconfirmedSends.answer(client.sendEnvelopes(peer, pending.targets(), pending.sendId()));
            } catch (UnconfirmedSends.AnswerLost e) {
                // The server may have stored it: sent again, byte for byte, after the next login (or the next start).
                unconfirmed.add(send);
                return;
            } catch (Exception e) {
                // Refused: a definite outcome, never sent again.
                outbox.delete(send.file);
                throw e;
            }
            if (answer instanceof ChatEvent.Accepted) {
                send.recorded();
                return;
            }
            // DeviceMismatch: not stored; the next attempt is a new entry under a new send id.
            outbox.delete(send.file);
        }
        throw new EndToEndException("the devices of " + peer + " kept changing; the message was not sent");
    }

    /**
     * Writes {@code pending} to the outbox before its request is written, in the order that keeps
     * both the message and the ratchet safe across a crash (docs/E2EE.md 20.3): the entry with the
     * sessions its encryption advanced, then those sessions, then the entry without them. A crash
     * before the first write loses nothing that was sent; after it, the next start stores the
     * entry's sessions (so no message key is used twice) and sends it again. Returns its file.
     */
    private String writeAhead(PendingSend pending, List<Advanced> advanced) throws java.io.IOException {
        LocalState state = context.state();
        List<PendingSendCodec.Redo> redo = new ArrayList<>();
        String file;
        try {
            for (Advanced session : advanced) {
                redo.add(new PendingSendCodec.Redo(state.sessionFile(session.user(), session.device(), session.session()),
                        SessionCodec.encode(session.session())));
            }
            file = outbox.prepare(pending, redo);
        } finally {
            redo.forEach(r -> r.state().close());
        }
        try {
            for (Advanced session : advanced) {
                state.saveSession(session.user(), session.device(), session.session());
            }
            outbox.commit(file, pending);
        } catch (java.io.IOException e) {
            // Nothing was sent and the caller is told it failed: the entry must not send it at the next start.
            try {
                outbox.delete(file);
            } catch (java.io.IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return file;
    }

    /** A session {@link #encrypt} advanced, not stored yet. */
    private record Advanced(String user, long device, Session session) {
    }

    /** A private send whose answer was lost: what to send again and what to record once it is confirmed. */
    private final class Unconfirmed implements UnconfirmedSends.Send {
        private final String file;
        private final PendingSend pending;
        private final CompletableFuture<E2eMessage> result;

        Unconfirmed(String file, PendingSend pending, CompletableFuture<E2eMessage> result) {
            this.file = file;
            this.pending = pending;
            this.result = result;
        }

        @Override
        public Instant firstTry() {
            return pending.firstTry();
        }

        @Override
        public boolean again(ParleyClient client) throws Exception {
            if (pending.message().fromDevice() != context.state().deviceId()) {
                // Sealed on a device the account no longer has (removed, this one made anew: E2EE.md 20.2):
                // sent from this device those bytes could not be read. Not stored under this device: sent afresh.
                fresh(client);
                return true;
            }
            ChatEvent.Answer answer;
            try {
                answer = UnconfirmedSends.answer(client.sendEnvelopes(pending.peer(), pending.targets(), pending.sendId()));
            } catch (UnconfirmedSends.AnswerLost e) {
                return false;
            }
            if (answer instanceof ChatEvent.Accepted) {
                recorded();
            } else {
                // DeviceMismatch: the first was not stored.
                fresh(client);
            }
            return true;
        }

        /**
         * A fresh send under the same inner message id, so a device that somehow got both shows
         * one; it is a new outbox entry, and this one goes once that is written (or the fresh send failed).
         */
        private void fresh(ParleyClient client) throws Exception {
            E2eMessage sent = pending.message();
            try {
                send(client, pending.peer(), sent.text(), Bytes.fromHex(sent.messageId()), sent.sentAt(), result);
            } finally {
                outbox.delete(file);
            }
        }

        @Override
        public void fail(Throwable failure) {
            try {
                outbox.delete(file);
            } catch (java.io.IOException e) {
                // Sent again at the next start, where the server's answer settles it once more.
                org.slf4j.LoggerFactory.getLogger(Sender.class).warn("an outbox entry was not deleted: {}",
                        e.getClass().getSimpleName());
            }
            result.completeExceptionally(failure);
        }

        @Override
        public void abandon() {
            result.completeExceptionally(new SendNotConfirmedException(UnconfirmedSends.MAX_AGE, true));
        }

        /**
         * Stored by the server: kept in the local history (once: a copy already there from a run
         * that stopped before deleting the entry is not added again), then given to the caller;
         * the entry goes last.
         */
        void recorded() throws java.io.IOException {
            E2eMessage sent = pending.message();
            if (!context.state().seen(sent.peer(), sent.fromUser(), sent.messageId())) {
                context.state().append(sent);
            }
            outbox.delete(file);
            result.complete(sent);
        }
    }

    /**
     * Adds one envelope per listed device to {@code targets}: the message on the device's session,
     * or {@link #UNREADABLE} for a device left out because no session could be started with it.
     * Returns the suite of the first session used.
     */
    private E2eSuite encrypt(String user, Map<Long, DeviceIdentity> devices, InnerMessage inner,
            List<EnvelopeTarget> targets, List<Advanced> advanced) throws Exception {
        LocalState state = context.state();
        E2eSuite suite = context.settings().suite();
        boolean first = true;
        for (Long device : devices.keySet()) {
            List<Session> sessions = state.sessions(user, device);
            if (sessions.isEmpty()) {
                targets.add(new EnvelopeTarget(user, device, UNREADABLE));
                continue;
            }
            Session session = sessions.getFirst();
            Bytes envelope = session.encrypt(inner, context.random());
            // Stored by writeAhead, after the outbox entry that carries it.
            advanced.add(new Advanced(user, device, session));
            targets.add(new EnvelopeTarget(user, device, envelope));
            if (first) {
                suite = session.suite();
                first = false;
            }
        }
        return suite;
    }

    /**
     * The bundles of the peer and of this account, each only if a listed device of it has no
     * session yet, in one {@code FetchBundlesMany} (paced and matched by position,
     * {@link BatchedReads}), the peer first, so it takes the one-time prekey allowance first as
     * before; nothing is asked for when every device has a session. An account the answer does not
     * find is empty here ({@link #start} then asks for it singly).
     */
    private Map<String, Optional<List<org.parley.protocol.chat.PrekeyBundle>>> bundles(ParleyClient client, String peer,
            Map<Long, DeviceIdentity> theirs, Map<Long, DeviceIdentity> ours) throws Exception {
        List<String> users = new ArrayList<>(2);
        if (!missing(peer, theirs).isEmpty()) {
            users.add(peer);
        }
        if (!missing(context.user(), ours).isEmpty()) {
            users.add(context.user());
        }
        Map<String, Optional<List<org.parley.protocol.chat.PrekeyBundle>>> offered = new LinkedHashMap<>();
        if (users.isEmpty()) {
            return offered;
        }
        List<UserBundles> lists = BatchedReads.read(users, ChatLimits.MAX_USERS_PER_BUNDLE_LISTS,
                batch -> client.fetchBundles(batch).thenApply(ChatEvent.BundleLists::lists), UserBundles::user);
        for (int i = 0; i < users.size(); i++) {
            offered.put(users.get(i), lists.get(i).bundles());
        }
        return offered;
    }

    /** The listed devices of {@code user} without a session. */
    private List<Long> missing(String user, Map<Long, DeviceIdentity> devices) throws java.io.IOException {
        List<Long> missing = new ArrayList<>();
        for (Long device : devices.keySet()) {
            if (context.state().sessions(user, device).isEmpty()) {
                missing.add(device);
            }
        }
        return missing;
    }

    /**
     * Starts a session with every listed device that has none, from its verified bundle among
     * {@code fetched} (read by {@link #bundles}; empty if the answer did not find the user, who is
     * then asked for singly and fails as a single {@code FetchBundles} always did). A device whose bundle is refused, or for which the server
     * gives none, is shown ({@link E2eEvent.BundleRefused}) and left out of this send only (the
     * next send tries again); returns those devices with the reason.
     */
    private Map<Long, EndToEndException> start(ParleyClient client, String user, Map<Long, DeviceIdentity> devices,
            Optional<List<org.parley.protocol.chat.PrekeyBundle>> fetched) throws Exception {
        List<Long> missing = missing(user, devices);
        Map<Long, EndToEndException> refused = new LinkedHashMap<>();
        if (missing.isEmpty()) {
            return refused;
        }
        List<org.parley.protocol.chat.PrekeyBundle> bundles = fetched.isPresent() ? fetched.get()
                : BatchedReads.one(user, () -> client.fetchBundles(user), ChatEvent.BundleList::user).bundles();
        for (org.parley.protocol.chat.PrekeyBundle offered : bundles) {
            long device = offered.deviceId();
            if (!missing.contains(device) || refused.containsKey(device)
                    || !context.state().sessions(user, device).isEmpty()) {
                continue;
            }
            try {
                VerifiedBundle verified = VerifiedBundle.verify(new PrekeyBundle(device, offered.identity(),
                        offered.signedPrekey(), offered.oneTimePrekey(), offered.kemPrekey()),
                        Optional.of(devices.get(device)));
                Session session = SessionStart.initiate(context.state().keys(), verified, context.random());
                context.state().replaceSession(user, device, session);
            } catch (E2eeException e) {
                context.emit(new E2eEvent.BundleRefused(user, device, e.error(), e.getMessage()));
                refused.put(device, new EndToEndException(e.error(), "refused the prekey bundle of " + user
                        + "'s device " + device + ": " + e.getMessage()));
            }
        }
        for (Long device : missing) {
            if (context.state().sessions(user, device).isEmpty() && !refused.containsKey(device)) {
                String detail = "the server gave no prekey bundle for " + user + "'s device " + device;
                context.emit(new E2eEvent.BundleRefused(user, device, E2eeError.UNKNOWN_PREKEY, detail));
                refused.put(device, new EndToEndException(E2eeError.UNKNOWN_PREKEY, detail));
            }
        }
        return refused;
    }
}
