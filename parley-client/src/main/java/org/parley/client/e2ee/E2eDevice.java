package org.parley.client.e2ee;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.parley.client.EndToEndException;
import org.parley.client.ParleyClient;
import org.parley.client.SafetyNumberChangedException;
import org.parley.client.e2ee.room.EncryptedRooms;
import org.parley.client.e2ee.room.PairwiseSessions;
import org.parley.client.e2ee.room.RoomDevice;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.safety.SafetyNumber;
import org.parley.e2ee.session.Session;
import org.parley.protocol.auth.Usernames;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.identity.Fingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end device of one {@link org.parley.client.ParleySession} (internal to the client
 * library; applications use the session's methods). Every operation runs in order on one worker
 * thread that owns the {@link LocalState}; it waits there for the server's answers, so a send,
 * a received batch and a device refresh never interleave.
 */
public final class E2eDevice implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(E2eDevice.class);
    static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

    private final E2eContext context;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("parley-e2ee").factory());
    private final Lifecycle lifecycle;
    private final Receiver receiver;
    private final Sender sender;
    private final EncryptedRooms rooms;
    private final UnverifiedSenders unverified;
    private final UnconfirmedSends unconfirmed;
    private final SendOutbox outbox;
    private final PlainRoomOutbox plainOutbox;
    private volatile long deviceId;

    private E2eDevice(E2eContext context, DeviceDirectory directory, Consumer<RoomEvent> roomEvents) throws IOException {
        this.context = context;
        // First, before any session is read: a send the device stopped in the middle of writing has its sessions stored.
        this.outbox = new SendOutbox(directory);
        SendOutbox.Loaded kept = outbox.load();
        this.unverified = new UnverifiedSenders(context);
        this.lifecycle = new Lifecycle(context);
        this.unconfirmed = new UnconfirmedSends(context.settings().clock(), task -> run(() -> {
            task.run();
            return null;
        }));
        this.rooms = new EncryptedRooms(directory, new AsRoomDevice(), context.settings().clock(), context.random(),
                roomEvents);
        this.receiver = new Receiver(context, lifecycle, rooms, unverified);
        this.sender = new Sender(context, unconfirmed, outbox);
        this.deviceId = context.state().deviceId();
        java.util.Set<String> roomsSentTo = new java.util.LinkedHashSet<>();
        this.plainOutbox = new PlainRoomOutbox(outbox, PlainRoomOutbox.plain(kept.entries()), context::emit);
        for (SendOutbox.Entry entry : kept.entries()) {
            switch (entry.send()) {
                case PendingSend pending -> unconfirmed.restore(sender.restore(entry.file(), pending));
                case PendingRoomSend pending -> {
                    roomsSentTo.add(pending.room());
                    unconfirmed.restore(rooms.restore(entry.file(), pending, roomSettling(pending)));
                }
                // Sent again by the session's outbox after the first login (plainOutbox).
                case PendingPlainSend pending -> { }
            }
        }
        // The room state stored may be from before the kept send's encryption: its chain is never used again.
        if (context.state().deviceId() != 0) {
            rooms.abandonChains(roomsSentTo, new DeviceRef(context.user(), context.state().deviceId()));
        }
        for (SendOutbox.Unreadable file : kept.unreadable()) {
            LOG.warn("an outbox file did not decode and was set aside: {} ({})", file.file(), file.problem().reason());
            context.emit(new E2eEvent.OutboxEntryUnreadable(file.file(), file.problem().reason()));
        }
    }

    /**
     * Opens (or creates) the device of {@code user} on the server reached at {@code server} whose
     * pinned key has the fingerprint {@code serverKey} (the directory follows the key, not the
     * address); fails when its directory is accessible to others or unreadable.
     *
     * @param events receives every {@link E2eEvent}, on the worker thread (the session re-posts them)
     */
    public static E2eDevice open(E2eSettings settings, String server, Fingerprint serverKey, String user,
            Consumer<E2eEvent> events) throws IOException {
        return open(settings, server, serverKey, user, events, event -> { });
    }

    /**
     * As {@link #open(E2eSettings, String, Fingerprint, String, Consumer)}, with the encrypted rooms' events.
     *
     * @param roomEvents receives every {@link RoomEvent}, on the worker thread (the session re-posts them)
     */
    public static E2eDevice open(E2eSettings settings, String server, Fingerprint serverKey, String user,
            Consumer<E2eEvent> events, Consumer<RoomEvent> roomEvents) throws IOException {
        SecureRandom random = new SecureRandom();
        DeviceDirectory directory = DeviceDirectory.open(
                DeviceDirectory.location(settings.baseDirectory(), server, serverKey, user));
        LocalState state = LocalState.load(directory, settings.suite(), random);
        return new E2eDevice(new E2eContext(settings, user, state, random, events), directory, roomEvents);
    }

    /** This device's server-assigned id, 0 before it was added. */
    public long deviceId() {
        return deviceId;
    }

    /** Where the session keeps its plaintext-room sends until answered (docs/E2EE.md 20.3). */
    public PlainRoomOutbox plainOutbox() {
        return plainOutbox;
    }

    /** The device's encrypted rooms (docs/E2EE.md §20.7). */
    public EncryptedRooms rooms() {
        return rooms;
    }

    /**
     * After each login: bind (or add) the device, upload prekeys as due, send again the sends whose
     * answer was lost ({@link UnconfirmedSends}); queued envelopes follow as pushes.
     */
    public CompletableFuture<Void> attach(ParleyClient client) {
        return run(() -> {
            lifecycle.attach(client);
            deviceId = context.state().deviceId();
            unconfirmed.attached(client);
            unconfirmed.resend(client);
            syncRooms(client);
            return null;
        });
    }

    /** The future of a room send restored from the outbox: its outcome is reported, nobody else waits for it. */
    private CompletableFuture<org.parley.client.e2ee.room.E2eRoomMessage> roomSettling(PendingRoomSend pending) {
        CompletableFuture<org.parley.client.e2ee.room.E2eRoomMessage> settled = new CompletableFuture<>();
        settled.whenComplete((message, failure) -> {
            if (failure == null) {
                context.emit(new E2eEvent.RoomSendSettled(message, SendOutcome.SENT, ""));
            } else if (!unconfirmed.closing()) {
                context.emit(new E2eEvent.RoomSendSettled(pending.message(), SendSettling.outcome(failure),
                        SendSettling.detail(failure)));
            }
        });
        return settled;
    }

    /** Handles a pushed envelope batch or device change; true if it was one. */
    public boolean pushed(ParleyClient client, ChatEvent.Push push) {
        if (push instanceof ChatEvent.EnvelopeBatch batch) {
            run(() -> {
                receiver.receive(client, batch.envelopes(), batch.more());
                return null;
            });
            return true;
        }
        if (push instanceof ChatEvent.DeviceChanged changed) {
            run(() -> {
                new Directory(context).refresh(client, changed.user());
                if (changed.user().equals(context.user())) {
                    syncRooms(client);
                }
                return null;
            });
            return true;
        }
        return rooms.pushed(client, push);
    }

    /**
     * Brings the encrypted rooms up to date (missed log entries, the account's new devices the user
     * accepted here, waiting envelopes); the account's devices not accepted yet are shown as pending.
     */
    private void syncRooms(ParleyClient client) {
        try {
            if (!rooms.holdsAny()) {
                return;
            }
            Map<Long, DeviceIdentity> listed = new Directory(context).refresh(client, context.user());
            Contact own = context.state().contact(context.user());
            Map<Long, Bytes> accepted = new java.util.TreeMap<>();
            java.util.Set<Long> pending = new java.util.TreeSet<>();
            listed.forEach((id, identity) -> {
                if (own.accepted.contains(id)) {
                    accepted.put(id, identity.encoded());
                } else {
                    pending.add(id);
                }
            });
            rooms.attached(client, accepted, pending);
        } catch (Exception e) {
            // Not fatal to the login: the rooms catch up before their next send and on the next push.
            LOG.info("encrypted rooms not brought up to date: {}", e.getMessage());
        }
    }

    /**
     * Sends a private message (after sending again the unconfirmed sends, in order); the future
     * completes once the server confirmed it. When the answer is lost it stays pending until the
     * send, sent again after the next login or before the next send, is answered, or
     * fails with {@link org.parley.client.SendNotConfirmedException} (docs/E2EE.md, "Unconfirmed sends").
     */
    public CompletableFuture<E2eMessage> send(ParleyClient client, String peer, String text) {
        CompletableFuture<E2eMessage> result = new CompletableFuture<>();
        run(() -> {
            // Unconfirmed sends first, in order: one whose request timed out on a connection that
            // stays up would otherwise wait for the next login.
            unconfirmed.resend(client);
            sender.send(client, peer, text, result);
            return null;
        }).exceptionally(failure -> {
            result.completeExceptionally(failure);
            return null;
        });
        return result;
    }

    /**
     * The safety number of this account and {@code peer} over the devices the server lists now:
     * both lists in one {@code ListDevicesMany}, each compared as a single listing is ({@link Directory#listWithOwn}).
     */
    public CompletableFuture<SafetyNumber> safetyNumber(ParleyClient client, String peer) {
        return run(() -> {
            Directory.Both lists = new Directory(context).listWithOwn(client, peer);
            return safetyNumber(lists.ours().usable(), peer, lists.theirs().usable());
        });
    }

    /**
     * Marks {@code user} verified, vouching for the devices that give the safety number the user
     * compared: both device lists are fetched again (in one {@code ListDevicesMany}, as
     * {@link #safetyNumber(ParleyClient, String)} does) and, if they no longer give {@code compared}
     * (a device was added, replaced or removed since the number was shown), nothing is vouched for
     * and this fails with {@link SafetyNumberChangedException} carrying the number they give now.
     */
    public CompletableFuture<Void> markVerified(ParleyClient client, String user, SafetyNumber compared) {
        return run(() -> {
            Directory.Both lists = new Directory(context).listWithOwn(client, user);
            Map<Long, DeviceIdentity> theirs = lists.theirs().usable();
            SafetyNumber now = safetyNumber(lists.ours().usable(), user, theirs);
            if (!now.digits().equals(compared.digits()) || !now.matchesScanned(compared.qrPayload())) {
                throw new SafetyNumberChangedException(user, now);
            }
            Contact contact = context.state().contact(user);
            contact.verified = true;
            contact.pendingChanges = false;
            contact.vouchFor(theirs.keySet());
            context.state().saveContact(user);
            return null;
        });
    }

    /**
     * The safety number of this account (this device and {@code ours}) and {@code peer} with
     * {@code theirs}; none if {@code peer} has no usable device (there is nothing to compare).
     */
    private SafetyNumber safetyNumber(Map<Long, DeviceIdentity> ours, String peer, Map<Long, DeviceIdentity> theirs)
            throws EndToEndException {
        if (theirs.isEmpty()) {
            throw new EndToEndException(Usernames.canonical(peer).equals(Usernames.canonical(context.user()))
                    ? "this account has no other device to compare a safety number with"
                    : peer + " has no end-to-end device to compare a safety number with yet");
        }
        List<Bytes> ourKeys = new ArrayList<>();
        ourKeys.add(context.state().keys().identity().signingKey());
        ours.values().forEach(identity -> ourKeys.add(identity.signingKey()));
        List<Bytes> theirKeys = theirs.values().stream().map(DeviceIdentity::signingKey).toList();
        return SafetyNumber.of(context.user(), ourKeys, peer, theirKeys);
    }

    /**
     * The user accepted the device changes of {@code user}. For this account's own name it
     * accepts every other device of the account listed now: from then on they are signed into
     * this device's encrypted rooms (done here, right away).
     */
    public CompletableFuture<Void> acceptChanges(ParleyClient client, String user) {
        return run(() -> {
            Contact contact = context.state().contact(user);
            contact.pendingChanges = false;
            if (contact.verified) {
                contact.vouchForRecorded();
            }
            boolean own = user.equals(context.user());
            if (own) {
                contact.accepted.addAll(contact.devices.keySet());
            }
            context.state().saveContact(user);
            if (own) {
                syncRooms(client);
            }
            return null;
        });
    }

    /** This account's other devices the server lists now that the user has not accepted on this device. */
    public CompletableFuture<java.util.Set<Long>> pendingOwnDevices(ParleyClient client) {
        return run(() -> {
            new Directory(context).refresh(client, context.user());
            Contact own = context.state().contact(context.user());
            java.util.Set<Long> pending = new java.util.TreeSet<>(own.devices.keySet());
            pending.removeAll(own.accepted);
            return pending;
        });
    }

    public CompletableFuture<List<DeviceInfo>> ownDevices(ParleyClient client) {
        return run(() -> {
            ChatEvent.DeviceList list = await(client.listDevices(context.user()));
            BatchedReads.requireFor(context.user(), list.user());
            return list.devices();
        });
    }

    public CompletableFuture<Void> removeDevice(ParleyClient client, long id) {
        return run(() -> {
            rooms.removingDevice(client, id);
            await(client.removeDevice(id));
            return null;
        });
    }

    public CompletableFuture<List<ContactDevice>> contactDevices(String user) {
        return run(() -> {
            Contact contact = context.state().contact(user);
            List<ContactDevice> devices = new ArrayList<>();
            for (var entry : contact.devices.entrySet()) {
                List<Session> sessions = context.state().sessions(user, entry.getKey());
                String key = entry.getValue().identity().slice(0, 32).toHex();
                devices.add(new ContactDevice(user, entry.getKey(), entry.getValue().name(), key,
                        contact.vouches(entry.getKey(), entry.getValue().identity()),
                        sessions.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(sessions.getFirst().view())));
            }
            return devices;
        });
    }

    public CompletableFuture<List<E2eMessage>> history(String user) {
        return run(() -> context.state().history(user));
    }

    @Override
    public void close() {
        // Operations still queued never run: their callers are told, rather than left waiting forever.
        for (Runnable dropped : worker.shutdownNow()) {
            if (dropped instanceof Operation<?> operation) {
                operation.result().completeExceptionally(new EndToEndException("the session is closed"));
            }
        }
        unconfirmed.close();
        plainOutbox.close();
    }

    /** What the encrypted rooms use of this device. */
    private final class AsRoomDevice implements RoomDevice {
        @Override
        public DeviceKeys keys() {
            return context.state().keys();
        }

        @Override
        public DeviceRef self() throws EndToEndException {
            long id = context.state().deviceId();
            if (id == 0) {
                throw new EndToEndException("this device is not registered with the server yet");
            }
            return new DeviceRef(context.user(), id);
        }

        @Override
        public PairwiseSessions pairwise(ParleyClient client) {
            return new RoomPairwise(context, client);
        }

        @Override
        public boolean unverified(DeviceRef device, org.parley.crypto.Bytes identity) throws java.io.IOException {
            return unverified.unverified(device.user(), device.deviceId(), identity);
        }

        @Override
        public java.util.Set<Bytes> ownDeviceKeys(ParleyClient client) throws Exception {
            java.util.Set<Bytes> keys = new java.util.HashSet<>();
            keys.add(context.state().keys().identity().signingKey());
            new Directory(context).list(client, context.user()).usable().values()
                    .forEach(identity -> keys.add(identity.signingKey()));
            return keys;
        }

        @Override
        public String keep(PendingRoomSend send) throws IOException {
            return outbox.keep(send);
        }

        @Override
        public void settled(String file) throws IOException {
            outbox.delete(file);
        }

        @Override
        public void unconfirmed(UnconfirmedSends.Send send) {
            unconfirmed.add(send);
        }

        @Override
        public void resendUnconfirmed(ParleyClient client) {
            unconfirmed.resend(client);
        }

        @Override
        public <T> CompletableFuture<T> run(Callable<T> task) {
            return E2eDevice.this.run(task);
        }
    }

    private <T> CompletableFuture<T> run(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            worker.execute(new Operation<>(task, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new EndToEndException("the session is closed"));
        }
        return result;
    }

    /** One operation on the worker and the future of its result (failed by {@link #close} if it never runs). */
    private record Operation<T>(Callable<T> task, CompletableFuture<T> result) implements Runnable {
        @Override
        public void run() {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                LOG.debug("end-to-end operation failed: {}", e.getMessage());
                result.completeExceptionally(e);
            }
        }
    }

    /** Waits on the worker for a server answer; the request's own failure is thrown as it is. */
    static <T> T await(CompletableFuture<T> answer) throws Exception {
        try {
            return answer.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception exception ? exception : new EndToEndException("request failed", cause);
        } catch (TimeoutException e) {
            throw new EndToEndException("the server did not answer in time", e);
        }
    }
}
