package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.parley.server.metrics.BacklogBound;

/**
 * The room backlog bound (issue 13 §3): a room refuses new messages while too many of its messages
 * are in flight, or while enough are and the oldest has waited too long; it takes them again as
 * soon as the backlog drains, and keeps no record of a room with nothing in flight. Each refusal
 * names the bound that refused (count, age, predicted wait), which the metrics count. A room that
 * swings inside what it can carry (it empties, refills, and its first finishes come far apart) is
 * not refused; one that keeps falling behind is, within about the bound; a stall is refused by age.
 */
class RoomBacklogTest {
    private static final long MILLI = 1_000_000;
    /** A chat message's body in bytes, far from the byte bound. */
    private static final int SMALL = 100;
    /** The largest room message body (org.parley.e2ee.group.RoomEnvelope.MAX_LENGTH). */
    private static final int LARGEST = Messaging.MAX_ROOM_ENVELOPE_BYTES;
    private final AtomicLong now = new AtomicLong(1_000 * MILLI);
    private final RoomBacklog backlog = new RoomBacklog(now::get);

    @Test
    void aRoomTakesMessagesUpToItsCountBoundAndOneMoreOnceOneFinished() {
        for (int i = 0; i < RoomBacklog.MAX_IN_FLIGHT; i++) {
            assertThat(backlog.admit("room:a", SMALL)).as("message %d", i).isEmpty();
        }
        assertThat(backlog.admit("room:a", SMALL)).as("past the count bound").contains(BacklogBound.COUNT);
        assertThat(backlog.admit("room:b", SMALL)).as("another room has its own bound").isEmpty();

        backlog.finished("room:a", SMALL);
        assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        assertThat(backlog.inFlight("room:a")).isEqualTo(RoomBacklog.MAX_IN_FLIGHT);
    }

    @Test
    void aRoomTakesAThousandAndOneMessagesInFlightWhichTheOldCountBoundRefused() {
        // Two group commits of 500 each, waiting for their fsync within the time bounds, and one more.
        for (int i = 0; i < 1_001; i++) {
            assertThat(backlog.admit("room:a", SMALL)).as("message %d", i).isEmpty();
        }
        now.addAndGet(30 * MILLI);
        assertThat(backlog.admit("room:a", SMALL)).as("30 ms later, 1,001 in flight").isEmpty();
        assertThat(backlog.inFlight("room:a")).isEqualTo(1_002);
    }

    @Test
    void aRoomWithNothingInFlightTakesOneMessageOfAnySize() {
        assertThat(backlog.admit("room:a", Integer.MAX_VALUE)).as("alone, even past the byte bound").isEmpty();
        assertThat(backlog.admit("room:a", SMALL)).as("nothing more while it is in flight").contains(BacklogBound.BYTES);
        backlog.finished("room:a", Integer.MAX_VALUE);
        assertThat(backlog.admit("room:a", SMALL)).isEmpty();
    }

    @Test
    void aRoomRefusesAMessageWhoseBodyWouldTakeItsBytesInFlightPastTheByteBoundAndTakesItOnceOneFinished() {
        long fit = RoomBacklog.MAX_IN_FLIGHT_BYTES / LARGEST;
        for (int i = 0; i < fit; i++) {
            assertThat(backlog.admit("room:a", LARGEST)).as("largest message %d", i).isEmpty();
        }
        assertThat(fit).as("the byte bound holds, not the count").isLessThan(RoomBacklog.MAX_IN_FLIGHT);
        assertThat(backlog.admit("room:a", LARGEST)).as("one more largest message").contains(BacklogBound.BYTES);
        long left = RoomBacklog.MAX_IN_FLIGHT_BYTES - fit * LARGEST;
        assertThat(backlog.admit("room:a", (int) left)).as("exactly up to the bound").isEmpty();
        assertThat(backlog.admit("room:a", 1)).as("one byte past it").contains(BacklogBound.BYTES);
        assertThat(backlog.admit("room:b", LARGEST)).as("another room has its own bytes").isEmpty();

        backlog.finished("room:a", LARGEST);
        assertThat(backlog.admit("room:a", LARGEST)).as("a finished message gives its bytes back").isEmpty();
        assertThat(backlog.admit("room:a", 1)).contains(BacklogBound.BYTES);
    }

    @Test
    void aRoomPastItsCountAndAgeBothIsRefusedForItsCount() {
        for (int i = 0; i < RoomBacklog.MAX_IN_FLIGHT; i++) {
            assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        }
        now.addAndGet(10 * RoomBacklog.MAX_WAIT_MILLIS * MILLI);

        assertThat(backlog.admit("room:a", SMALL)).contains(BacklogBound.COUNT);
        backlog.finished("room:a", SMALL);
        assertThat(backlog.admit("room:a", SMALL)).as("below the count, still old").contains(BacklogBound.AGE);
    }

    @Test
    void aRoomWhoseOldestMessageWaitedTooLongRefusesUntilItIsDelivered() {
        for (int i = 0; i <= RoomBacklog.MIN_IN_FLIGHT; i++) {
            assertThat(backlog.admit("room:a", SMALL)).isEmpty();
            now.addAndGet(MILLI);
        }
        now.set(1_000 * MILLI + RoomBacklog.MAX_WAIT_MILLIS * MILLI);
        assertThat(backlog.admit("room:a", SMALL)).as("oldest waited exactly the bound").isEmpty();
        now.addAndGet(1);
        assertThat(backlog.admit("room:a", SMALL)).as("oldest waited longer than the bound").contains(BacklogBound.AGE);

        assertThat(backlog.admit("room:a", SMALL)).as("still").contains(BacklogBound.AGE);

        while (backlog.inFlight("room:a") > RoomBacklog.MIN_IN_FLIGHT) {
            backlog.finished("room:a", SMALL);
        }
        assertThat(backlog.admit("room:a", SMALL)).as("drained to the floor").isEmpty();
    }

    @Test
    void aRoomRefusesOnceItsMessagesInFlightWouldTakeLongerThanTheBoundToDeliverAtItsRecentRate() {
        // Delivered at one message per 10 ms (never empty, so the room keeps its rate): at most 10
        // may wait, but the floor lets 32 in.
        assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        for (int i = 0; i < 200; i++) {
            assertThat(backlog.admit("room:a", SMALL)).isEmpty();
            now.addAndGet(10 * MILLI);
            backlog.finished("room:a", SMALL);
        }
        for (int i = 1; i <= RoomBacklog.MIN_IN_FLIGHT; i++) {
            assertThat(backlog.admit("room:a", SMALL)).as("within the floor, %d", i).isEmpty();
        }
        assertThat(backlog.admit("room:a", SMALL)).as("33 × 10 ms would wait past 100 ms, though none is old yet")
                .contains(BacklogBound.PREDICTED_WAIT);

        RoomBacklog fast = new RoomBacklog(now::get);
        fast.admit("room:a", SMALL);
        for (int i = 0; i < 1_000; i++) { // 100 ms of delivery: enough to have a rate
            fast.admit("room:a", SMALL);
            now.addAndGet(MILLI / 10);
            fast.finished("room:a", SMALL);
        }
        for (int i = 1; i < 500; i++) {
            assertThat(fast.admit("room:a", SMALL)).as("a room delivered at 10,000 a second takes %d", i).isEmpty();
        }
    }

    @Test
    void aRoomWhoseMessagesFinishInBurstsIsJudgedByItsRateNotByTheFirstMessageOfABurst() {
        // 100 messages finish together every 8 ms (one group commit each): 80 µs apiece, so 800 in
        // flight would take 64 ms. The first message of each burst waited the whole 8 ms.
        assertThat(backlog.admit("room:a", SMALL)).isEmpty(); // one stays in flight throughout, as under steady traffic
        for (int round = 0; round < 50; round++) {
            finishTogether(100, 8 * MILLI);
        }
        for (int i = 0; i < 800; i++) {
            assertThat(backlog.admit("room:a", SMALL)).as("message %d", i).isEmpty();
        }
        now.addAndGet(8 * MILLI);
        backlog.finished("room:a", SMALL); // the next burst has begun: its first message carried the 8 ms

        assertThat(backlog.admit("room:a", SMALL)).as("about 800 × 80 µs = 64 ms, within the 100 ms bound").isEmpty();
    }

    @Test
    void aRoomWhoseBurstsComeTooRarelyForItsBacklogIsRefusedForThePredictedWait() {
        // 100 messages every 50 ms: 500 µs apiece, so 201 in flight would take about 100 ms.
        assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        for (int round = 0; round < 20; round++) {
            finishTogether(100, 50 * MILLI);
        }
        int admitted = 0;
        while (admitted < 1_000 && backlog.admit("room:a", SMALL).isEmpty()) {
            admitted++;
        }

        assertThat(admitted + 1).as("in flight when refused: about 100 ms at 2,000 a second").isBetween(190, 210);
        assertThat(backlog.admit("room:a", SMALL)).contains(BacklogBound.PREDICTED_WAIT);
    }

    @Test
    void aRoomsFirstMessageToFinishTellsItsLatencyNotItsRate() {
        // 150 arrive while the first commit runs; the first finishes 20 ms after its arrival.
        for (int i = 0; i < 150; i++) {
            assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        }
        now.addAndGet(20 * MILLI);
        backlog.finished("room:a", SMALL);

        assertThat(backlog.admit("room:a", SMALL)).as("150 × 20 ms would be 3 s, but 20 ms is the pipeline's latency").isEmpty();
    }

    @Test
    void aRoomThatEmptiedIsNotRefusedForThePredictedWaitOfItsFirstFewFinishes() {
        // Seen in the fan-out ladder: the room drained, 258 arrived while its pipeline refilled,
        // and two finished 6.7 ms apart: one gap over one message, 1.7 s predicted for 258.
        assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        backlog.finished("room:a", SMALL);
        for (int i = 0; i < 259; i++) {
            assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        }
        now.addAndGet(5 * MILLI);
        backlog.finished("room:a", SMALL);
        now.addAndGet(6_700_000);
        backlog.finished("room:a", SMALL);

        assertThat(backlog.admit("room:a", SMALL)).as("one 6.7 ms gap is not yet the room's rate").isEmpty();
        now.addAndGet(20 * MILLI);
        assertThat(backlog.admit("room:a", SMALL)).as("nor does it become one while nothing more finishes").isEmpty();
    }

    @Test
    void aRoomThatKeepsFallingBehindIsRefusedForThePredictedWaitOnceItHasMeasuredFiftyMillisecondsOfDelivery() {
        // From empty, a message arrives every millisecond and one finishes every 2 ms: the backlog
        // grows by one every 2 ms and would wait 2 ms × its size.
        long start = now.get();
        Optional<BacklogBound> refused = Optional.empty();
        for (int ms = 1; ms <= 1_000 && refused.isEmpty(); ms++) {
            now.addAndGet(MILLI);
            refused = backlog.admit("room:a", SMALL);
            if (refused.isEmpty() && ms % 2 == 0) {
                backlog.finished("room:a", SMALL);
            }
        }

        assertThat(refused).contains(BacklogBound.PREDICTED_WAIT);
        assertThat((now.get() - start) / MILLI).as("refused after 102 ms, with 51 × 2 ms in flight and the oldest 50 ms old")
                .isEqualTo(102);
        assertThat(backlog.inFlight("room:a")).isEqualTo(51);
    }

    @Test
    void aRoomWhoseDeliveryStallsIsRefusedByTheAgeOfItsOldestMessageThoughItsRateWasFast() {
        // Delivered at 10,000 a second for 100 ms, then nothing finishes.
        assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        for (int i = 0; i < 1_000; i++) {
            assertThat(backlog.admit("room:a", SMALL)).isEmpty();
            now.addAndGet(MILLI / 10);
            backlog.finished("room:a", SMALL);
        }
        long stalled = now.get();
        int admitted = 0;
        Optional<BacklogBound> refused = Optional.empty();
        while (refused.isEmpty() && now.get() - stalled <= 1_000 * MILLI) {
            now.addAndGet(MILLI / 5);
            refused = backlog.admit("room:a", SMALL);
            if (refused.isEmpty()) {
                admitted++;
            }
        }

        assertThat(refused).contains(BacklogBound.AGE);
        assertThat((now.get() - stalled) / MILLI).as("refused once the oldest had waited past 100 ms").isEqualTo(100);
        assertThat(admitted).as("admitted meanwhile; at 0.1 ms apiece, 500 would take 50 ms").isEqualTo(499);
    }

    private void finishTogether(int messages, long after) {
        for (int i = 0; i < messages; i++) {
            assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        }
        now.addAndGet(after);
        for (int i = 0; i < messages; i++) {
            backlog.finished("room:a", SMALL);
        }
    }

    @Test
    void aRoomWithFewMessagesInFlightIsNeverRefusedForTheirAge() {
        for (int i = 0; i < RoomBacklog.MIN_IN_FLIGHT; i++) {
            assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        }
        now.addAndGet(60_000 * MILLI);
        assertThat(backlog.admit("room:a", SMALL)).as("at the floor, a stalled disk under light traffic").isEmpty();
        assertThat(backlog.admit("room:a", SMALL)).as("above the floor").contains(BacklogBound.AGE);
    }

    @Test
    void aRoomWithNothingInFlightIsForgottenAndStartsAfresh() {
        assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        backlog.finished("room:a", SMALL);
        assertThat(backlog.inFlight("room:a")).isZero();

        backlog.finished("room:a", SMALL);
        assertThat(backlog.inFlight("room:a")).as("an extra finish does not go negative").isZero();
        assertThat(backlog.admit("room:a", SMALL)).isEmpty();
        assertThat(backlog.inFlight("room:a")).isEqualTo(1);
    }
}
