package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.SendId;

/**
 * The rules of the outbox of messages sent once, over fake connections that record what was sent on
 * them and answer when the test says.
 */
class OutboxTest {
    private final MovableClock clock = new MovableClock();
    private final Outbox<Line> outbox = new Outbox<>(clock, new SecureRandom(), line -> line.open);

    /** A fake connection: what was sent on it, in order, each with the future the test completes. */
    private static final class Line {
        final List<Sent> sent = new ArrayList<>();
        boolean open = true;

        CompletableFuture<Long> send(String text, SendId sendId) {
            Sent one = new Sent(text, sendId, new CompletableFuture<>());
            sent.add(one);
            return one.answer();
        }

        /** The connection ends: every unanswered request fails as a closed connection's do. */
        void lose() {
            open = false;
            sent.forEach(s -> s.answer().completeExceptionally(new ConnectionFailedException("the connection ended")));
        }
    }

    private record Sent(String text, SendId sendId, CompletableFuture<Long> answer) {
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T09:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private CompletableFuture<Long> send(String text) {
        return outbox.send((line, sendId) -> line.send(text, sendId));
    }

    private static Throwable failure(CompletableFuture<Long> future) {
        try {
            future.get();
            throw new AssertionError("completed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMessageWhoseAnswerWasLostIsSentAgainOnTheNextConnectionWithTheSameSendIdAndCompletesWithItsAnswer() throws Exception {
        Line first = new Line();
        outbox.connected(first);
        CompletableFuture<Long> answer = send("hello");

        first.lose();
        outbox.disconnected();
        Line second = new Line();
        outbox.connected(second);
        second.sent.getFirst().answer().complete(42L);

        assertThat(second.sent).extracting(Sent::text).containsExactly("hello");
        assertThat(second.sent.getFirst().sendId()).isEqualTo(first.sent.getFirst().sendId());
        assertThat(answer.get()).isEqualTo(42L);
        assertThat(outbox.waiting()).isZero();
    }

    @Test
    void messagesAreSentAgainInTheOrderTheyWereFirstSentWhateverOrderTheirAnswersWereLostIn() {
        Line first = new Line();
        outbox.connected(first);
        for (String text : List.of("one", "two", "three")) {
            send(text);
        }

        first.open = false;
        for (int i = 2; i >= 0; i--) {
            first.sent.get(i).answer().completeExceptionally(new ConnectionFailedException("the connection ended"));
        }
        outbox.disconnected();
        Line second = new Line();
        outbox.connected(second);

        assertThat(second.sent).extracting(Sent::text).containsExactly("one", "two", "three");
    }

    @Test
    void aMessageSentWithoutAConnectionWaitsForTheNextAndGetsAFreshSendIdEach() {
        CompletableFuture<Long> a = send("while away");
        CompletableFuture<Long> b = send("and again");
        assertThat(outbox.waiting()).isEqualTo(2);

        Line line = new Line();
        outbox.connected(line);

        assertThat(line.sent).extracting(Sent::text).containsExactly("while away", "and again");
        assertThat(line.sent.get(0).sendId()).isNotEqualTo(line.sent.get(1).sendId());
        assertThat(a).isNotDone();
        assertThat(b).isNotDone();
    }

    @Test
    void aRefusalFailsAtOnceAndIsNeverSentAgain() {
        Line line = new Line();
        outbox.connected(line);
        CompletableFuture<Long> refused = send("not a member");
        CompletableFuture<Long> full = send("queue full");

        line.sent.get(0).answer().completeExceptionally(new RequestFailedException(ErrorCode.NOT_A_MEMBER, "join first"));
        line.sent.get(1).answer().completeExceptionally(new RequestQueueFullException(64, 256));
        outbox.connected(new Line());

        assertThat(failure(refused)).isInstanceOf(RequestFailedException.class);
        assertThat(failure(full)).isInstanceOf(RequestQueueFullException.class);
        assertThat(outbox.waiting()).isZero();
    }

    @Test
    void aTimedOutAnswerOnAnOpenConnectionIsAskedForAgainThereAtOnceWithTheSameSendId() throws Exception {
        Line line = new Line();
        outbox.connected(line);
        CompletableFuture<Long> answer = send("slow server");

        line.sent.getFirst().answer().completeExceptionally(new TimeoutException());
        line.sent.get(1).answer().complete(7L);

        assertThat(line.sent).hasSize(2);
        assertThat(line.sent.get(1).sendId()).isEqualTo(line.sent.get(0).sendId());
        assertThat(answer.get()).isEqualTo(7L);
    }

    @Test
    void anAnswerLostAfterANewerConnectionIsLiveIsAskedForOnItAtOnce() {
        Line first = new Line();
        outbox.connected(first);
        send("crossed");
        Line second = new Line();
        outbox.connected(second);

        first.lose();

        assertThat(second.sent).extracting(Sent::text).containsExactly("crossed");
        assertThat(outbox.waiting()).isZero();
    }

    @Test
    void aMessageWithoutAnAnswerForFiveMinutesFailsAsNotConfirmed() {
        Line first = new Line();
        outbox.connected(first);
        CompletableFuture<Long> answer = send("into the void");
        first.lose();
        outbox.disconnected();

        clock.advance(Outbox.CONFIRM_WITHIN.minusSeconds(1));
        outbox.expire();
        assertThat(answer).isNotDone();
        clock.advance(Duration.ofSeconds(1));
        outbox.expire();

        assertThat(failure(answer)).isInstanceOf(SendNotConfirmedException.class)
                .hasMessageContaining("may or may not have been delivered");
        Line late = new Line();
        outbox.connected(late);
        assertThat(late.sent).isEmpty();
    }

    @Test
    void aMessageFoundExpiredWhenTheConnectionComesBackIsNotSentAgain() {
        Line first = new Line();
        outbox.connected(first);
        CompletableFuture<Long> answer = send("too late");
        first.lose();
        outbox.disconnected();
        clock.advance(Outbox.CONFIRM_WITHIN);

        Line second = new Line();
        outbox.connected(second);

        assertThat(second.sent).isEmpty();
        assertThat(failure(answer)).isInstanceOf(SendNotConfirmedException.class);
    }

    @Test
    void closingFailsTheWaitingMessagesAsNotConfirmedAndLaterOnesAsAClosedSession() {
        CompletableFuture<Long> waiting = send("never went out");

        outbox.close();
        CompletableFuture<Long> after = send("after the end");

        assertThat(failure(waiting)).isInstanceOf(SendNotConfirmedException.class);
        assertThat(failure(after)).isInstanceOf(ConnectionFailedException.class);
    }

    // ---- kept on disk (the device's outbox, docs/E2EE.md 20.3) ---------------------------------

    /** The messages whose entry on disk was deleted, by text. */
    private final List<String> deleted = new ArrayList<>();

    private Outbox.Kept onDisk(String text) {
        return new Outbox.Kept() {
            @Override
            public void settled() {
                deleted.add(text);
            }

            @Override
            public boolean onDisk() {
                return true;
            }
        };
    }

    private CompletableFuture<Long> sendKept(String text) {
        return outbox.send((line, sendId) -> line.send(text, sendId), (sendId, firstTry, kept, failed) -> kept.accept(onDisk(text)));
    }

    @Test
    void aKeptMessageStillUnansweredWhenTheSessionClosesFailsAsKeptForTheNextStartAndStaysOnDisk() {
        Line line = new Line();
        outbox.connected(line);
        CompletableFuture<Long> kept = sendKept("kept");
        CompletableFuture<Long> memory = send("memory only");
        line.lose();
        outbox.disconnected();

        outbox.close();

        assertThat(failure(kept)).isInstanceOfSatisfying(SendNotConfirmedException.class,
                e -> assertThat(e.keptForNextStart()).isTrue());
        assertThat(failure(memory)).isInstanceOfSatisfying(SendNotConfirmedException.class,
                e -> assertThat(e.keptForNextStart()).isFalse());
        assertThat(deleted).isEmpty();
    }

    @Test
    void aKeptMessageIsDeletedOnceStoredRefusedOrNotConfirmedInTime() {
        Line line = new Line();
        outbox.connected(line);
        sendKept("stored");
        sendKept("refused");
        sendKept("unconfirmed");

        line.sent.get(0).answer().complete(1L);
        line.sent.get(1).answer().completeExceptionally(new RequestFailedException(ErrorCode.NOT_A_MEMBER, "join first"));
        clock.advance(Outbox.CONFIRM_WITHIN);
        line.sent.get(2).answer().completeExceptionally(new TimeoutException());

        assertThat(deleted).containsExactly("stored", "refused", "unconfirmed");
    }

    @Test
    void aKeptMessageIsNotSentBeforeItIsWrittenAndNotAtAllWhenTheWriteFails() {
        Line line = new Line();
        outbox.connected(line);
        List<Runnable> writes = new ArrayList<>();
        CompletableFuture<Long> written = outbox.send((l, sendId) -> l.send("written", sendId),
                (sendId, firstTry, kept, failed) -> writes.add(() -> kept.accept(onDisk("written"))));
        CompletableFuture<Long> unwritable = outbox.send((l, sendId) -> l.send("unwritable", sendId),
                (sendId, firstTry, kept, failed) -> failed.accept(new java.io.IOException("disk full")));
        assertThat(line.sent).isEmpty();

        writes.forEach(Runnable::run);

        assertThat(line.sent).extracting(Sent::text).containsExactly("written");
        assertThat(written).isNotDone();
        assertThat(failure(unwritable)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void restoredMessagesGoFirstInTheirOrderWithTheirSendIdsAndAnExpiredOneIsNotSent() throws Exception {
        SendId first = SendId.random(new SecureRandom());
        SendId second = SendId.random(new SecureRandom());
        SendId third = SendId.random(new SecureRandom());
        CompletableFuture<Long> a = outbox.restore((l, id) -> l.send("kept one", id), first, clock.instant(), onDisk("kept one"));
        CompletableFuture<Long> old = outbox.restore((l, id) -> l.send("too old", id), second,
                clock.instant().minus(Outbox.CONFIRM_WITHIN), onDisk("too old"));
        CompletableFuture<Long> b = outbox.restore((l, id) -> l.send("kept two", id), third, clock.instant(), onDisk("kept two"));
        send("new");

        Line line = new Line();
        outbox.connected(line);
        line.sent.get(0).answer().complete(5L);

        assertThat(line.sent).extracting(Sent::text).containsExactly("kept one", "kept two", "new");
        assertThat(line.sent).extracting(Sent::sendId).startsWith(first, third);
        assertThat(a.get()).isEqualTo(5L);
        assertThat(b).isNotDone();
        assertThat(failure(old)).isInstanceOfSatisfying(SendNotConfirmedException.class,
                e -> assertThat(e.keptForNextStart()).isFalse());
        assertThat(deleted).containsExactly("too old", "kept one");
    }
}
