package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A busy room's fan-outs are paced ({@link FanOutPacing}): one that would start within the interval
 * of the room's previous one is held until the interval has passed and carries everything committed
 * meanwhile. The clock, the timer and the lane are played by the test (no sleeps), except in the
 * test of closing, which uses the real {@link FanOutTimer}.
 */
class CommitReturnsPacingTest {
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(2);
    private final long[] now = {1_000_000_000L};
    private final Queue<Runnable> laneTasks = new ArrayDeque<>();
    private final List<Held> timer = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private final boolean[] small = {false};
    private final FanOutPacing pacing = new FanOutPacing(INTERVAL, () -> now[0], (task, delay) -> timer.add(new Held(task, delay)));
    private final CommitReturns<Integer> returns = room("lobby");

    private record Held(Runnable task, long delayNanos) {
    }

    private CommitReturns<Integer> room(String name) {
        return new CommitReturns<>("room:" + name, (lane, task) -> laneTasks.add(task), (lane, task) -> {
            ran.add("here");
            task.run();
        }, () -> small[0], group -> ran.add(name + " fan-out " + group), message -> 1, 1_000, pacing);
    }

    private void runLane() {
        Runnable task;
        while ((task = laneTasks.poll()) != null) {
            task.run();
        }
    }

    private void advanceMillis(double millis) {
        now[0] += (long) (millis * 1_000_000);
    }

    /** Fires every timer due by now, in order, as the timer's thread would. */
    private void fireTimers() {
        List<Held> due = new ArrayList<>(timer);
        timer.clear();
        for (Held held : due) {
            held.task().run();
        }
    }

    @Test
    void aRoomsFirstFanOutRunsAtOnce() {
        returns.visible(1);

        assertThat(timer).isEmpty();
        assertThat(laneTasks).hasSize(1);
        runLane();
        assertThat(ran).containsExactly("lobby fan-out [1]");
    }

    @Test
    void aRoomsFanOutWithinTheIntervalOfThePreviousOneWaitsForItAndCarriesEveryMessageCommittedMeanwhile() {
        returns.visible(1);
        runLane();
        advanceMillis(0.5);

        returns.visible(2);
        returns.visible(3);
        advanceMillis(1);
        returns.visible(4);

        assertThat(laneTasks).isEmpty();
        assertThat(timer).hasSize(1);
        assertThat(timer.getFirst().delayNanos()).isEqualTo(TimeUnit.MICROSECONDS.toNanos(1_500));
        advanceMillis(0.5);
        fireTimers();
        assertThat(laneTasks).hasSize(1);
        runLane();
        assertThat(ran).containsExactly("lobby fan-out [1]", "lobby fan-out [2, 3, 4]");
    }

    @Test
    void aFanOutAfterTheIntervalHasPassedRunsAtOnce() {
        returns.visible(1);
        runLane();
        advanceMillis(2);

        returns.visible(2);

        assertThat(timer).isEmpty();
        runLane();
        assertThat(ran).containsExactly("lobby fan-out [1]", "lobby fan-out [2]");
    }

    @Test
    void anAnswerBehindAHeldFanOutStillFollowsIt() {
        returns.visible(1);
        runLane();
        returns.settled(() -> ran.add("answer 1")); // nothing waiting: runs in place
        advanceMillis(0.5);

        returns.visible(2);
        returns.settled(() -> ran.add("answer 2"));

        assertThat(ran).containsExactly("lobby fan-out [1]", "answer 1");
        advanceMillis(1.5);
        fireTimers();
        runLane();
        assertThat(ran).containsExactly("lobby fan-out [1]", "answer 1", "lobby fan-out [2]", "answer 2");
    }

    @Test
    void answersOfEarlierCommitsAmongTheHeldMessagesRunAfterTheOneFanOutOfThemAllInTheirOrder() {
        returns.visible(1);
        runLane();
        advanceMillis(0.5);

        returns.visible(2); // held
        returns.settled(() -> ran.add("answer 1")); // its fsync came after the next commit
        returns.visible(3);
        returns.settled(() -> ran.add("answer 2"));
        returns.visible(4);
        advanceMillis(1.5);
        fireTimers();
        runLane();

        assertThat(ran).containsExactly("lobby fan-out [1]", "lobby fan-out [2, 3, 4]", "answer 1", "answer 2");
    }

    @Test
    void answersWaitingAheadOfAHeldFanOutRunAtOnce() {
        returns.visible(1);
        returns.visible(2);
        laneTasks.poll().run(); // fans out [1, 2]
        advanceMillis(0.5);
        returns.settled(() -> ran.add("answer 1")); // nothing waiting: in place
        returns.visible(3);
        runLane();

        assertThat(ran).containsExactly("lobby fan-out [1, 2]", "answer 1");
        assertThat(timer).hasSize(1);
    }

    @Test
    void aHeldTurnCutByItsBudgetGoesOnAtOnceWithTheRest() {
        returns.visible(0);
        runLane();
        advanceMillis(0.5);
        int total = CommitReturns.PER_TURN + 10;
        for (int i = 1; i <= total; i++) {
            returns.visible(i);
        }
        advanceMillis(1.5);
        fireTimers();

        runLane();

        assertThat(timer).isEmpty();
        assertThat(ran).hasSize(3);
        assertThat(ran.get(2)).isEqualTo("lobby fan-out " + java.util.stream.IntStream.rangeClosed(CommitReturns.PER_TURN + 1,
                total).boxed().toList());
    }

    @Test
    void messagesCommittedWhileAFanOutRunsAreHeldForTheNextIntervalNotFannedOutAtOnce() {
        CommitReturns<Integer>[] self = new CommitReturns[1];
        self[0] = new CommitReturns<>("room:lobby", (lane, task) -> laneTasks.add(task), (lane, task) -> task.run(),
                () -> false, group -> {
                    ran.add("fan-out " + group);
                    if (group.contains(1)) {
                        self[0].visible(2); // the next commit, while this fan-out runs
                    }
                }, message -> 1, 100, pacing);
        self[0].visible(1);

        runLane();

        assertThat(ran).containsExactly("fan-out [1]");
        assertThat(timer).hasSize(1);
        advanceMillis(2);
        fireTimers();
        runLane();
        assertThat(ran).containsExactly("fan-out [1]", "fan-out [2]");
    }

    @Test
    void twoRoomsArePacedIndependently() {
        CommitReturns<Integer> other = room("kitchen");
        returns.visible(1);
        runLane();
        advanceMillis(0.5);

        other.visible(10);
        returns.visible(2);

        assertThat(laneTasks).hasSize(1);
        assertThat(timer).hasSize(1);
        runLane();
        assertThat(ran).containsExactly("lobby fan-out [1]", "kitchen fan-out [10]");
        advanceMillis(1.5);
        fireTimers();
        runLane();
        assertThat(ran).containsExactly("lobby fan-out [1]", "kitchen fan-out [10]", "lobby fan-out [2]");
    }

    @Test
    void aSmallRoomIsNotPaced() {
        small[0] = true;
        returns.visible(1);
        advanceMillis(0.5);

        returns.visible(2);

        assertThat(timer).isEmpty();
        assertThat(ran).containsExactly("here", "lobby fan-out [1]", "here", "lobby fan-out [2]");
    }

    @Test
    void aHeldFanOutRunsWhenTheServerCloses() {
        List<String> fannedOut = Collections.synchronizedList(new ArrayList<>());
        FanOutTimer real = new FanOutTimer();
        // The clock stands still, so the second fan-out is held for the whole (real) interval.
        CommitReturns<Integer> held = new CommitReturns<>("room:lobby", (lane, task) -> task.run(),
                (lane, task) -> task.run(), () -> false, group -> fannedOut.add("fan-out " + group), message -> 1, 100,
                new FanOutPacing(TimeUnit.MILLISECONDS.toNanos(100), () -> 0L, real));
        held.visible(1);
        held.visible(2);
        assertThat(fannedOut).containsExactly("fan-out [1]");

        real.close();

        assertThat(fannedOut).containsExactly("fan-out [1]", "fan-out [2]");
    }

    @Test
    void aFanOutHandedToAClosedTimerRunsAtOnce() {
        FanOutTimer real = new FanOutTimer();
        real.close();
        List<String> started = new ArrayList<>();

        real.schedule(() -> started.add("held fan-out"), TimeUnit.SECONDS.toNanos(1));

        assertThat(started).containsExactly("held fan-out");
    }
}
