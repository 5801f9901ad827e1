package org.parley.client.e2ee.room;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.parley.client.EndToEndException;
import org.parley.client.ParleyClient;
import org.parley.client.RequestFailedException;
import org.parley.client.e2ee.DeviceDirectory;
import org.parley.crypto.Bytes;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.LogStatus;
import org.parley.e2ee.group.Membership;
import org.parley.e2ee.group.Role;
import org.parley.e2ee.group.RoomException;
import org.parley.e2ee.group.RoomSecurityView;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.RoomVisibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encrypted rooms of one end-to-end device (docs/E2EE.md §20.7); internal to the client
 * library, reached through {@link org.parley.client.ParleySession}. Every operation runs on the
 * device's worker thread, in order with its private-message work; the methods without a future
 * are called on that thread by the device itself.
 */
public final class EncryptedRooms {
    private static final Logger LOG = LoggerFactory.getLogger(EncryptedRooms.class);

    private final RoomDevice device;
    private final Clock clock;
    private final HeldRooms rooms;
    private final LogKeeper logs;
    private final RoomTraffic traffic;

    public EncryptedRooms(DeviceDirectory directory, RoomDevice device, Clock clock, SecureRandom random,
            Consumer<RoomEvent> events) throws IOException {
        this.device = device;
        this.clock = clock;
        this.rooms = new HeldRooms(new RoomStore(directory));
        RoomNotices notices = new RoomNotices(events);
        this.logs = new LogKeeper(rooms, device, clock, notices);
        this.traffic = new RoomTraffic(rooms, device, logs, clock, random, notices);
    }

    /**
     * A room send read from the outbox at the device's start: sent again after the first bind
     * like any unconfirmed one, {@code settled} completed with its outcome.
     */
    public org.parley.client.e2ee.UnconfirmedSends.Send restore(String file, org.parley.client.e2ee.PendingRoomSend send,
            CompletableFuture<E2eRoomMessage> settled) {
        return traffic.restore(file, send, settled);
    }

    /**
     * At the device's start, for the rooms with a send in the outbox: the room state stored may
     * be from before that send's encryption (the device stopped in between), so the sender chain
     * is abandoned and stored, and the next send starts a new one; no chain iteration is ever
     * used for two messages. A room that cannot be read or stored now is abandoned when it is
     * next read, before any use ({@link HeldRooms#abandonChains}).
     */
    public void abandonChains(Set<String> names, DeviceRef self) {
        rooms.abandonChains(names);
        for (String room : names) {
            try {
                rooms.find(room, self);
            } catch (IOException e) {
                LOG.warn("the sender chain of an encrypted room was not abandoned: {}", e.getClass().getSimpleName());
            }
        }
    }

    /** True if this device holds the room's log or the server said the room is encrypted. */
    public boolean isEncrypted(String room) {
        return rooms.isEncrypted(room);
    }

    /** True if this device holds at least one encrypted room. */
    public boolean holdsAny() throws IOException {
        return !rooms.names().isEmpty();
    }

    /** The server said {@code room} is encrypted (a JoinedRoom or RoomList answer). */
    public void markEncrypted(String room) {
        rooms.markEncrypted(room);
    }

    public CompletableFuture<ChatEvent.JoinedRoom> create(ParleyClient client, String room, RoomVisibility visibility) {
        return device.run(() -> logs.create(new ClientRoomServer(client), room, visibility));
    }

    /** Joins a plaintext room, or an encrypted one by a signed join entry when the server says it is encrypted. */
    public CompletableFuture<ChatEvent.JoinedRoom> join(ParleyClient client, String room) {
        return device.run(() -> {
            RoomServer server = new ClientRoomServer(client);
            ChatEvent.JoinedRoom joined;
            try {
                joined = server.join(room);
            } catch (RequestFailedException e) {
                if (e.code() != ErrorCode.ENCRYPTED_ROOM) {
                    throw e;
                }
                return logs.join(server, room, client);
            }
            if (joined.room().encrypted()) {
                rooms.markEncrypted(room);
                sync(server, room);
                if (rooms.find(room, device.self()).isEmpty()) {
                    logs.notAdmittedHere(server, room);
                }
            }
            return joined;
        });
    }

    /**
     * Leaves {@code room} by a signed {@code leave} entry; a room whose verified log no longer
     * admits this device (kicked, banned, removed) needs none and is left as it is, because the
     * entry could only be refused and the room could never be closed. The same holds when the
     * removal reaches this device only as the leave entry is refused (its log refreshed).
     */
    public CompletableFuture<Void> leave(ParleyClient client, String room) {
        return device.run(() -> {
            if (noLongerMember(room)) {
                return null;
            }
            try {
                logs.change(new ClientRoomServer(client), room, new LogBody.Leave());
            } catch (Exception e) {
                // The removal may have reached this device only with the refusal of its leave entry.
                if (!noLongerMember(room)) {
                    throw e;
                }
            }
            return null;
        });
    }

    private boolean noLongerMember(String room) throws IOException, EndToEndException {
        return rooms.find(room, device.self()).map(held -> !held.member()).orElse(false);
    }

    /**
     * Invites {@code user} by an invitation bound to the keys of the devices this device accepts for
     * them (docs/E2EE.md §19.4): only one of those devices can sign the join it authorises.
     */
    public CompletableFuture<Void> invite(ParleyClient client, String room, String user) {
        return device.run(() -> {
            List<Bytes> keys = device.pairwise(client).invitationKeys(user);
            logs.change(new ClientRoomServer(client), room, LogBody.Invite.boundTo(user, keys));
            return null;
        });
    }

    public CompletableFuture<Void> kick(ParleyClient client, String room, String user) {
        return change(client, room, new LogBody.Kick(user));
    }

    public CompletableFuture<Void> ban(ParleyClient client, String room, String user) {
        return change(client, room, new LogBody.Ban(user));
    }

    public CompletableFuture<Void> setRole(ParleyClient client, String room, String user,
            org.parley.protocol.chat.Role role) {
        Role logRole = switch (role) {
            case OWNER -> Role.OWNER;
            case OP -> Role.OPERATOR;
            case MEMBER, NONE -> Role.MEMBER;
        };
        return change(client, room, new LogBody.RoleChange(user, logRole));
    }

    /**
     * Sends a room message (after sending again the device's unconfirmed sends, in order); the
     * future completes once the server confirmed it, and stays pending
     * while the send is unconfirmed (its answer lost: docs/E2EE.md §20.3, §20.7).
     */
    public CompletableFuture<E2eRoomMessage> send(ParleyClient client, String room, String text) {
        CompletableFuture<E2eRoomMessage> result = new CompletableFuture<>();
        device.run(() -> {
            device.resendUnconfirmed(client);
            traffic.send(new ClientRoomServer(client), device.pairwise(client), room, text, result);
            return null;
        }).exceptionally(failure -> {
            result.completeExceptionally(failure);
            return null;
        });
        return result;
    }

    public CompletableFuture<List<E2eRoomMessage>> history(String room) {
        return device.run(() -> traffic.history(room));
    }

    public CompletableFuture<RoomSecurityView> view(String room) {
        return device.run(() -> {
            HeldRoom held = held(room);
            if (held.member()) {
                return held.session.view(clock.instant());
            }
            return new RoomSecurityView(Optional.empty(), 0, 0, false, 0,
                    new LogStatus.Verified(held.log.size(), held.log.head()));
        });
    }

    public CompletableFuture<Membership> membership(String room) {
        return device.run(() -> held(room).log.membership());
    }

    /** On the worker: a pushed event; true if it belonged to an encrypted room and was handled here. */
    public boolean pushed(ParleyClient client, ChatEvent.Push push) {
        if (push instanceof ChatEvent.RoomLogAppended appended) {
            rooms.markEncrypted(appended.room());
            device.run(() -> {
                logs.appended(new ClientRoomServer(client), appended.room(), appended.seq(), appended.entry());
                return null;
            });
            return true;
        }
        if (push instanceof ChatEvent.RoomMessage message && message.message().contentType() == ContentType.OPAQUE) {
            device.run(() -> {
                traffic.received(new ClientRoomServer(client), message.room(), message.message());
                return null;
            });
            return true;
        }
        return false;
    }

    /**
     * On the worker: an inner message of content type {@code sender_key} from {@code from}'s
     * device, decrypted on the pairwise session with {@code pairwiseIdentity}. Stored before this returns.
     * True if the keys were new and stored; false if the room already held them (a re-delivery) or
     * refused them (an older chain than one held, among others: shown as a problem).
     */
    public boolean distribution(ParleyClient client, DeviceRef from, Bytes pairwiseIdentity, InnerMessage inner)
            throws Exception {
        return traffic.distribution(new ClientRoomServer(client), from, pairwiseIdentity, inner);
    }

    /**
     * On the worker, after each login, an own device change or an acceptance: every held room reads
     * the log entries it missed, adds the account's other devices the user accepted here
     * ({@code acceptedOwn}: id to identity blob) that the log does not admit yet, shows the ones
     * still {@code pendingOwn} (not signed in), and retries its waiting envelopes. A room that
     * fails is logged and left for the next time.
     */
    public void attached(ParleyClient client, Map<Long, Bytes> acceptedOwn, Set<Long> pendingOwn) throws IOException {
        RoomServer server = new ClientRoomServer(client);
        for (String room : rooms.names()) {
            try {
                sync(server, room);
                if (held(room).member()) {
                    logs.addOwnDevices(server, room, acceptedOwn);
                    logs.showPendingOwnDevices(room, pendingOwn);
                }
            } catch (Exception e) {
                LOG.info("encrypted room not brought up to date: {}", e.getMessage());
            }
        }
    }

    /** On the worker, before this account removes its device {@code id}: a device_removed entry in each room admitting it. */
    public void removingDevice(ParleyClient client, long id) throws Exception {
        RoomServer server = new ClientRoomServer(client);
        DeviceRef self = device.self();
        DeviceRef removed = new DeviceRef(self.user(), id);
        for (String room : rooms.names()) {
            HeldRoom held = held(room);
            if (held.member() && held.log.membership().admits(removed) && !removed.equals(self)) {
                logs.change(server, room, new LogBody.DeviceRemoved(id));
            }
        }
    }

    private void sync(RoomServer server, String room) throws Exception {
        DeviceRef self = device.self();
        Optional<HeldRoom> held = rooms.find(room, self);
        if (held.isEmpty()) {
            try {
                logs.adoptFromServer(server, room, self);
            } catch (RoomException e) {
                LOG.debug("encrypted room not held by this device: {}", e.error());
            }
            return;
        }
        logs.refresh(server, held.get());
        traffic.retryPending(held.get());
        traffic.catchUp(server, held.get());
    }

    private CompletableFuture<Void> change(ParleyClient client, String room, LogBody body) {
        return device.run(() -> {
            logs.change(new ClientRoomServer(client), room, body);
            return null;
        });
    }

    private HeldRoom held(String room) throws IOException, EndToEndException {
        return rooms.find(room, device.self()).orElseThrow(() -> RoomTraffic.notEncrypted(room));
    }
}
