package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;

class PendingRequestsTest {
    /** Long beside the 50 and 100 ms timeouts: the JDK's timer thread may be slow to run on a loaded machine. */
    private static final Duration TIMER = Duration.ofSeconds(20);

    @Test
    void idsIncreaseFromOne() {
        var pending = new PendingRequests(Duration.ofMinutes(1));

        assertThat(pending.register().requestId()).isEqualTo(1);
        assertThat(pending.register().requestId()).isEqualTo(2);
    }

    @Test
    void anAnswerIsHandedOutOnce() {
        var pending = new PendingRequests(Duration.ofMinutes(1));
        var registration = pending.register();

        assertThat(pending.take(registration.requestId())).containsSame(registration.answer());
        assertThat(pending.take(registration.requestId())).isEmpty();
    }

    @Test
    void failAllFailsWaitingAndLaterRequests() {
        var pending = new PendingRequests(Duration.ofMinutes(1));
        var waiting = pending.register();
        var cause = new ConnectionFailedException("gone");

        pending.failAll(cause);
        var later = pending.register();

        assertThat(waiting.answer()).isCompletedExceptionally();
        assertThat(later.answer()).isCompletedExceptionally();
        assertThat(later.answer().exceptionNow()).isSameAs(cause);
        assertThat(pending.take(waiting.requestId())).isEmpty();
    }

    @Test
    void anUnansweredRequestTimesOutAndIsForgotten() {
        var pending = new PendingRequests(Duration.ofMillis(50));
        var registration = pending.register();
        pending.send(registration.requestId(), Bytes.copyOf(new byte[] {1}), false, bytes -> { });

        // The timeout fails the future first, then (on the same timer thread) forgets the request.
        await().atMost(TIMER).until(() -> registration.answer().isDone() && pending.unanswered() == 0);

        assertThat(registration.answer().exceptionNow()).isInstanceOf(TimeoutException.class);
        assertThat(pending.take(registration.requestId())).isEmpty();
        assertThat(registration.answer().complete(new ChatEvent.Accepted(1, 0))).isFalse();
    }

    /** What a session wrote, one byte per request: the low byte of its id. */
    private static final class Wire {
        /** Written by the test's thread, and by the timer thread when a timeout opens the window. */
        final List<Integer> written = new CopyOnWriteArrayList<>();

        void send(PendingRequests pending, PendingRequests.Registration r, boolean ping) {
            pending.send(r.requestId(), Bytes.copyOf(new byte[] {(byte) r.requestId()}), ping,
                    bytes -> written.add((int) bytes.get(0)));
        }
    }

    private static List<PendingRequests.Registration> sendMany(PendingRequests pending, Wire wire, int count) {
        List<PendingRequests.Registration> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var r = pending.register();
            wire.send(pending, r, false);
            sent.add(r);
        }
        return sent;
    }

    @Test
    void aSessionSendsAtMost64RequestsBeforeItsAnswersAndQueuesTheRestInOrder() {
        var pending = new PendingRequests(Duration.ofMinutes(1));
        var wire = new Wire();

        sendMany(pending, wire, 70);

        assertThat(wire.written).hasSize(64).startsWith(1, 2, 3).endsWith(64);
        assertThat(pending.unanswered()).isEqualTo(64);
        assertThat(pending.queued()).isEqualTo(6);
    }

    @Test
    void eachAnswerLetsTheOldestQueuedRequestBeWritten() {
        var pending = new PendingRequests(Duration.ofMinutes(1), 2, 4);
        var wire = new Wire();
        var sent = sendMany(pending, wire, 4);

        pending.take(sent.get(1).requestId()).orElseThrow().complete(new ChatEvent.Accepted(2, 0));

        assertThat(wire.written).containsExactly(1, 2, 3);
        pending.take(sent.get(0).requestId()).orElseThrow().complete(new ChatEvent.Accepted(1, 0));
        assertThat(wire.written).containsExactly(1, 2, 3, 4);
        assertThat(pending.queued()).isZero();
    }

    @Test
    void aRequestThatFindsTheWindowAndTheQueueFullFailsAtOnceWithATypedError() {
        var pending = new PendingRequests(Duration.ofMinutes(1), 2, 1);
        var wire = new Wire();

        var sent = sendMany(pending, wire, 4);

        assertThat(wire.written).containsExactly(1, 2);
        assertThat(sent.get(2).answer()).isNotDone();
        assertThat(sent.get(3).answer().exceptionNow()).isInstanceOf(RequestQueueFullException.class)
                .hasMessageContaining("2 unanswered and 1 waiting");
        assertThat(pending.take(sent.get(3).requestId())).isEmpty();
    }

    @Test
    void aPingIsWrittenAtOnceWhenTheWindowIsFullAndDoesNotCountAgainstIt() {
        var pending = new PendingRequests(Duration.ofMinutes(1), 2, 1);
        var wire = new Wire();
        sendMany(pending, wire, 3);
        var ping = pending.register();

        wire.send(pending, ping, true);

        assertThat(wire.written).containsExactly(1, 2, 4);
        pending.take(ping.requestId()).orElseThrow().complete(new ChatEvent.Accepted(4, 0));
        assertThat(wire.written).containsExactly(1, 2, 4); // the ping's answer opened nothing
        assertThat(pending.queued()).isEqualTo(1);
    }

    @Test
    void aQueuedRequestDoesNotTimeOutUntilItIsWritten() throws Exception {
        var pending = new PendingRequests(Duration.ofMillis(100), 1, 1);
        var wire = new Wire();
        var sent = sendMany(pending, wire, 2);

        // The written one times out and opens the window: the queued one is written then (on the timer
        // thread, just after the first future failed), with a timeout of its own.
        await().atMost(TIMER).until(() -> sent.get(0).answer().isDone() && wire.written.size() == 2);
        assertThat(sent.get(0).answer().exceptionNow()).isInstanceOf(TimeoutException.class);
        assertThat(wire.written).containsExactly(1, 2);
        await().atMost(TIMER).until(sent.get(1).answer()::isDone);
        assertThat(sent.get(1).answer().exceptionNow()).isInstanceOf(TimeoutException.class);
    }

    @Test
    void aQueuedRequestItsCallerGaveUpOnIsNeverWritten() {
        var pending = new PendingRequests(Duration.ofMinutes(1), 1, 2);
        var wire = new Wire();
        var sent = sendMany(pending, wire, 3);

        sent.get(1).answer().cancel(false);
        pending.take(sent.get(0).requestId()).orElseThrow().complete(new ChatEvent.Accepted(1, 0));

        assertThat(wire.written).containsExactly(1, 3);
    }

    @Test
    void whenTheConnectionEndsQueuedRequestsFailToo() {
        var pending = new PendingRequests(Duration.ofMinutes(1), 1, 2);
        var wire = new Wire();
        var sent = sendMany(pending, wire, 2);
        var cause = new ConnectionFailedException("gone");

        pending.failAll(cause);

        assertThat(sent).allSatisfy(r -> assertThat(r.answer().exceptionNow()).isSameAs(cause));
        assertThat(pending.queued()).isZero();
        assertThat(wire.written).containsExactly(1);
    }
}
