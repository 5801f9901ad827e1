package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lane's turn takes its waiting tasks together: the ones taken and not yet started still count
 * as waiting, and what arrives during the turn runs after them, in order.
 */
class LanesTurnTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    private final Gate first = new Gate();
    private final Gate second = new Gate();
    private Lanes lanes;

    @AfterEach
    void close() {
        first.open();
        second.open();
        lanes.close();
        assertThat(failures).isEmpty();
    }

    @Test
    void tasksTakenForATurnButNotStartedStillCountAgainstTheLaneBoundAndTheQueue() {
        List<Integer> depths = new CopyOnWriteArrayList<>();
        lanes = new Lanes(1, 1_000, 3, failures::add, depths::add, bound -> { });
        assertThat(lanes.submit("room:a", first.blocker())).isTrue();
        await().atMost(WAIT).until(() -> lanes.queued() == 0);
        CountDownLatch secondStarted = new CountDownLatch(1);
        assertThat(lanes.submit("room:a", () -> {
            secondStarted.countDown();
            second.blocker().run();
        })).isTrue();
        assertThat(lanes.submit("room:a", () -> { })).isTrue();
        assertThat(lanes.submit("room:a", () -> { })).isTrue();

        first.open(); // the lane's next turn takes the three waiting tasks and blocks in the first of them
        await().atMost(WAIT).until(() -> secondStarted.getCount() == 0);

        assertThat(lanes.queued()).isEqualTo(2);
        assertThat(lanes.submit("room:a", () -> { })).isTrue();
        assertThat(lanes.submit("room:a", () -> { })).isFalse();
        assertThat(depths).containsExactly(1, 1, 2, 3, 3);
        second.open();
        await().atMost(WAIT).until(() -> lanes.queued() == 0 && lanes.active() == 0);
    }

    @Test
    void aTaskRefusedBecauseTheLanesAreClosedLeavesNothingQueuedAndNoLane() {
        lanes = new Lanes(1, 1_000, 1_000, failures::add);
        lanes.close();

        assertThat(lanes.submit("room:a", () -> { })).isFalse();
        assertThat(lanes.submitAlways("room:a", () -> { })).isFalse();
        assertThat(lanes.runHereOrSubmit("room:b", () -> { })).isFalse();

        assertThat(lanes.queued()).isZero();
        assertThat(lanes.submit("room:a", () -> { })).isFalse();
        assertThat(lanes.queued()).isZero();
    }

    @Test
    void aTaskQueuedDuringATurnRunsAfterTheTasksAlreadyTakenInSubmissionOrder() {
        lanes = new Lanes(1, 1_000, 1_000, failures::add);
        List<String> ran = new CopyOnWriteArrayList<>();
        assertThat(lanes.submit("room:a", first.blocker())).isTrue();
        await().atMost(WAIT).until(() -> lanes.queued() == 0);
        lanes.submit("room:a", () -> {
            ran.add("a");
            lanes.submit("room:a", () -> ran.add("c"));
            lanes.submit("room:a", () -> ran.add("d"));
        });
        lanes.submit("room:a", () -> ran.add("b"));

        first.open();

        await().atMost(WAIT).until(() -> ran.size() == 4);
        assertThat(ran).containsExactly("a", "b", "c", "d");
        await().atMost(WAIT).until(() -> lanes.queued() == 0 && lanes.active() == 0);
    }

    @Test
    void aLaneWithMoreThanOneBatchWaitingRunsExactlyOneBatchPerTurn() {
        lanes = new Lanes(1, 1_000, 1_000, failures::add);
        List<String> ran = new CopyOnWriteArrayList<>();
        assertThat(lanes.submit("room:busy", first.blocker())).isTrue();
        await().atMost(WAIT).until(() -> lanes.queued() == 0);
        for (int i = 0; i < 2 * Lanes.BATCH; i++) {
            int index = i;
            lanes.submit("room:busy", () -> ran.add("busy" + index));
        }
        lanes.submit("room:quiet", () -> ran.add("quiet"));

        first.open();

        await().atMost(WAIT).until(() -> ran.size() == 2 * Lanes.BATCH + 1);
        // The blocker's turn ends after 15 more; the quiet lane goes next, then the busy lane's second turn.
        assertThat(ran.indexOf("quiet")).isEqualTo(Lanes.BATCH - 1);
        assertThat(ran.stream().filter(name -> name.startsWith("busy")).toList())
                .isEqualTo(java.util.stream.IntStream.range(0, 2 * Lanes.BATCH).mapToObj(i -> "busy" + i).toList());
    }
}
