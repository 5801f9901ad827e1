package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.server.metrics.RateBucket;

/** The chat partitions: order within a lane, bounds, and a busy lane yielding to the others. */
class LanesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    private final Gate gate = new Gate();
    private Lanes lanes;

    @AfterEach
    void close() {
        gate.open();
        lanes.close();
        assertThat(failures).isEmpty();
    }

    @Test
    void tasksOfOneLaneRunInSubmissionOrderAndNeverTwoAtATime() {
        lanes = new Lanes(4, 100_000, 100_000, failures::add);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        for (int i = 0; i < 5_000; i++) {
            int index = i;
            assertThat(lanes.submit("room:a", () -> {
                if (!running.compareAndSet(false, true)) {
                    overlaps.incrementAndGet();
                }
                ran.add(index);
                running.set(false);
            })).isTrue();
        }

        await().atMost(WAIT).until(() -> ran.size() == 5_000);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            expected.add(i);
        }
        assertThat(ran).isEqualTo(expected);
        assertThat(overlaps).hasValue(0);
        await().atMost(WAIT).until(() -> lanes.queued() == 0);
    }

    @Test
    void aFullLaneRefusesMoreWorkWhileAnotherLaneStillTakesIt() {
        lanes = new Lanes(2, 1_000, 3, failures::add);
        assertThat(lanes.submit("room:busy", gate.blocker())).isTrue();
        await().atMost(WAIT).until(() -> lanes.queued() == 0);
        for (int i = 0; i < 3; i++) {
            assertThat(lanes.submit("room:busy", () -> { })).isTrue();
        }

        assertThat(lanes.submit("room:busy", () -> { })).isFalse();
        CountDownLatch quietRan = new CountDownLatch(1);
        assertThat(lanes.submit("room:quiet", quietRan::countDown)).isTrue();
        await().atMost(WAIT).until(() -> quietRan.getCount() == 0);
    }

    @Test
    void aRefusedTaskNamesTheBoundThatRefusedItTheLaneOrTheWholeQueue() {
        List<RateBucket> refusals = new CopyOnWriteArrayList<>();
        lanes = new Lanes(1, 5, 3, failures::add, depth -> { }, refusals::add);
        assertThat(lanes.submit("room:busy", gate.blocker())).isTrue();
        await().atMost(WAIT).until(() -> lanes.queued() == 0);
        for (int i = 0; i < 3; i++) {
            assertThat(lanes.submit("room:busy", () -> { })).isTrue();
        }

        assertThat(lanes.submit("room:busy", () -> { })).as("the lane holds 3").isFalse();
        assertThat(lanes.runHereOrSubmit("room:busy", () -> { })).as("run here or not, the lane holds 3").isFalse();
        assertThat(lanes.submit("room:other", () -> { })).isTrue();
        assertThat(lanes.submit("room:third", () -> { })).isTrue();
        assertThat(lanes.submit("room:fourth", () -> { })).as("5 queued in all").isFalse();

        assertThat(refusals).containsExactly(RateBucket.LANE, RateBucket.LANE, RateBucket.CHAT_QUEUE);
    }

    @Test
    void aStalledRoomsLaneHoldsEveryMessageTheRoomMayHaveInFlight() {
        // The room's backlog (counted by bound in the metrics) must refuse before its lane does.
        lanes = new Lanes(2, ChatService.QUEUE_CAPACITY, ChatService.LANE_CAPACITY, failures::add);
        assertThat(lanes.submit("room:busy", gate.blocker())).isTrue();
        await().atMost(WAIT).until(() -> lanes.queued() == 0);
        for (int i = 0; i < RoomBacklog.MAX_IN_FLIGHT; i++) {
            assertThat(lanes.submit("room:busy", () -> { })).as("message %d", i).isTrue();
        }
    }

    @Test
    void aBusyLaneYieldsItsThreadToAnotherLaneAfterOneBatch() {
        lanes = new Lanes(1, 1_000, 1_000, failures::add);
        AtomicInteger busyRan = new AtomicInteger();
        lanes.submit("room:busy", gate.blocker());
        for (int i = 0; i < 100; i++) {
            lanes.submit("room:busy", busyRan::incrementAndGet);
        }
        AtomicInteger seenByQuiet = new AtomicInteger(-1);
        lanes.submit("room:quiet", () -> seenByQuiet.set(busyRan.get()));

        gate.open();

        await().atMost(WAIT).until(() -> seenByQuiet.get() >= 0);
        // The busy lane's first turn: the blocking task and 15 more, then the quiet lane.
        assertThat(seenByQuiet).hasValue(Lanes.BATCH - 1);
        await().atMost(WAIT).until(() -> busyRan.get() == 100);
    }

    @Test
    void aClosedLaneSetRefusesNewWorkAndFinishesWhatWasQueued() {
        lanes = new Lanes(1, 1_000, 1_000, failures::add);
        AtomicInteger ran = new AtomicInteger();
        lanes.submit("room:a", gate.blocker());
        for (int i = 0; i < 40; i++) {
            lanes.submit("room:a", ran::incrementAndGet);
        }
        Thread closer = Thread.ofPlatform().start(lanes::close);
        await().atMost(WAIT).until(() -> !lanes.submit("room:b", () -> { }));

        gate.open();

        await().atMost(WAIT).until(() -> !closer.isAlive());
        assertThat(ran).hasValue(40);
    }
}
