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
}
