package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The way back from the group commit to a room's lane: one lane task for many results, results in
 * the order they were handed in, consecutive visible messages fanned out together, a bounded turn.
 * The lane is played by the test (tasks queued, then run on the test thread) except in the last
 * test, which uses real {@link Lanes}.
 */
class CommitReturnsTest {
    private final Queue<Runnable> laneTasks = new ArrayDeque<>();
    private final List<String> ran = new ArrayList<>();
    private final CommitReturns<Integer> returns = new CommitReturns<>("room:lobby", (lane, task) -> laneTasks.add(task),
            group -> ran.add("fan-out " + group), message -> message, 100);

    private Runnable answer(String name) {
        return () -> ran.add(name);
    }

    private void runLane() {
        Runnable task;
        while ((task = laneTasks.poll()) != null) {
            task.run();
        }
    }

    @Test
    void aWholeCommitOfResultsCostsTheLaneOneTask() {
        returns.visible(1);
        returns.visible(2);
        returns.visible(3);
        returns.settled(answer("answer 1"));
        returns.settled(answer("answer 2"));

        assertThat(laneTasks).hasSize(1);
        runLane();

        assertThat(ran).containsExactly("fan-out [1, 2, 3]", "answer 1", "answer 2");
    }

    @Test
    void anAnswerEndsTheGroupSoItFollowsTheFanOutOfEverythingCommittedBeforeIt() {
        returns.visible(1);
        returns.settled(answer("answer 1"));
        returns.visible(2);
        returns.visible(3);
        returns.settled(answer("answer 2"));
        returns.visible(4);

        runLane();

        assertThat(ran).containsExactly("fan-out [1]", "answer 1", "fan-out [2, 3]", "answer 2", "fan-out [4]");
    }

    @Test
    void aFailedCommitsAnswerRunsInItsPlaceWithoutAFanOut() {
        returns.visible(1);
        returns.settled(answer("accepted 1"));
        returns.settled(answer("rejected 2"));
        returns.visible(3);
        returns.settled(answer("accepted 3"));

        runLane();

        assertThat(ran).containsExactly("fan-out [1]", "accepted 1", "rejected 2", "fan-out [3]", "accepted 3");
    }

    @Test
    void aGroupIsCutWhereItsSizeWouldPassTheMaximumAndALargerMessageGoesAlone() {
        // The messages are their own sizes here; at most 100 per group.
        returns.visible(40);
        returns.visible(50);
        returns.visible(30);
        returns.visible(150);
        returns.visible(10);

        runLane();

        assertThat(ran).containsExactly("fan-out [40, 50]", "fan-out [30]", "fan-out [150]", "fan-out [10]");
    }

    @Test
    void resultsHandedInAfterATurnAreTakenByTheNextTaskInOrder() {
        returns.visible(1);
        runLane();
        returns.visible(2);
        returns.settled(answer("answer 1"));

        assertThat(laneTasks).hasSize(1);
        runLane();

        assertThat(ran).containsExactly("fan-out [1]", "fan-out [2]", "answer 1");
    }

    @Test
    void resultsHandedInWhileATurnRunsAreTakenByThatTurnWithoutAnotherTask() {
        List<String> seen = new ArrayList<>();
        CommitReturns<Integer>[] self = new CommitReturns[1];
        self[0] = new CommitReturns<>("room:lobby", (lane, task) -> laneTasks.add(task), group -> {
            seen.add("fan-out " + group);
            if (group.contains(1)) {
                self[0].settled(() -> seen.add("answer 1"));
                self[0].visible(2);
            }
        }, message -> message, 100);
        self[0].visible(1);

        laneTasks.poll().run();

        assertThat(seen).containsExactly("fan-out [1]", "answer 1", "fan-out [2]");
        assertThat(laneTasks).isEmpty();
    }

    @Test
    void oneTurnRunsABoundedNumberOfResultsAndQueuesOneTaskForTheRest() {
        returns.visible(0); // waiting, so the answers behind it queue rather than run in place
        int total = CommitReturns.PER_TURN + 10;
        for (int i = 0; i < total; i++) {
            returns.settled(answer("answer " + i));
        }

        laneTasks.poll().run();

        assertThat(ran).hasSize(CommitReturns.PER_TURN);
        assertThat(laneTasks).hasSize(1);
        runLane();
        assertThat(ran).containsExactlyElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of("fan-out [0]"),
                IntStream.range(0, total).mapToObj(i -> "answer " + i)).toList());
    }

    @Test
    void anAnswerThatFindsNothingWaitingRunsInPlaceWithoutALaneTask() {
        returns.visible(1);
        runLane();

        returns.settled(answer("answer 1"));

        assertThat(ran).containsExactly("fan-out [1]", "answer 1");
        assertThat(laneTasks).isEmpty();
    }

    @Test
    void anAnswerBehindAFanOutStillWaitingGoesToTheLaneAfterIt() {
        returns.visible(1);

        returns.settled(answer("answer 1"));

        assertThat(ran).isEmpty();
        runLane();
        assertThat(ran).containsExactly("fan-out [1]", "answer 1");
    }

    @Test
    void resultsHandedInWhileAnAnswerRunsInPlaceWaitForItAndThenGoToTheLane() {
        List<String> seen = new ArrayList<>();
        CommitReturns<Integer>[] self = new CommitReturns[1];
        self[0] = new CommitReturns<>("room:lobby", (lane, task) -> laneTasks.add(task),
                group -> seen.add("fan-out " + group), message -> message, 100);

        self[0].settled(() -> {
            seen.add("answer 1");
            self[0].visible(2);
            self[0].settled(() -> seen.add("answer 2"));
            assertThat(laneTasks).isEmpty(); // still held by the answer running in place
        });

        assertThat(seen).containsExactly("answer 1");
        assertThat(laneTasks).hasSize(1);
        runLane();
        assertThat(seen).containsExactly("answer 1", "fan-out [2]", "answer 2");
    }

    @Test
    void anAnswerThatFailsInPlaceIsReportedByALaneTaskAndReleasesTheReturns() {
        IllegalStateException failure = new IllegalStateException("no answer");

        returns.settled(() -> {
            throw failure;
        });

        assertThat(laneTasks).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> laneTasks.poll().run()).isSameAs(failure);
        returns.settled(answer("answer 2"));
        assertThat(ran).containsExactly("answer 2");
    }

    @Test
    void resultsHandedInFromTwoThreadsAllRunOnTheRealLaneEachThreadsInOrder() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        try (Lanes lanes = new Lanes(2, 100_000, 100_000, failures::add)) {
            CommitReturns<String> real = new CommitReturns<>("room:lobby", (lane, task) -> lanes.submitAlways(lane, task),
                    seen::addAll, message -> 1, 10);
            Thread writer = Thread.ofPlatform().start(() -> IntStream.range(0, 5_000).forEach(i -> real.visible("w" + i)));
            Thread syncer = Thread.ofPlatform().start(() -> IntStream.range(0, 5_000)
                    .forEach(i -> real.settled(() -> seen.add("s" + i))));
            writer.join();
            syncer.join();

            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 10_000);
        }

        assertThat(seen.stream().filter(s -> s.startsWith("w")).toList())
                .containsExactlyElementsOf(IntStream.range(0, 5_000).mapToObj(i -> "w" + i).toList());
        assertThat(seen.stream().filter(s -> s.startsWith("s")).toList())
                .containsExactlyElementsOf(IntStream.range(0, 5_000).mapToObj(i -> "s" + i).toList());
        assertThat(failures).isEmpty();
    }
    @Test
    void aSmallRoomsCommittedMessageIsHandedToTheRunnerThatMayRunItHere() {
        List<String> runners = new ArrayList<>();
        boolean[] small = {true};
        CommitReturns<Integer> routed = new CommitReturns<>("room:lobby", (lane, task) -> {
            runners.add("lane");
            laneTasks.add(task);
        }, (lane, task) -> {
            runners.add("here");
            task.run();
        }, () -> small[0], group -> ran.add("fan-out " + group), message -> message, 100);

        routed.visible(1);
        small[0] = false;
        routed.visible(2);

        assertThat(runners).containsExactly("here", "lane");
        assertThat(ran).containsExactly("fan-out [1]");
        runLane();
        assertThat(ran).containsExactly("fan-out [1]", "fan-out [2]");
    }
}
