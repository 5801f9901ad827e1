package org.parley.server.chat;

import org.parley.server.auth.AuthService;
import org.parley.server.auth.LoginThrottle;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PresenceChange;
import org.parley.server.e2e.E2eService;
import org.parley.server.log.AuditLog;
import org.parley.server.rooms.BoundDevice;
import org.parley.server.rooms.RoomLogs;
import org.parley.server.log.ConsoleLog;
import org.parley.server.metrics.BacklogBound;
import org.parley.server.metrics.InFlightBound;
import org.parley.server.metrics.RateBucket;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.AccountStore;
import org.parley.server.store.MessageStore;
import org.parley.server.store.RoomLogStore;
import org.parley.server.store.RoomStore;
import org.parley.server.store.StoreException;

/**
 * The chat layer's entry point: sessions start and end here, and every chat request is handled
 * here.
 *
 * <p><b>Partitions.</b> Rooms, memberships, bans, invitations and account names are held in
 * memory ({@link RoomDirectory}, loaded once at start) and written through to the store, which
 * stays the durable copy. Work is split into lanes ({@link Lanes}, {@link LaneKey}): one per room
 * and one per account, run in parallel by a small pool, each lane in order. A room's requests
 * and messages therefore keep their order, and one busy room or account delays only itself.
 * Deliveries go back to each connection's own event loop through {@link SessionLink}: no lane
 * writes to a socket.
 *
 * <p><b>Security.</b> Every request passes the per-account rate limits ({@link RequestGate}) when
 * it arrives, before it is queued; listings and batched directory reads are charged for their size. Every answer costs work in
 * proportion to its own size (no request scans all rooms or accounts). Requests still queued
 * when their session ends are dropped, not run. Each lane and the whole queue are bounded; a
 * request beyond a bound is answered {@link ErrorCode#SERVER_BUSY}.
 */
public final class ChatService implements AutoCloseable {
    /**
     * Requests queued on one lane (one room, one account) before it answers server_busy: as many as
     * a room may have messages in flight, so a room's lane never fills with its own messages before
     * the room's backlog, whose refusals are counted by bound, refuses them (at 2,000 under a count
     * of 4,000 it refused them, then without a metric; issue 13, branch fanout7). A full lane is now
     * counted as {@code parley_rate_limited_total{bucket="lane"}}, all lanes full as {@code chat_queue}.
     */
    static final int LANE_CAPACITY = RoomBacklog.MAX_IN_FLIGHT;
    /** Requests queued in all lanes together. */
    static final int QUEUE_CAPACITY = 20_000;
    /** The detail of a request refused because its connection has too many in flight (docs/PROTOCOL.md 14.7). */
    static final String IN_FLIGHT_DETAIL = "too many requests in flight on this connection; wait for their answers";
    /** The detail of a room message refused because the room is past its backlog bound. */
    static final String ROOM_BUSY_DETAIL = "the room is busy; try again";
    /** Room messages in flight per room, bounded in count and age (admission under overload). */
    private final RoomBacklog backlog = new RoomBacklog();
    private final Lanes lanes;
    private final ChatContext context;
    private final Membership membership;
    private final Moderation moderation;
    private final Messaging messaging;
    private final SendOnce once;
    private final AccountRequests accountRequests;
    private final RequestGate gate;
    private final E2eService e2e;
    private final EncryptedRooms encrypted;
    private final AccountRooms accountRooms;
    /** Ids of sessions that started and have not ended: a queued request of any other session is dropped. */
    private final Set<Long> live = ConcurrentHashMap.newKeySet();

    /** Like the full constructor, without metrics. */
    public ChatService(AccountStore accounts, RoomStore rooms, MessageStore messages, ConsoleLog console, AuditLog audit,
                       Clock clock, int historyOnJoin, int maxEventBytes, RequestRate sendRate, RequestRate readRate,
                       CreationLimits creation, E2eService e2e, RoomLogStore roomLogs, LoginThrottle passwordAttempts)
            throws StoreException {
        this(accounts, rooms, messages, console, audit, clock, historyOnJoin, maxEventBytes, sendRate, readRate, creation,
                e2e, roomLogs, passwordAttempts, ServerMetrics.off());
    }

    /** Loads rooms, memberships, bans, invitations and account names from the store (one query each). */
    public ChatService(AccountStore accounts, RoomStore rooms, MessageStore messages, ConsoleLog console, AuditLog audit,
                       Clock clock, int historyOnJoin, int maxEventBytes, RequestRate sendRate, RequestRate readRate,
                       CreationLimits creation, E2eService e2e, RoomLogStore roomLogs, LoginThrottle passwordAttempts,
                       ServerMetrics metrics) throws StoreException {
        this(accounts, rooms, messages, console, audit, clock, historyOnJoin, maxEventBytes, sendRate, readRate, creation,
                e2e, roomLogs, passwordAttempts, metrics, DeliveryBatch.direct());
    }

    /**
     * Loads rooms, memberships, bans, invitations and account names from the store (one query each);
     * {@code fanOuts} runs each committed group's fan-out to a room's members (the server's holds
     * back the event-loop hand-offs to the fan-out's end: one task per event loop).
     */
    public ChatService(AccountStore accounts, RoomStore rooms, MessageStore messages, ConsoleLog console, AuditLog audit,
                       Clock clock, int historyOnJoin, int maxEventBytes, RequestRate sendRate, RequestRate readRate,
                       CreationLimits creation, E2eService e2e, RoomLogStore roomLogs, LoginThrottle passwordAttempts,
                       ServerMetrics metrics, DeliveryBatch fanOuts) throws StoreException {
        this.e2e = e2e;
        RoomDirectory directory = RoomDirectory.load(accounts, rooms, creation, clock.millis());
        this.context = new ChatContext(accounts, rooms, messages, directory, new OnlineUsers(), console, audit, clock,
                historyOnJoin, maxEventBytes, metrics);
        this.gate = new RequestGate(context, sendRate, readRate, RequestGate.DISCONNECT_AFTER);
        Rooms lookups = new Rooms(context);
        this.membership = new Membership(context, lookups, gate);
        this.moderation = new Moderation(context, lookups);
        this.accountRequests = new AccountRequests(context, passwordAttempts);
        var stored = roomLogs.allLogs();
        RoomLogs logs = RoomLogs.verify(stored);
        for (String room : stored.keySet()) {
            directory.room(room).ifPresent(RoomState::markEncrypted);
        }
        this.encrypted = new EncryptedRooms(context, lookups, membership, logs, roomLogs);
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.lanes = new Lanes(threads, QUEUE_CAPACITY, LANE_CAPACITY,
                e -> console.warn("a chat task failed", e), metrics::laneDepth, metrics::rateLimited);
        metrics.watchChatQueue(lanes::queued, lanes::active);
        this.accountRooms = new AccountRooms(context, lanes);
        this.once = new SendOnce(clock, metrics);
        // The sends stored before a restart: their repeats are answered, not stored again (PROTOCOL.md 14.5).
        once.seed(messages.recentSends(clock.millis() - SendOnce.HELD.toMillis(), SendOnce.PER_ACCOUNT,
                SendOnce.TOTAL));
        this.messaging = new Messaging(context, lookups, once, fanOuts, (lane, task) -> {
            if (!lanes.submitAlways(lane, task)) {
                task.run(); // closing: the lanes take no more work, so answer here
            }
        }, (lane, task) -> {
            if (!lanes.runHereOrSubmitAlways(lane, task)) {
                task.run(); // closing, as above
            }
        });
    }

    /**
     * A session has logged in: it is online at once, and so are its rooms told; then (on its
     * account's lane) it is announced and the private messages that waited for it are delivered. A
     * session that ended before the lane task ran is still announced (its end follows on the same
     * lane, so others see it come and go, in order), but nothing is delivered to it.
     *
     * <p>The session joins {@link OnlineUsers} here, on the caller's thread (the event loop that has
     * just queued the login's acknowledgement), not on the account's lane: the session's own requests
     * and other accounts' logins run on other lanes, which may run before the account's lane task. A
     * session added only there could have its join answered while not yet online (the room then
     * kept it offline and it missed the room's messages until the lane task caught up), or miss the
     * presence of an account that logged in after its own login was acknowledged. For the same
     * reason a first session's rooms are told here, each on its room's lane, ahead of any request the
     * session sends next: a room message fanned out before the account's lane task must reach it.
     * Its removal stays on the lane; the rooms are told of a first session and of a last one inside
     * {@link OnlineUsers}' update of the account, so the two always reach a room in order. An
     * account registered since the start has its stored memberships learnt from here too, on the
     * Lobby's lane ({@link AccountRooms#adoptStored}), so its first message to the Lobby finds it a member.
     */
    public void sessionStarted(ChatSession session) {
        live.add(session.id());
        e2e.sessionStarted(session); // a concurrent map, no end-to-end lane task (issue 13)
        boolean first = context.online().add(session, () -> accountRooms.seeOnline(session.canonical(), true));
        boolean registered = context.directory().learnAccount(session.canonical(), session.user());
        if (registered) {
            // Queued on the Lobby's lane now, ahead of any request the session sends next (ChatRegistrationStartTest).
            lanes.submitAlways(LaneKey.room(AuthService.LOBBY), () -> run(session, () -> accountRooms.adoptStored(session.canonical()), 0));
        }
        lifecycle(session, () -> {
            if (first) {
                announce(session.user(), PresenceChange.ONLINE);
            }
            if (live.contains(session.id())) {
                messaging.deliverOffline(session);
            }
        });
    }

    /**
     * A session's connection closed: its queued requests are dropped from now on. Only a session
     * that was bound to a device costs an end-to-end lane task (the device's last-seen time).
     */
    public void sessionEnded(ChatSession session) {
        live.remove(session.id());
        e2e.sessionEnded(session).ifPresent(device ->
                lanes.submitAlways(LaneKey.E2E, () -> run(session, () -> e2e.deviceLastSeen(session, device), 0)));
        lifecycle(session, () -> {
            if (context.online().remove(session, () -> accountRooms.seeOnline(session.canonical(), false))) {
                gate.wentOffline(session.canonical());
                announce(session.user(), PresenceChange.OFFLINE);
            }
        });
    }

    /**
     * As {@link #handle(ChatSession, ChatRequest, int)}, for a request that did not come from the
     * network (an in-process caller, tests): its size in flight is that of its own encoding.
     */
    public void handle(ChatSession session, ChatRequest request) {
        handle(session, request, ChatCodec.encode(request).length());
    }

    /**
     * Handles one request from {@code session}, which arrived as {@code wireBytes} bytes (its decoded
     * application message): the answer is delivered to it, and the request counts that many bytes in
     * flight for its connection ({@link SessionLink#requestStarted}) until it is answered.
     */
    public void handle(ChatSession session, ChatRequest request, int wireBytes) {
        long arrived = System.nanoTime();
        if (RequestKind.of(request).isPresent()) {
            Optional<InFlightBound> saturated = session.link().saturated();
            if (saturated.isPresent()) {
                context.metrics().rateLimited(RateBucket.IN_FLIGHT);
                context.metrics().inFlightRefused(saturated.get());
                session.deliver(new ChatEvent.Rejected(request.requestId(), ErrorCode.RATE_LIMITED, IN_FLIGHT_DETAIL));
                return;
            }
        }
        try {
            gate.admit(session, request);
        } catch (Refusal refusal) {
            if (refusal.code() == ErrorCode.RATE_LIMITED) {
                context.metrics().rateLimited(RequestKind.of(request).orElseThrow() == RequestKind.SEND
                        ? RateBucket.CHAT_SEND : RateBucket.CHAT_READ);
            }
            session.deliver(new ChatEvent.Rejected(request.requestId(), refusal.code(), refusal.getMessage()));
            return;
        }
        String lane = LaneKey.of(session, request);
        RequestTicket ticket;
        if (request instanceof ChatRequest.SendRoomMessage message) {
            int bytes = message.body().length();
            Optional<BacklogBound> refused = backlog.admit(lane, bytes);
            if (refused.isPresent()) {
                context.metrics().rateLimited(RateBucket.ROOM_BACKLOG);
                context.metrics().roomBacklogRefused(refused.get());
                session.deliver(new ChatEvent.Rejected(request.requestId(), ErrorCode.SERVER_BUSY, ROOM_BUSY_DETAIL));
                return;
            }
            ticket = new RequestTicket(session.link(), wireBytes, () -> backlog.finished(lane, bytes));
        } else {
            ticket = new RequestTicket(session.link(), wireBytes);
        }
        Runnable task = () -> {
            try {
                if (live.contains(session.id())) {
                    run(session, () -> dispatch(session, request, ticket), request.requestId());
                    context.metrics().request(request.getClass().getSimpleName(), System.nanoTime() - arrived);
                }
            } finally {
                ticket.release();
            }
        };
        // A room message touches only memory before the group commit takes it (checks, then a
        // queue), so on an idle lane this event loop runs it itself instead of waking a chat
        // thread; every other request may touch the store and always goes to the pool.
        boolean queued = request instanceof ChatRequest.SendRoomMessage
                ? lanes.runHereOrSubmit(lane, task)
                : lanes.submit(lane, task);
        if (!queued) {
            ticket.release();
            session.deliver(new ChatEvent.Rejected(request.requestId(), ErrorCode.SERVER_BUSY, "the server is busy; try again"));
        }
    }

    private void dispatch(ChatSession session, ChatRequest request, RequestTicket ticket) throws Refusal, StoreException {
        switch (request) {
            case ChatRequest.JoinRoom r -> membership.join(session, r);
            case ChatRequest.LeaveRoom r -> membership.leave(session, r);
            case ChatRequest.CreateRoom r -> membership.create(session, r);
            case ChatRequest.ListRooms r -> membership.listRooms(session, r);
            case ChatRequest.ListMembers r -> membership.listMembers(session, r);
            case ChatRequest.SetTopic r -> moderation.topic(session, r);
            case ChatRequest.Invite r -> moderation.invite(session, r);
            case ChatRequest.Uninvite r -> moderation.uninvite(session, r);
            case ChatRequest.Kick r -> moderation.kick(session, r);
            case ChatRequest.Ban r -> moderation.ban(session, r);
            case ChatRequest.Unban r -> moderation.unban(session, r);
            case ChatRequest.SetRole r -> moderation.setRole(session, r);
            case ChatRequest.SendRoomMessage r -> messaging.sendRoom(session, r, ticket);
            case ChatRequest.SendPrivateMessage r -> messaging.sendPrivate(session, r);
            case ChatRequest.FetchHistory r -> messaging.history(session, r);
            case ChatRequest.ChangePassword r -> accountRequests.changePassword(session, r);
            case ChatRequest.GetPasswordParams r -> accountRequests.passwordParams(session, r);
            case ChatRequest.AddLoginKey r -> accountRequests.addLoginKey(session, r);
            case ChatRequest.RemoveLoginKey r -> accountRequests.removeLoginKey(session, r);
            case ChatRequest.ListLoginKeys r -> accountRequests.listLoginKeys(session, r);
            case ChatRequest.Ping r -> session.deliver(new ChatEvent.Accepted(r.requestId(), 0));
            case ChatRequest.SetDeliveryOptions r -> {
                // Before the answer: the client accepts batch records before it asks for them.
                session.link().acceptBatchRecords(r.acceptsBatchRecords());
                session.deliver(new ChatEvent.Accepted(r.requestId(), 0));
            }
            case ChatRequest.AddDevice r -> e2e.addDevice(session, r);
            case ChatRequest.BindDevice r -> e2e.bindDevice(session, r);
            case ChatRequest.ListDevices r -> e2e.listDevices(session, r);
            case ChatRequest.RemoveDevice r -> e2e.removeDevice(session, r);
            case ChatRequest.UploadPrekeys r -> e2e.uploadPrekeys(session, r);
            case ChatRequest.CountPrekeys r -> e2e.countPrekeys(session, r);
            case ChatRequest.FetchBundles r -> e2e.fetchBundles(session, r);
            case ChatRequest.ListDevicesMany r -> gate.chargeBatch(session, e2e.listDevicesMany(session, r));
            case ChatRequest.FetchBundlesMany r -> gate.chargeBatch(session, e2e.fetchBundlesMany(session, r));
            case ChatRequest.SendEnvelopes r -> sendEnvelopes(session, r, ticket);
            case ChatRequest.FetchEnvelopes r -> e2e.fetchEnvelopes(session, r);
            case ChatRequest.AckEnvelopes r -> e2e.ackEnvelopes(session, r);
            case ChatRequest.CreateEncryptedRoom r -> withDevice(session, r.requestId(), r.room(),
                    device -> encrypted.create(session, r, device));
            case ChatRequest.AppendRoomLog r -> withDevice(session, r.requestId(), r.room(),
                    device -> encrypted.append(session, r, device));
            case ChatRequest.FetchRoomLog r -> encrypted.fetch(session, r);
            case ChatRequest.SendRoomKeys r -> {
                Map<String, String> members = encrypted.keyRecipients(session, r);
                hop(LaneKey.E2E, session, r.requestId(), () -> e2e.sendRoomKeys(session, r, members));
            }
        }
    }

    /**
     * Envelopes; sent once (with a send id), a repeat of a stored send is answered with the first's
     * id and queues nothing, a repeat of one in progress waits for it (docs/PROTOCOL.md 14.5).
     */
    private void sendEnvelopes(ChatSession session, ChatRequest.SendEnvelopes request, RequestTicket ticket)
            throws StoreException {
        if (request.sendId().isEmpty()) {
            e2e.sendEnvelopes(session, request);
            return;
        }
        Optional<SendOnce.First> first = once.claimOrAnswer(session, request, request.sendId().get(), ticket);
        if (first.isEmpty()) {
            return;
        }
        ChatEvent answer = null;
        try {
            answer = e2e.sendEnvelopes(session, request, Optional.of(first.get().mark()));
        } finally {
            if (answer instanceof ChatEvent.Accepted accepted) {
                once.stored(first.get(), accepted.messageId());
            } else {
                ChatEvent refused = answer;
                once.notStored(first.get(), requestId -> SendOnce.readdressed(refused, requestId));
            }
        }
    }

    /**
     * On the end-to-end lane (the owner of device bindings): the session's bound device, then the
     * rest of the request on the room's lane with that device. Keeps each room's appends in order:
     * both lanes run their tasks in the order they were submitted.
     */
    private void withDevice(ChatSession session, long requestId, String room, DeviceTask task)
            throws Refusal, StoreException {
        BoundDevice device = e2e.boundDevice(session).orElseThrow(() -> new Refusal(ErrorCode.DEVICE_REQUIRED,
                "add this device to your account or bind it (AddDevice, BindDevice) first"));
        hop(LaneKey.room(Rooms.canonicalRoom(room)), session, requestId, () -> task.run(device));
    }

    /** Continues a request on another lane; answered server_busy if that lane is full. */
    private void hop(String lane, ChatSession session, long requestId, Task task) {
        boolean queued = lanes.submit(lane, () -> {
            if (live.contains(session.id())) {
                run(session, task, requestId);
            }
        });
        if (!queued) {
            session.deliver(new ChatEvent.Rejected(requestId, ErrorCode.SERVER_BUSY, "the server is busy; try again"));
        }
    }

    /** Login and logout run on the account's lane and are never refused for a full queue (they are bounded by connections). */
    private void lifecycle(ChatSession session, Task task) {
        lanes.submitAlways(LaneKey.account(session.canonical()), () -> run(session, task, 0));
    }

    private void announce(String user, PresenceChange change) {
        ChatEvent event = new ChatEvent.Presence("", user, change, context.online().count());
        context.online().allSessions().forEach(s -> s.deliver(event));
    }

    private void run(ChatSession session, Task task, long requestId) {
        try {
            task.run();
        } catch (Refusal refusal) {
            session.deliver(new ChatEvent.Rejected(requestId, refusal.code(), refusal.getMessage()));
        } catch (StoreException | RuntimeException e) {
            context.console().warn("request " + requestId + " of session " + session.id() + " failed", e);
            context.audit().record("internal_error", Map.of("user", session.user(), "error", e.getClass().getSimpleName()));
            session.deliver(new ChatEvent.Rejected(requestId, ErrorCode.INTERNAL, "internal server error"));
        }
    }

    /** Stops taking work, finishes what is queued (bounded wait), then stops the lanes' threads. */
    @Override
    public void close() {
        lanes.close();
    }

    @FunctionalInterface
    private interface Task {
        void run() throws Refusal, StoreException;
    }

    @FunctionalInterface
    private interface DeviceTask {
        void run(BoundDevice device) throws Refusal, StoreException;
    }
}
