package org.parley.server.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.metrics.MessageKind;
import org.parley.server.metrics.RateBucket;
import org.parley.server.store.MessageStore;
import org.parley.server.store.StoreException;

/**
 * Room and private messages, history paging and offline delivery.
 *
 * <p><b>Security.</b> The stored sender is always {@link ChatSession#user()}, the authenticated
 * account; requests have no sender field. A private message is delivered to the sessions of its
 * two parties and nobody else. A message is acknowledged only after the store committed it.
 *
 * <p>Room messages run on the room's lane, private messages on the recipient's account lane (so
 * that live and offline delivery to one user keep their order), private history on the
 * requester's.
 *
 * <p>Users are named by display name in the message store (names never change once registered,
 * so display and canonical identify the same account); rooms by canonical name.
 */
final class Messaging {
    /** The largest room envelope (docs/E2EE.md Section 19.6). */
    static final int MAX_ROOM_ENVELOPE_BYTES = org.parley.e2ee.group.RoomEnvelope.MAX_LENGTH;
    private static final int OFFLINE_BATCH = 1000;
    /** Upper bound of a stored message's encoding besides body and sender (id, time, type, lengths). */
    private static final int PER_MESSAGE_OVERHEAD = 32;
    /**
     * Bytes of message bodies fanned out as one unit at most (one message may be larger): a unit is
     * counted against a connection's outbound limit as a whole, so a run of large messages must not
     * make a connection look like a slow reader. 100-byte messages are not split (a turn of
     * {@link CommitReturns} takes at most 128).
     */
    static final int UNIT_BYTES = 16 * 1024;
    private final ChatContext context;
    private final Rooms rooms;
    private final SendOnce once;
    /**
     * Rooms with at most this many members online are fanned out on the store's writer thread when
     * their lane is idle ({@link CommitReturns}): queueing a message to a handful of connections
     * costs less than waking a chat thread for it (issue 13, durable messages).
     */
    static final int FAN_OUT_HERE_AT_MOST = 8;
    private final LaneRunner onRoomLane;
    private final LaneRunner onRoomLaneOrHere;
    private final DeliveryBatch fanOuts;

    /**
     * @param fanOuts runs each committed group's fan-out (the server's holds back the event-loop
     *                hand-offs to its end)
     * @param onRoomLane runs a task on a room's lane, after what is queued there
     * @param onRoomLaneOrHere the same, but runs it on the calling thread when the lane is idle
     */
    Messaging(ChatContext context, Rooms rooms, SendOnce once, DeliveryBatch fanOuts, LaneRunner onRoomLane,
              LaneRunner onRoomLaneOrHere) {
        this.context = context;
        this.once = once;
        this.rooms = rooms;
        this.fanOuts = fanOuts;
        this.onRoomLane = onRoomLane;
        this.onRoomLaneOrHere = onRoomLaneOrHere;
    }

    /** Runs a task on a lane, after what is queued there (never refused: it finishes accepted work). */
    @FunctionalInterface
    interface LaneRunner {
        void run(String lane, Runnable task);
    }

    /**
     * Checks the message on the room's lane and queues it for the group commit, then returns: the
     * lane goes on with the room's next request while the commit runs. As soon as the message is
     * committed (before the fsync), the room's {@link CommitReturns} brings it back to the room's
     * lane (with the other messages of its commit), which fans it out to every online member but
     * its sender's session (in a room of at most {@value #FAN_OUT_HERE_AT_MOST} online members
     * whose lane is idle, the store's writer does this itself, holding the lane); once it is
     * durable, the sender gets {@code Accepted} and then its own
     * copy (its acknowledgement, {@link SenderEchoes}), queued as one unit so that both leave in
     * one write. Commits complete in the order the lane queued them, so the room's messages keep
     * their order for every session. A failed commit
     * rejects the message ({@code server_busy} when the write queue is full, {@code internal}
     * otherwise) and nobody sees it: nothing the sender saw accepted is lost. A commit whose log
     * sync failed is refused {@code internal} too, though others may have seen it: sent once, it is
     * remembered as stored and its repeats get that refusal, never a second copy. The request stays in
     * flight for the sender's back-pressure until it is answered and every other recipient's
     * connection has written the message.
     */
    void sendRoom(ChatSession session, ChatRequest.SendRoomMessage request, RequestTicket ticket) throws Refusal {
        if (request.sendId().isEmpty()) {
            sendRoom(session, request, ticket, Optional.empty());
            return;
        }
        Optional<SendOnce.First> first = once.claimOrAnswer(session, request, request.sendId().get(), ticket);
        if (first.isPresent()) {
            try {
                sendRoom(session, request, ticket, first);
            } catch (Refusal | RuntimeException e) {
                once.notStored(first.get(), requestId -> refusalAnswer(requestId, e));
                throw e;
            }
        }
    }

    /** What the repeats of a send refused before its commit are answered: what the first was ({@link ChatService}). */
    private static ChatEvent refusalAnswer(long requestId, Exception e) {
        return e instanceof Refusal refusal
                ? new ChatEvent.Rejected(requestId, refusal.code(), refusal.getMessage())
                : new ChatEvent.Rejected(requestId, ErrorCode.INTERNAL, "internal server error");
    }

    /** {@code first}: the claim of a send made once, settled when the commit is. */
    private void sendRoom(ChatSession session, ChatRequest.SendRoomMessage request, RequestTicket ticket,
            Optional<SendOnce.First> first) throws Refusal {
        checkBody(request.contentType(), request.body());
        RoomState room = rooms.require(request.room(), session);
        if (room.roleOf(session.canonical()) == Role.NONE) {
            throw new Refusal(ErrorCode.NOT_A_MEMBER, "join the room before writing to it");
        }
        if (room.encrypted()) {
            checkEnvelope(request.contentType(), request.body());
        }
        ticket.hold();
        room.messageQueued();
        CommitReturns<Shown> returns = room.commitReturns(() -> new CommitReturns<>(LaneKey.room(room.canonical()),
                onRoomLane, onRoomLaneOrHere, () -> room.info().onlineCount() <= FAN_OUT_HERE_AT_MOST,
                group -> fanOut(room, group), shown -> shown.stored().body().length(), UNIT_BYTES));
        // Two counts: the fan-out to the others written, and the sender answered.
        FanOutReceipt done = new FanOutReceipt(ticket::release);
        done.add();
        // Set on the store's writer thread before the message is handed back: the answer, which
        // always comes after, reads it (on the lane, or in place: CommitReturns.settled).
        AtomicReference<StoredMessage> shown = new AtomicReference<>();
        // A send made once stores its send id in the message's own transaction (docs/PROTOCOL.md 14.5).
        context.messages().appendRoomMessageLater(room.canonical(), session.user(), request.contentType(),
                request.body(), context.clock().millis(), first.map(SendOnce.First::mark), visible -> {
                    shown.set(visible);
                    returns.visible(new Shown(session, visible, done));
                }).whenComplete((stored, error) -> returns.settled(() -> {
                    ChatEvent answer = null;
                    try {
                        if (error != null) {
                            answer = failedCommitAnswer(session, request.requestId(), error);
                            ChatEvent.Rejected refused = (ChatEvent.Rejected) answer;
                            if (shown.get() != null) {
                                // Committed, not durable (the log sync failed): it is in the store all
                                // the same, so its repeats must not store it again (PROTOCOL.md 14.5).
                                first.ifPresent(f -> once.storedUnconfirmed(f, refused.code(), refused.detail()));
                            } else {
                                first.ifPresent(f -> once.notStored(f, requestId ->
                                        new ChatEvent.Rejected(requestId, refused.code(), refused.detail())));
                            }
                        } else {
                            answer = new ChatEvent.Accepted(request.requestId(), stored.id());
                            first.ifPresent(f -> once.stored(f, stored.id()));
                            context.console().roomMessage(stored, room.name());
                            context.metrics().messageReceived(MessageKind.ROOM);
                        }
                    } finally {
                        StoredMessage visible = shown.get();
                        if (visible == null) {
                            room.messageDropped();
                            try {
                                if (answer != null) {
                                    session.deliver(answer);
                                }
                            } finally {
                                ticket.release(); // never committed: nobody saw it
                            }
                        } else {
                            // The answer and the sender's own copy leave as one unit: one flush.
                            room.senderEchoes().acknowledged(session, visible.id(), answer, error == null);
                            done.written();
                        }
                    }
                }));
    }

    /**
     * On the room's lane: fans out committed messages, in commit order, each recipient's part as one
     * unit, inside one {@link DeliveryBatch}: the members' connections are handed to their event loops
     * when all of them have their part queued, one task per event loop. Handed off one by one, a
     * sleeping event loop was woken by the first and, on a server short of cores, could run at once,
     * write a few connections and sleep again before the next was queued, which woke it again: at
     * moderate load (event loops idle between fan-outs) a fan-out cost many wake-ups and context
     * switches, at high load (event loops never asleep) none (issue 13, fan-out at moderate load).
     */
    private void fanOut(RoomState room, List<Shown> group) {
        List<ChatSession> senders = new ArrayList<>(group.size());
        List<ChatEvent.RoomMessage> events = new ArrayList<>(group.size());
        for (Shown message : group) {
            senders.add(message.sender());
            events.add(new ChatEvent.RoomMessage(room.name(), message.stored(), false));
        }
        fanOuts.run(() -> {
            int deliveries = rooms.broadcastVisible(room, senders, events, () -> group.forEach(m -> m.done().written()));
            context.metrics().delivered(deliveries);
        });
    }

    /** A room message committed and on its way back to the room's lane for its fan-out. */
    record Shown(ChatSession sender, StoredMessage stored, FanOutReceipt done) {
    }

    /**
     * The answer to a room message whose commit failed; an unexpected failure is logged and audited.
     * The answer is made first and what the log, the audit or the metrics throw is dropped, so a
     * failing log never leaves the sender without an answer.
     */
    private ChatEvent failedCommitAnswer(ChatSession session, long requestId, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof StoreException.Overloaded) {
            try {
                context.metrics().rateLimited(RateBucket.COMMIT_QUEUE);
            } catch (RuntimeException metricsFailed) {
                // The answer matters more than the count.
            }
            return new ChatEvent.Rejected(requestId, ErrorCode.SERVER_BUSY, "the server is busy; try again");
        }
        ChatEvent answer = new ChatEvent.Rejected(requestId, ErrorCode.INTERNAL, "internal server error");
        try {
            context.console().warn("request " + requestId + " of session " + session.id() + " failed", cause);
        } catch (RuntimeException logFailed) {
            // Nowhere left to report it; the answer and the audit still go out.
        }
        try {
            context.audit().record("internal_error", Map.of("user", session.user(),
                    "error", cause.getClass().getSimpleName()));
        } catch (RuntimeException auditFailed) {
            // As above.
        }
        return answer;
    }

    /**
     * Refused: private messages are end to end only (issue 8), sent as envelopes (SendEnvelopes,
     * docs/PROTOCOL.md Section 14.8). Plaintext private messages stored before stay readable
     * through FetchHistory, which marks them as not end-to-end encrypted.
     */
    /** The detail of a refused SendPrivateMessage (docs/PROTOCOL.md). */
    static final String E2E_ONLY = "private messages are end-to-end encrypted only: send them with SendEnvelopes";

    void sendPrivate(ChatSession session, ChatRequest.SendPrivateMessage request) throws Refusal {
        throw new Refusal(ErrorCode.NOT_PERMITTED, E2E_ONLY);
    }

    void history(ChatSession session, ChatRequest.FetchHistory request) throws Refusal, StoreException {
        int limit = Math.clamp(request.limit(), 1, ChatLimits.MAX_HISTORY_PAGE);
        long before = request.beforeId() <= 0 ? Long.MAX_VALUE : request.beforeId();
        List<StoredMessage> page = switch (request.conversation()) {
            case Conversation.InRoom inRoom -> {
                RoomState room = rooms.require(inRoom.room(), session);
                if (room.visibility() == RoomVisibility.PRIVATE && room.roleOf(session.canonical()) == Role.NONE) {
                    throw new Refusal(ErrorCode.NOT_A_MEMBER, "this room is private");
                }
                yield context.messages().roomHistory(room.canonical(), before, limit + 1);
            }
            case Conversation.WithUser withUser -> {
                Rooms.Account peer = rooms.requireUser(withUser.peer());
                yield context.messages().privateHistory(session.user(), peer.name(), before, limit + 1);
            }
        };
        List<StoredMessage> messages = EventBudget.prefix(context.maxEventBytes(),
                m -> m.body().length() + m.from().length() * 4L + PER_MESSAGE_OVERHEAD,
                page.size() > limit ? page.subList(0, limit) : page);
        boolean more = page.size() > messages.size();
        session.deliver(new ChatEvent.HistoryPage(request.requestId(), request.conversation(), List.copyOf(messages), more));
    }

    /** Delivers private messages stored while the user was offline, then advances the cursor. */
    void deliverOffline(ChatSession session) throws StoreException {
        List<MessageStore.PrivateEnvelope> pending = context.messages().undeliveredPrivate(session.user(), OFFLINE_BATCH);
        long last = 0;
        for (MessageStore.PrivateEnvelope envelope : pending) {
            session.deliver(new ChatEvent.PrivateMessage(envelope.to(), envelope.message(), true));
            last = Math.max(last, envelope.message().id());
        }
        if (last > 0) {
            context.messages().markDelivered(session.user(), last);
        }
    }

    /** An encrypted room takes only room envelopes (docs/E2EE.md Section 19.6), as opaque bodies the server does not parse. */
    private static void checkEnvelope(ContentType type, Bytes body) throws Refusal {
        if (type != ContentType.OPAQUE) {
            throw new Refusal(ErrorCode.ENCRYPTED_ROOM, "this room is end-to-end encrypted: send room envelopes "
                    + "(content type opaque), never text");
        }
        if (body.length() > MAX_ROOM_ENVELOPE_BYTES) {
            throw new Refusal(ErrorCode.MESSAGE_TOO_LARGE, "a room envelope is at most " + MAX_ROOM_ENVELOPE_BYTES
                    + " bytes; this one has " + body.length());
        }
    }

    private static void checkBody(ContentType type, Bytes body) throws Refusal {
        int max = type == ContentType.TEXT ? ChatLimits.MAX_TEXT_BYTES : ChatLimits.MAX_BODY_BYTES;
        if (body.length() > max) {
            throw new Refusal(ErrorCode.MESSAGE_TOO_LARGE, "a " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + " message is at most " + max + " bytes; this one has " + body.length());
        }
        if (body.isEmpty()) {
            throw new Refusal(ErrorCode.MALFORMED_REQUEST, "empty message");
        }
    }
}
