package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.SendId;
import org.parley.server.metrics.MicrometerServerMetrics;
import org.parley.server.metrics.SendClaim;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.SendMark;
import org.parley.server.store.StoredSend;
import org.parley.server.testing.ManualClock;

/** The table of sends made once: what a repeat is told, how long an id is kept, and its bounds. */
class SendOnceTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T00:00:00Z"));
    private final List<ChatEvent> answered = new ArrayList<>();
    private final MicrometerServerMetrics metrics = new MicrometerServerMetrics();

    private static SendId id(int n) {
        return new SendId(Bytes.fromHex("%032x".formatted(n + 1)));
    }

    private static ChatRequest message(SendId id, String text) {
        return new ChatRequest.SendRoomMessage(1, "lobby", ContentType.TEXT, Bytes.utf8(text), Optional.of(id));
    }

    private SendOnce.Claim claim(SendOnce once, String account, SendId id, String text, long requestId) {
        return once.claim(account, id, message(id, text), (LongFunction<ChatEvent> answer) ->
                answered.add(answer.apply(requestId)));
    }

    @Test
    void aStoredSendIsRepeatedWithItsIdForTenMinutesAndThenProcessedAgain() {
        SendOnce once = new SendOnce(clock, metrics);
        SendOnce.First first = (SendOnce.First) claim(once, "alice", id(1), "hi", 1);
        once.stored(first, 42);

        clock.advance(SendOnce.HELD.minusSeconds(1));
        assertThat(claim(once, "alice", id(1), "hi", 2)).isEqualTo(new SendOnce.Repeat(42));
        clock.advance(Duration.ofSeconds(1));
        assertThat(claim(once, "alice", id(1), "hi", 3)).isInstanceOf(SendOnce.First.class);
    }

    @Test
    void operatorsSeeEachClaimCounted() {
        SendOnce once = new SendOnce(clock, metrics);
        SendOnce.First first = (SendOnce.First) claim(once, "alice", id(1), "hi", 1);
        claim(once, "alice", id(1), "hi", 2);
        once.stored(first, 42);
        claim(once, "alice", id(1), "hi", 3);
        claim(once, "alice", id(1), "other", 4);

        assertThat(metrics.scrape()).contains("parley_send_once_total{claim=\"first\"} 1.0",
                "parley_send_once_total{claim=\"waiting\"} 1.0", "parley_send_once_total{claim=\"repeat\"} 1.0",
                "parley_send_once_total{claim=\"mismatch\"} 1.0");
    }

    @Test
    void theRequestIdIsNotPartOfTheMessageButEveryOtherFieldIs() {
        SendOnce once = new SendOnce(clock, metrics);
        once.stored((SendOnce.First) claim(once, "alice", id(1), "hi", 1), 42);
        ChatRequest sameButRequestId = new ChatRequest.SendRoomMessage(99, "lobby", ContentType.TEXT, Bytes.utf8("hi"),
                Optional.of(id(1)));
        ChatRequest opaque = new ChatRequest.SendRoomMessage(1, "lobby", ContentType.OPAQUE, Bytes.utf8("hi"),
                Optional.of(id(1)));

        assertThat(once.claim("alice", id(1), sameButRequestId, answer -> { })).isEqualTo(new SendOnce.Repeat(42));
        assertThat(once.claim("alice", id(1), opaque, answer -> { })).isInstanceOf(SendOnce.Mismatch.class);
    }

    @Test
    void repeatsWaitingForAFirstThatStoredNothingGetItsAnswerWithTheirOwnRequestIds() {
        SendOnce once = new SendOnce(clock, metrics);
        SendOnce.First first = (SendOnce.First) claim(once, "alice", id(1), "hi", 1);
        assertThat(claim(once, "alice", id(1), "hi", 5)).isInstanceOf(SendOnce.Waiting.class);
        assertThat(claim(once, "alice", id(1), "hi", 6)).isInstanceOf(SendOnce.Waiting.class);

        once.notStored(first, requestId -> new ChatEvent.Rejected(requestId, ErrorCode.NOT_A_MEMBER, "join first"));

        assertThat(answered).containsExactly(new ChatEvent.Rejected(5, ErrorCode.NOT_A_MEMBER, "join first"),
                new ChatEvent.Rejected(6, ErrorCode.NOT_A_MEMBER, "join first"));
        assertThat(once.size()).isZero();
        assertThat(claim(once, "alice", id(1), "hi", 7)).isInstanceOf(SendOnce.First.class);
    }

    @Test
    void anAccountPastItsBoundForgetsItsOwnOldestIdAndNobodyElses() {
        SendOnce once = new SendOnce(clock, metrics, 2, 100);
        once.stored((SendOnce.First) claim(once, "bob", id(0), "bob's", 1), 10);
        for (int n = 1; n <= 3; n++) {
            once.stored((SendOnce.First) claim(once, "alice", id(n), "m" + n, n), n);
        }

        assertThat(once.size()).isEqualTo(3);
        assertThat(claim(once, "bob", id(0), "bob's", 9)).isEqualTo(new SendOnce.Repeat(10));
        assertThat(claim(once, "alice", id(3), "m3", 9)).isEqualTo(new SendOnce.Repeat(3));
        assertThat(claim(once, "alice", id(1), "m1", 9)).isInstanceOf(SendOnce.First.class);
    }

    @Test
    void pastTheTotalBoundTheOldestIsForgottenAndItsWaitingRepeatsAreToldToTryAgain() {
        SendOnce once = new SendOnce(clock, metrics, 10, 2);
        SendOnce.First oldest = (SendOnce.First) claim(once, "alice", id(1), "in progress", 1);
        assertThat(claim(once, "alice", id(1), "in progress", 2)).isInstanceOf(SendOnce.Waiting.class);
        claim(once, "bob", id(2), "b", 1);

        claim(once, "carol", id(3), "c", 1);
        once.stored(oldest, 5); // its entry is gone: nothing to answer, nothing remembered

        assertThat(answered).containsExactly(new ChatEvent.Rejected(2, ErrorCode.SERVER_BUSY,
                "the server is busy; try again"));
        assertThat(once.size()).isEqualTo(2);
        assertThat(claim(once, "alice", id(1), "in progress", 3)).isInstanceOf(SendOnce.First.class);
    }

    @Test
    void aFirstForgottenWhileInProgressSettlesNothingOfTheNextFirstOfItsId() {
        SendOnce once = new SendOnce(clock, metrics, 1, 100);
        SendOnce.First forgotten = (SendOnce.First) claim(once, "alice", id(1), "slow", 1);
        claim(once, "alice", id(2), "other", 2);
        SendOnce.First next = (SendOnce.First) claim(once, "alice", id(1), "slow", 3);

        once.stored(forgotten, 5);
        assertThat(claim(once, "alice", id(1), "slow", 4)).as("the next first is still in progress")
                .isInstanceOf(SendOnce.Waiting.class);
        once.notStored(forgotten, requestId -> new ChatEvent.Rejected(requestId, ErrorCode.INTERNAL, "failed"));
        assertThat(claim(once, "alice", id(1), "slow", 6)).isInstanceOf(SendOnce.Waiting.class);
        once.stored(next, 7);

        assertThat(answered).containsExactly(new ChatEvent.Accepted(4, 7), new ChatEvent.Accepted(6, 7));
        assertThat(claim(once, "alice", id(1), "slow", 8)).isEqualTo(new SendOnce.Repeat(7));
    }

    @Test
    void aFirstCommittedButNotMadeDurableIsRememberedAndItsRepeatsGetItsRefusalForTenMinutes() {
        SendOnce once = new SendOnce(clock, metrics);
        SendOnce.First first = (SendOnce.First) claim(once, "alice", id(1), "hi", 1);
        assertThat(claim(once, "alice", id(1), "hi", 2)).isInstanceOf(SendOnce.Waiting.class);

        once.storedUnconfirmed(first, ErrorCode.INTERNAL, "internal server error");

        assertThat(answered).containsExactly(new ChatEvent.Rejected(2, ErrorCode.INTERNAL, "internal server error"));
        assertThat(claim(once, "alice", id(1), "hi", 3))
                .isEqualTo(new SendOnce.Unconfirmed(ErrorCode.INTERNAL, "internal server error"));
        assertThat(claim(once, "alice", id(1), "other", 4)).isInstanceOf(SendOnce.Mismatch.class);
        clock.advance(SendOnce.HELD);
        assertThat(claim(once, "alice", id(1), "hi", 5)).isInstanceOf(SendOnce.First.class);
    }

    @Test
    void aWaitingRepeatForgottenTheMomentItWaitsFinishesItsRequestOnceAndOnlyWhenAnswered() {
        AtomicReference<SendOnce> table = new AtomicReference<>();
        AtomicBoolean crowded = new AtomicBoolean();
        // Between the claim and its return, other accounts' sends push the first past the total bound,
        // as claims on other lanes can at any moment: the repeat's waiter is answered at once.
        ServerMetrics crowding = (ServerMetrics) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServerMetrics.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendOnce") && args[0] == SendClaim.WAITING && !crowded.getAndSet(true)) {
                        claim(table.get(), "bob", id(2), "b", 1);
                        claim(table.get(), "carol", id(3), "c", 1);
                    }
                    return null;
                });
        SendOnce once = new SendOnce(clock, crowding, 10, 2);
        table.set(once);
        claim(once, "alice", id(1), "in progress", 1);
        RecordingLink link = new RecordingLink();
        RequestTicket lane = new RequestTicket(link, 100);

        once.claimOrAnswer(new ChatSession(1, "alice", "alice", "127.0.0.1", link), message(id(1), "in progress"),
                id(1), lane);

        assertThat(link.events()).containsExactly(new ChatEvent.Rejected(1, ErrorCode.SERVER_BUSY,
                "the server is busy; try again"));
        assertThat(link.inFlight()).as("the lane task still holds it").isEqualTo(1);
        lane.release();
        assertThat(link.inFlight()).isZero();
        assertThat(link.inFlightBytes()).isZero();
    }

    @Test
    void anEnvelopeSendIsTheSameMessageOnlyWithTheSameEnvelopesForTheSameDevices() {
        SendOnce once = new SendOnce(clock, metrics);
        var to = List.of(new org.parley.protocol.chat.EnvelopeTarget("bob", 1, Bytes.fromHex("e2e0")));
        var other = List.of(new org.parley.protocol.chat.EnvelopeTarget("bob", 2, Bytes.fromHex("e2e0")));
        SendOnce.First first = (SendOnce.First) once.claim("alice", id(1),
                new ChatRequest.SendEnvelopes(1, "bob", to, Optional.of(id(1))), answer -> { });
        once.stored(first, 77);

        assertThat(once.claim("alice", id(1), new ChatRequest.SendEnvelopes(2, "bob", to, Optional.of(id(1))),
                answer -> { })).isEqualTo(new SendOnce.Repeat(77));
        assertThat(once.claim("alice", id(1), new ChatRequest.SendEnvelopes(3, "bob", other, Optional.of(id(1))),
                answer -> { })).isInstanceOf(SendOnce.Mismatch.class);
    }
    /** What the store kept of a send of {@code text} under {@code id}, as the first claim's mark says. */
    private SendMark markOf(String account, SendId id, String text) {
        SendOnce before = new SendOnce(clock, metrics);
        return ((SendOnce.First) claim(before, account, id, text, 1)).mark();
    }

    private StoredSend kept(String account, SendId id, String text, long answeredId, Duration ago) {
        return new StoredSend(markOf(account, id, text), answeredId, clock.millis() - ago.toMillis());
    }

    @Test
    void aSeededSendIsARepeatOfTheSameBytesAndAMismatchOfOthers() {
        SendOnce once = new SendOnce(clock, metrics);
        once.seed(List.of(kept("alice", id(1), "transfer 100", 42, Duration.ZERO)));

        assertThat(claim(once, "alice", id(1), "transfer 100", 2)).isEqualTo(new SendOnce.Repeat(42));
        assertThat(claim(once, "alice", id(1), "transfer 900", 3)).isInstanceOf(SendOnce.Mismatch.class);
        assertThat(claim(once, "bob", id(1), "transfer 100", 4)).as("another account's id")
                .isInstanceOf(SendOnce.First.class);
    }

    @Test
    void aSeededSendIsHeldFromWhenItWasStoredAndOneAsOldAsHeldIsNotSeeded() {
        SendOnce once = new SendOnce(clock, metrics);
        once.seed(List.of(kept("alice", id(1), "young", 1, SendOnce.HELD.minusSeconds(1)),
                kept("alice", id(2), "old", 2, SendOnce.HELD)));

        assertThat(once.size()).isEqualTo(1);
        assertThat(claim(once, "alice", id(1), "young", 2)).isEqualTo(new SendOnce.Repeat(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(claim(once, "alice", id(1), "young", 3)).isInstanceOf(SendOnce.First.class);
    }

    @Test
    void seedingKeepsTheBoundsWithTheNewestKept() {
        SendOnce once = new SendOnce(clock, metrics, 2, 3);
        once.seed(List.of(kept("alice", id(3), "a3", 3, Duration.ofSeconds(1)),
                kept("alice", id(2), "a2", 2, Duration.ofSeconds(2)),
                kept("alice", id(1), "a1", 1, Duration.ofSeconds(3)),
                kept("bob", id(4), "b4", 4, Duration.ofSeconds(4)),
                kept("carol", id(5), "c5", 5, Duration.ofSeconds(5))));

        assertThat(once.size()).isEqualTo(3);
        assertThat(claim(once, "alice", id(3), "a3", 9)).isEqualTo(new SendOnce.Repeat(3));
        assertThat(claim(once, "alice", id(2), "a2", 9)).isEqualTo(new SendOnce.Repeat(2));
        assertThat(claim(once, "bob", id(4), "b4", 9)).isEqualTo(new SendOnce.Repeat(4));
        assertThat(claim(once, "alice", id(1), "a1", 9)).as("past alice's bound").isInstanceOf(SendOnce.First.class);
        assertThat(claim(once, "carol", id(5), "c5", 9)).as("past the total").isInstanceOf(SendOnce.First.class);
    }

    @Test
    void aSendIdSeededTwiceIsAnsweredWithItsNewestId() {
        SendOnce once = new SendOnce(clock, metrics);
        once.seed(List.of(kept("alice", id(1), "hi", 9, Duration.ofSeconds(1)),
                kept("alice", id(1), "hi", 8, Duration.ofMinutes(1))));

        assertThat(once.size()).isEqualTo(1);
        assertThat(claim(once, "alice", id(1), "hi", 2)).isEqualTo(new SendOnce.Repeat(9));
    }

    @Test
    void theMarkOfAFirstHoldsTheDigestItsRepeatsAreComparedWith() {
        SendOnce once = new SendOnce(clock, metrics);
        SendOnce.First first = (SendOnce.First) claim(once, "alice", id(1), "hi", 1);

        assertThat(first.mark().account()).isEqualTo("alice");
        assertThat(first.mark().sendId()).isEqualTo(id(1));
        assertThat(first.mark()).isEqualTo(markOf("alice", id(1), "hi"));
        assertThat(first.mark()).isNotEqualTo(markOf("alice", id(1), "ho"));
    }
}
