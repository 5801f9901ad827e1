package org.parley.server.chat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.SendId;
import org.parley.server.metrics.SendClaim;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.SendMark;
import org.parley.server.store.StoredSend;

/**
 * The sends made once (docs/PROTOCOL.md 14.5, "Sending once"): for each (account, {@link SendId})
 * a send first claimed, whether it is still in progress or was stored, and a digest of the request
 * so that a repeat can be told from another message under the same id.
 *
 * <p>An entry is kept {@link #HELD} after its send was first claimed, then forgotten; a stored send
 * forgotten so can be stored again by a repeat. At most {@link #PER_ACCOUNT} entries per account
 * and {@link #TOTAL} in all: past either bound the oldest (of the account, or of all) is forgotten
 * first. A send refused is forgotten at once, so its repeat is processed again, unless its message
 * was committed all the same ({@link #storedUnconfirmed}: its log sync failed), which is remembered
 * as stored and whose repeats get the first's refusal. Repeats that arrive while the first is in
 * progress wait for it and get its outcome; if its entry is forgotten before that (the bounds), they
 * are answered {@code server_busy}. An entry is settled only by the claim that made it: a first
 * forgotten while in progress and claimed again is another entry.
 *
 * <p>A stored send's id is also in the store, written in the transaction that stored its message
 * or envelopes ({@link First#mark()}), and the server {@link #seed seeds} this table from there when
 * it starts: a repeat after a restart is answered as before it, with the same {@link #HELD}
 * counted from when the first was stored, and the same bounds. What stays in memory only is a send
 * in progress: one whose commit had not returned when the server stopped was not stored either.
 *
 * <p>Thread-safe (one lock; the waiting repeats are answered outside it).
 */
public final class SendOnce {
    /** How long a send id is remembered after its send first arrived (its stored row is kept as long). */
    public static final Duration HELD = SendMark.KEPT;
    /** Send ids remembered per account at most. */
    public static final int PER_ACCOUNT = 1_024;
    /** Send ids remembered in all at most. */
    public static final int TOTAL = 65_536;
    static final String MISMATCH_DETAIL = "this send id was used for another message";
    static final String FORGOTTEN_DETAIL = "the server is busy; try again";

    private final Clock clock;
    private final ServerMetrics metrics;
    private final int perAccount;
    private final int total;
    /** Entries made so far: each entry's number, so that only its own first settles it. */
    private long made;
    /** In the order the sends were first claimed: the oldest first. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();
    /** Each account's keys, oldest first. */
    private final Map<String, ArrayDeque<Key>> byAccount = new HashMap<>();
    private final MessageDigest sha256;

    public SendOnce(Clock clock, ServerMetrics metrics) {
        this(clock, metrics, PER_ACCOUNT, TOTAL);
    }

    SendOnce(Clock clock, ServerMetrics metrics, int perAccount, int total) {
        if (perAccount < 1 || total < 1) {
            throw new IllegalArgumentException("the bounds must be at least 1");
        }
        this.clock = clock;
        this.metrics = metrics;
        this.perAccount = perAccount;
        this.total = total;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** What to do with a send that names a send id. */
    public sealed interface Claim {
    }

    /**
     * The first time: process it, storing {@link #mark()} with it, then call {@link #stored} or
     * {@link #notStored} (or {@link #storedUnconfirmed}). {@code digest}: what a repeat must match;
     * {@code entry}: the number of the entry this claim made (a later first of the same key, made
     * after this one was forgotten, has another).
     */
    public record First(Key key, Bytes digest, long entry) implements Claim {
        /** What the store keeps of this send, in the transaction that stores it. */
        public SendMark mark() {
            return new SendMark(key.account(), key.sendId(), digest);
        }
    }

    /** Stored before as {@code firstId}: answer {@code Accepted(request_id, firstId)} and do nothing else. */
    public record Repeat(long firstId) implements Claim {
    }

    /**
     * Stored, but its first was refused because its commit was not made durable (the log sync
     * failed): answer {@code Rejected(request_id, code, detail)} as the first was, and do nothing else.
     */
    public record Unconfirmed(ErrorCode code, String detail) implements Claim {
    }

    /** The first is still in progress: the waiter given to {@link #claim} gets its outcome. */
    public record Waiting() implements Claim {
    }

    /** The id was used for another message: answer {@code Rejected(malformed_request)}, store nothing. */
    public record Mismatch() implements Claim {
    }

    /** An account and a send id. */
    public record Key(String account, SendId sendId) {
    }

    /**
     * Claims {@code sendId} for {@code account}'s {@code request} (a send once). On {@link Waiting},
     * {@code waiter} is later given the answer to send, as a function of the repeat's own request id.
     */
    public Claim claim(String account, SendId sendId, ChatRequest request, Consumer<LongFunction<ChatEvent>> waiter) {
        Bytes digest = digest(request);
        Key key = new Key(account, sendId);
        List<Waiter> forgotten = new ArrayList<>();
        Claim claim;
        synchronized (this) {
            forgetExpired(forgotten);
            Entry entry = entries.get(key);
            if (entry == null) {
                Entry fresh = new Entry(digest, clock.millis(), ++made);
                entries.put(key, fresh);
                byAccount.computeIfAbsent(account, a -> new ArrayDeque<>()).addLast(key);
                bound(account, forgotten);
                claim = new First(key, digest, fresh.number);
            } else if (!MessageDigest.isEqual(entry.digest.toByteArray(), digest.toByteArray())) {
                claim = new Mismatch();
            } else if (entry.refused != null) {
                claim = entry.refused;
            } else if (entry.stored) {
                claim = new Repeat(entry.firstId);
            } else {
                entry.waiters.add(new Waiter(waiter));
                claim = new Waiting();
            }
        }
        answerForgotten(forgotten);
        metrics.sendOnce(switch (claim) {
            case First f -> SendClaim.FIRST;
            case Repeat r -> SendClaim.REPEAT;
            case Unconfirmed u -> SendClaim.REPEAT;
            case Waiting w -> SendClaim.WAITING;
            case Mismatch m -> SendClaim.MISMATCH;
        });
        return claim;
    }

    /**
     * Claims {@code sendId} for {@code session}'s {@code request} and answers it here unless it is
     * the first: a repeat of a stored send gets {@code Accepted(first id)}, a send id used for another
     * message {@code malformed_request}, and a repeat of one in progress holds {@code ticket} and gets
     * the first's outcome when it comes. Returns the claim to process, if this is the first.
     *
     * <p>The waiter's hold on {@code ticket} is taken before the claim: a waiter can be answered on
     * another thread as soon as the claim has registered it (its entry forgotten past the total
     * bound by another account's claim), and a release before the hold would finish the request
     * while this task still runs, then finish it a second time.
     */
    Optional<First> claimOrAnswer(ChatSession session, ChatRequest request, SendId sendId, RequestTicket ticket) {
        ticket.hold(); // the waiter's, kept only if this is a waiting repeat
        Claim claim;
        try {
            claim = claim(session.canonical(), sendId, request, answer -> {
                try {
                    session.deliver(answer.apply(request.requestId()));
                } finally {
                    ticket.release();
                }
            });
        } catch (RuntimeException | Error e) {
            ticket.release();
            throw e;
        }
        if (!(claim instanceof Waiting)) {
            ticket.release();
        }
        switch (claim) {
            case First first -> {
                return Optional.of(first);
            }
            case Repeat repeat -> session.deliver(new ChatEvent.Accepted(request.requestId(), repeat.firstId()));
            case Unconfirmed refused -> session.deliver(new ChatEvent.Rejected(request.requestId(), refused.code(),
                    refused.detail()));
            case Waiting waiting -> { } // the hold is released by the waiter above
            case Mismatch mismatch -> session.deliver(mismatch(request.requestId()));
        }
        return Optional.empty();
    }

    /** The first send of {@code first} was stored as {@code firstId}: repeats are answered with it from now on. */
    public void stored(First first, long firstId) {
        settle(first, firstId, null, requestId -> new ChatEvent.Accepted(requestId, firstId));
    }

    /**
     * The first send of {@code first} stored nothing: it is forgotten (a repeat is processed again)
     * and the repeats waiting for it get {@code answer} with their own request ids.
     */
    public void notStored(First first, LongFunction<ChatEvent> answer) {
        Entry entry;
        synchronized (this) {
            entry = entryOf(first);
            if (entry == null) {
                return; // forgotten meanwhile, as above: another first of the key may be in progress
            }
            entries.remove(first.key());
            ArrayDeque<Key> keys = byAccount.get(first.key().account());
            keys.remove(first.key());
            if (keys.isEmpty()) {
                byAccount.remove(first.key().account());
            }
        }
        entry.waiters.forEach(w -> w.answer().accept(answer));
    }

    /**
     * The first send of {@code first} was refused {@code Rejected(code, detail)} although its
     * message was committed (and may have been seen): its commit was not made durable (the log
     * sync failed). It is remembered as stored, not forgotten: what was committed is there as long
     * as the server runs (and after a restart, send id included, if the commit survived), so a
     * repeat must not store it again; nor can it be answered {@code Accepted}, which means durable.
     * Its repeats, those waiting and those to come, get the first's refusal.
     */
    public void storedUnconfirmed(First first, ErrorCode code, String detail) {
        settle(first, 0, new Unconfirmed(code, detail), requestId -> new ChatEvent.Rejected(requestId, code, detail));
    }

    /** Marks {@code first}'s entry stored ({@code refused}: not confirmed) and gives its waiters {@code answer}. */
    private void settle(First first, long firstId, Unconfirmed refused, LongFunction<ChatEvent> answer) {
        List<Waiter> waiting;
        synchronized (this) {
            Entry entry = entryOf(first);
            if (entry == null) {
                return; // forgotten meanwhile (the bounds); its waiters were answered then
            }
            entry.stored = true;
            entry.firstId = firstId;
            entry.refused = refused;
            waiting = List.copyOf(entry.waiters);
            entry.waiters.clear();
        }
        waiting.forEach(w -> w.answer().accept(answer));
    }

    /** The entry {@code first} made, if it is still remembered (under the lock). */
    private Entry entryOf(First first) {
        Entry entry = entries.get(first.key());
        return entry != null && entry.number == first.entry() ? entry : null;
    }

    /**
     * Remembers sends the store kept ({@link org.parley.server.store.MessageStore#recentSends}), given
     * newest first, as stored: a repeat is answered {@code Accepted(answeredId)}, other bytes under
     * the id {@code malformed_request}. Each is held {@link #HELD} from when it was stored (older ones
     * are skipped), under the same bounds as claims (the newest kept); a send id given twice counts
     * once, its newest. For a server that starts: before the first claim.
     */
    public void seed(List<StoredSend> newestFirst) {
        long oldest = clock.millis() - HELD.toMillis();
        Set<Key> seen = new HashSet<>();
        List<StoredSend> kept = new ArrayList<>();
        for (StoredSend send : newestFirst) {
            if (send.storedAt() > oldest && seen.add(new Key(send.mark().account(), send.mark().sendId()))) {
                kept.add(send);
            }
        }
        List<Waiter> forgotten = new ArrayList<>();
        synchronized (this) {
            for (StoredSend send : kept.reversed()) { // oldest first: the table's order is claim order
                Key key = new Key(send.mark().account(), send.mark().sendId());
                Entry existing = entries.remove(key);
                if (existing != null) {
                    byAccount.get(key.account()).remove(key);
                    forgotten.addAll(existing.waiters);
                }
                Entry entry = new Entry(send.mark().digest(), send.storedAt(), ++made);
                entry.stored = true;
                entry.firstId = send.answeredId();
                entries.put(key, entry);
                byAccount.computeIfAbsent(key.account(), a -> new ArrayDeque<>()).addLast(key);
                bound(key.account(), forgotten);
            }
        }
        answerForgotten(forgotten);
    }

    /** Send ids remembered now; for tests. */
    synchronized int size() {
        return entries.size();
    }

    /**
     * The digest a repeat must match: SHA-256 over the request's encoding with request id 0 (its
     * send id and every field after it, exactly as sent).
     */
    private Bytes digest(ChatRequest request) {
        ChatRequest anonymous = switch (request) {
            case ChatRequest.SendRoomMessage r ->
                    new ChatRequest.SendRoomMessage(0, r.room(), r.contentType(), r.body(), r.sendId());
            case ChatRequest.SendEnvelopes r -> new ChatRequest.SendEnvelopes(0, r.peer(), r.envelopes(), r.sendId());
            default -> throw new IllegalArgumentException("only room messages and envelopes are sent once");
        };
        return Bytes.wrapOwned(freshDigest().digest(ChatCodec.encode(anonymous).toByteArray()));
    }

    /** A SHA-256 cloned from the prototype, which is never updated: no provider look-up per send. */
    private MessageDigest freshDigest() {
        try {
            return (MessageDigest) sha256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    /**
     * {@code answer} to a first send that stored nothing, for a repeat with {@code requestId}; a
     * first that failed without an answer (null: it threw) is {@code internal} for its repeats too.
     */
    public static ChatEvent readdressed(ChatEvent answer, long requestId) {
        return switch (answer) {
            case ChatEvent.Rejected r -> new ChatEvent.Rejected(requestId, r.code(), r.detail());
            case ChatEvent.DeviceMismatch m -> new ChatEvent.DeviceMismatch(requestId, m.peer(), m.peerDevices(),
                    m.ownDevices());
            case null, default -> new ChatEvent.Rejected(requestId, ErrorCode.INTERNAL, "internal server error");
        };
    }

    /** The answer to a send whose id was used for another message. */
    static ChatEvent mismatch(long requestId) {
        return new ChatEvent.Rejected(requestId, ErrorCode.MALFORMED_REQUEST, MISMATCH_DETAIL);
    }

    private void forgetExpired(List<Waiter> forgotten) {
        long oldest = clock.millis() - HELD.toMillis();
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Entry> next = it.next();
            if (next.getValue().claimedAt > oldest) {
                return; // claimed in order: every later one is younger
            }
            it.remove();
            dropOldestOf(next.getKey().account());
            forgotten.addAll(next.getValue().waiters);
        }
    }

    private void bound(String account, List<Waiter> forgotten) {
        ArrayDeque<Key> keys = byAccount.get(account);
        if (keys.size() > perAccount) {
            Key oldest = keys.pollFirst();
            forgotten.addAll(entries.remove(oldest).waiters);
        }
        if (entries.size() > total) {
            Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
            Map.Entry<Key, Entry> eldest = it.next();
            it.remove();
            dropOldestOf(eldest.getKey().account());
            forgotten.addAll(eldest.getValue().waiters);
        }
    }

    /** The globally oldest entry is also its account's oldest: both are in claim order. */
    private void dropOldestOf(String account) {
        ArrayDeque<Key> keys = byAccount.get(account);
        keys.pollFirst();
        if (keys.isEmpty()) {
            byAccount.remove(account);
        }
    }

    private static void answerForgotten(List<Waiter> forgotten) {
        forgotten.forEach(w -> w.answer().accept(requestId ->
                new ChatEvent.Rejected(requestId, ErrorCode.SERVER_BUSY, FORGOTTEN_DETAIL)));
    }

    private record Waiter(Consumer<LongFunction<ChatEvent>> answer) {
    }

    private static final class Entry {
        final Bytes digest;
        final long claimedAt;
        final long number;
        final List<Waiter> waiters = new ArrayList<>(0);
        boolean stored;
        long firstId;
        /** Set when stored but refused ({@link #storedUnconfirmed}): what its repeats are answered. */
        Unconfirmed refused;

        Entry(Bytes digest, long claimedAt, long number) {
            this.digest = digest;
            this.claimedAt = claimedAt;
            this.number = number;
        }
    }
}
