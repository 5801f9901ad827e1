package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.parley.server.metrics.BacklogBound;

/**
 * The room backlog bound (issue 13 §3): a room refuses new messages while too many of its messages
 * are in flight, or while enough are and the oldest has waited too long; it takes them again as
 * soon as the backlog drains, and keeps no record of a room with nothing in flight. Each refusal
 * names the bound that refused (count, age, predicted wait), which the metrics count.
 */
class RoomBacklogTest {
    private static final long MILLI = 1_000_000;
    private final AtomicLong now = new AtomicLong(1_000 * MILLI);
    private final RoomBacklog backlog = new RoomBacklog(now::get);

    @Test
    void aRoomTakesMessagesUpToItsCountBoundAndOneMoreOnceOneFinished() {
        for (int i = 0; i < RoomBacklog.MAX_IN_FLIGHT; i++) {
            assertThat(backlog.admit("room:a")).as("message %d", i).isEmpty();
        }
        assertThat(backlog.admit("room:a")).as("past the count bound").contains(BacklogBound.COUNT);
        assertThat(backlog.admit("room:b")).as("another room has its own bound").isEmpty();

        backlog.finished("room:a");
        assertThat(backlog.admit("room:a")).isEmpty();
        assertThat(backlog.inFlight("room:a")).isEqualTo(RoomBacklog.MAX_IN_FLIGHT);
    }

    @Test
    void aRoomPastItsCountAndAgeBothIsRefusedForItsCount() {
        for (int i = 0; i < RoomBacklog.MAX_IN_FLIGHT; i++) {
            assertThat(backlog.admit("room:a")).isEmpty();
        }
        now.addAndGet(10 * RoomBacklog.MAX_WAIT_MILLIS * MILLI);

        assertThat(backlog.admit("room:a")).contains(BacklogBound.COUNT);
        backlog.finished("room:a");
        assertThat(backlog.admit("room:a")).as("below the count, still old").contains(BacklogBound.AGE);
    }

    @Test
    void aRoomWhoseOldestMessageWaitedTooLongRefusesUntilItIsDelivered() {
        for (int i = 0; i <= RoomBacklog.MIN_IN_FLIGHT; i++) {
            assertThat(backlog.admit("room:a")).isEmpty();
            now.addAndGet(MILLI);
        }
        now.set(1_000 * MILLI + RoomBacklog.MAX_WAIT_MILLIS * MILLI);
        assertThat(backlog.admit("room:a")).as("oldest waited exactly the bound").isEmpty();
        now.addAndGet(1);
        assertThat(backlog.admit("room:a")).as("oldest waited longer than the bound").contains(BacklogBound.AGE);

        assertThat(backlog.admit("room:a")).as("still").contains(BacklogBound.AGE);

        while (backlog.inFlight("room:a") > RoomBacklog.MIN_IN_FLIGHT) {
            backlog.finished("room:a");
        }
        assertThat(backlog.admit("room:a")).as("drained to the floor").isEmpty();
    }

    @Test
    void aRoomRefusesOnceItsMessagesInFlightWouldTakeLongerThanTheBoundToDeliverAtItsRecentRate() {
        // Delivered at one message per 10 ms (never empty, so the room keeps its rate): at most 10
        // may wait, but the floor lets 32 in.
        assertThat(backlog.admit("room:a")).isEmpty();
        for (int i = 0; i < 200; i++) {
            assertThat(backlog.admit("room:a")).isEmpty();
            now.addAndGet(10 * MILLI);
            backlog.finished("room:a");
        }
        for (int i = 1; i <= RoomBacklog.MIN_IN_FLIGHT; i++) {
            assertThat(backlog.admit("room:a")).as("within the floor, %d", i).isEmpty();
        }
        assertThat(backlog.admit("room:a")).as("33 × 10 ms would wait past 100 ms, though none is old yet")
                .contains(BacklogBound.PREDICTED_WAIT);

        RoomBacklog fast = new RoomBacklog(now::get);
        fast.admit("room:a");
        for (int i = 0; i < 200; i++) {
            fast.admit("room:a");
            now.addAndGet(MILLI / 10);
            fast.finished("room:a");
        }
        for (int i = 1; i < 500; i++) {
            assertThat(fast.admit("room:a")).as("a room delivered at 10,000 a second takes %d", i).isEmpty();
        }
    }

    @Test
    void aRoomWhoseMessagesFinishInBurstsIsJudgedByItsRateNotByTheFirstMessageOfABurst() {
        // 100 messages finish together every 8 ms (one group commit each): 80 µs apiece, so 800 in
        // flight would take 64 ms. The first message of each burst waited the whole 8 ms.
        assertThat(backlog.admit("room:a")).isEmpty(); // one stays in flight throughout, as under steady traffic
        for (int round = 0; round < 50; round++) {
            finishTogether(100, 8 * MILLI);
        }
        for (int i = 0; i < 800; i++) {
            assertThat(backlog.admit("room:a")).as("message %d", i).isEmpty();
        }
        now.addAndGet(8 * MILLI);
        backlog.finished("room:a"); // the next burst has begun: its first message carried the 8 ms

        assertThat(backlog.admit("room:a")).as("about 800 × 80 µs = 64 ms, within the 100 ms bound").isEmpty();
    }

    @Test
    void aRoomWhoseBurstsComeTooRarelyForItsBacklogIsRefusedForThePredictedWait() {
        // 100 messages every 50 ms: 500 µs apiece, so 201 in flight would take about 100 ms.
        assertThat(backlog.admit("room:a")).isEmpty();
        for (int round = 0; round < 20; round++) {
            finishTogether(100, 50 * MILLI);
        }
        int admitted = 0;
        while (admitted < 1_000 && backlog.admit("room:a").isEmpty()) {
            admitted++;
        }

        assertThat(admitted + 1).as("in flight when refused: about 100 ms at 2,000 a second").isBetween(190, 210);
        assertThat(backlog.admit("room:a")).contains(BacklogBound.PREDICTED_WAIT);
    }

    @Test
    void aRoomsFirstMessageToFinishTellsItsLatencyNotItsRate() {
        // 150 arrive while the first commit runs; the first finishes 20 ms after its arrival.
        for (int i = 0; i < 150; i++) {
            assertThat(backlog.admit("room:a")).isEmpty();
        }
        now.addAndGet(20 * MILLI);
        backlog.finished("room:a");

        assertThat(backlog.admit("room:a")).as("150 × 20 ms would be 3 s, but 20 ms is the pipeline's latency").isEmpty();
    }

    private void finishTogether(int messages, long after) {
        for (int i = 0; i < messages; i++) {
            assertThat(backlog.admit("room:a")).isEmpty();
        }
        now.addAndGet(after);
        for (int i = 0; i < messages; i++) {
            backlog.finished("room:a");
        }
    }

    @Test
    void aRoomWithFewMessagesInFlightIsNeverRefusedForTheirAge() {
        for (int i = 0; i < RoomBacklog.MIN_IN_FLIGHT; i++) {
            assertThat(backlog.admit("room:a")).isEmpty();
        }
        now.addAndGet(60_000 * MILLI);
        assertThat(backlog.admit("room:a")).as("at the floor, a stalled disk under light traffic").isEmpty();
        assertThat(backlog.admit("room:a")).as("above the floor").contains(BacklogBound.AGE);
    }

    @Test
    void aRoomWithNothingInFlightIsForgottenAndStartsAfresh() {
        assertThat(backlog.admit("room:a")).isEmpty();
        backlog.finished("room:a");
        assertThat(backlog.inFlight("room:a")).isZero();

        backlog.finished("room:a");
        assertThat(backlog.inFlight("room:a")).as("an extra finish does not go negative").isZero();
        assertThat(backlog.admit("room:a")).isEmpty();
        assertThat(backlog.inFlight("room:a")).isEqualTo(1);
    }
}
