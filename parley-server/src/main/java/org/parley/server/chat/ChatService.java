package org.parley.server.chat;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PresenceChange;
import org.parley.server.e2e.E2eService;
import org.parley.server.log.AuditLog;
import org.parley.server.log.ConsoleLog;
import org.parley.server.store.AccountStore;
import org.parley.server.store.MessageStore;
import org.parley.server.store.RoomStore;
import org.parley.server.store.StoreException;

/**
 * The chat layer's entry point: sessions start and end here, and every chat request is handled
 * here, in order, on one worker thread that owns all chat state and makes the store calls.
 *
 * <p>One thread matches SQLite's single writer and keeps presence and membership changes free
 * of races without locks. The queue is bounded; when it is full a request is answered with
 * {@link ErrorCode#SERVER_BUSY} instead of piling up. Deliveries go back to each connection's
 * own event loop through {@link SessionLink}: the worker never writes to a socket.
 *
 * <p><b>Security.</b> Every request passes the per-account rate limits ({@link RequestGate})
 * before it is handled, so one account cannot monopolise the worker's writes and broadcasts.
 */
public final class ChatService implements AutoCloseable {
    private static final int QUEUE_CAPACITY = 10_000;
    private final ThreadPoolExecutor worker;
    private final ChatContext context;
    private final Membership membership;
    private final Moderation moderation;
    private final Messaging messaging;
    private final AccountRequests accountRequests;
    private final RequestGate gate;
    private final E2eService e2e;

    public ChatService(AccountStore accounts, RoomStore rooms, MessageStore messages, ConsoleLog console, AuditLog audit,
                       Clock clock, int historyOnJoin, int maxEventBytes, RequestRate sendRate, RequestRate readRate,
                       E2eService e2e) {
        this.e2e = e2e;
        this.context = new ChatContext(accounts, rooms, messages, new OnlineUsers(), console, audit, clock, historyOnJoin,
                maxEventBytes);
        Rooms lookups = new Rooms(context);
        this.membership = new Membership(context, lookups);
        this.moderation = new Moderation(context, lookups);
        this.messaging = new Messaging(context, lookups);
        this.accountRequests = new AccountRequests(context);
        this.gate = new RequestGate(context, sendRate, readRate, RequestGate.DISCONNECT_AFTER);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                Thread.ofPlatform().name("parley-chat").daemon(true).factory());
    }

    /** A session has logged in: announce it, then deliver private messages that waited for it. */
    public void sessionStarted(ChatSession session) {
        submit(session, () -> {
            if (context.online().add(session)) {
                announce(session.user(), PresenceChange.ONLINE);
            }
            e2e.sessionStarted(session);
            messaging.deliverOffline(session);
        }, 0);
    }

    /** A session's connection closed. */
    public void sessionEnded(ChatSession session) {
        submit(session, () -> {
            if (context.online().remove(session)) {
                gate.wentOffline(session.canonical());
                announce(session.user(), PresenceChange.OFFLINE);
            }
            e2e.sessionEnded(session);
        }, 0);
    }

    /** Handles one request from {@code session}; the answer is delivered to it. */
    public void handle(ChatSession session, ChatRequest request) {
        submit(session, () -> {
            gate.admit(session, request);
            dispatch(session, request);
        }, request.requestId());
    }

    /** Runs {@code task} on the worker after every request queued so far (used by shutdown and tests). */
    public void execute(Runnable task) {
        worker.execute(task);
    }

    private void dispatch(ChatSession session, ChatRequest request) throws Refusal, StoreException {
        switch (request) {
            case ChatRequest.JoinRoom r -> membership.join(session, r);
            case ChatRequest.LeaveRoom r -> membership.leave(session, r);
            case ChatRequest.CreateRoom r -> membership.create(session, r);
            case ChatRequest.ListRooms r -> membership.listRooms(session, r);
            case ChatRequest.ListMembers r -> membership.listMembers(session, r);
            case ChatRequest.SetTopic r -> moderation.topic(session, r);
            case ChatRequest.Invite r -> moderation.invite(session, r);
            case ChatRequest.Kick r -> moderation.kick(session, r);
            case ChatRequest.Ban r -> moderation.ban(session, r);
            case ChatRequest.Unban r -> moderation.unban(session, r);
            case ChatRequest.SetRole r -> moderation.setRole(session, r);
            case ChatRequest.SendRoomMessage r -> messaging.sendRoom(session, r);
            case ChatRequest.SendPrivateMessage r -> messaging.sendPrivate(session, r);
            case ChatRequest.FetchHistory r -> messaging.history(session, r);
            case ChatRequest.ChangePassword r -> accountRequests.changePassword(session, r);
            case ChatRequest.AddLoginKey r -> accountRequests.addLoginKey(session, r);
            case ChatRequest.RemoveLoginKey r -> accountRequests.removeLoginKey(session, r);
            case ChatRequest.Ping r -> session.deliver(new ChatEvent.Accepted(r.requestId(), 0));
            case ChatRequest.AddDevice r -> e2e.addDevice(session, r);
            case ChatRequest.BindDevice r -> e2e.bindDevice(session, r);
            case ChatRequest.ListDevices r -> e2e.listDevices(session, r);
            case ChatRequest.RemoveDevice r -> e2e.removeDevice(session, r);
            case ChatRequest.UploadPrekeys r -> e2e.uploadPrekeys(session, r);
            case ChatRequest.CountPrekeys r -> e2e.countPrekeys(session, r);
            case ChatRequest.FetchBundles r -> e2e.fetchBundles(session, r);
            case ChatRequest.SendEnvelopes r -> e2e.sendEnvelopes(session, r);
            case ChatRequest.FetchEnvelopes r -> e2e.fetchEnvelopes(session, r);
            case ChatRequest.AckEnvelopes r -> e2e.ackEnvelopes(session, r);
        }
    }

    private void announce(String user, PresenceChange change) {
        ChatEvent event = new ChatEvent.Presence("", user, change, context.online().count());
        context.online().allSessions().forEach(s -> s.deliver(event));
    }

    private void submit(ChatSession session, Task task, long requestId) {
        try {
            worker.execute(() -> run(session, task, requestId));
        } catch (RejectedExecutionException e) {
            session.deliver(new ChatEvent.Rejected(requestId, ErrorCode.SERVER_BUSY, "the server is busy; try again"));
        }
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

    /** Stops taking work, finishes what is queued (bounded wait), then stops the worker. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Task {
        void run() throws Refusal, StoreException;
    }
}
