package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A task given to an idle lane runs on the calling thread; a busy lane queues it, in order. */
class LanesRunHereTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    private final Gate gate = new Gate();
    private Lanes lanes;

    @AfterEach
    void close() {
        gate.open();
        lanes.close();
    }

    @Test
    void aTaskForAnIdleLaneRunsOnTheCallingThreadBeforeTheCallReturns() {
        lanes = new Lanes(2, 1_000, 1_000, failures::add);
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        boolean accepted = lanes.runHereOrSubmit("room:a", () -> ranOn.set(Thread.currentThread()));

        assertThat(accepted).isTrue();
        assertThat(ranOn).hasValue(Thread.currentThread());
        assertThat(lanes.queued()).isZero();
        assertThat(lanes.active()).isZero();
        assertThat(failures).isEmpty();
    }

    @Test
    void aTaskForABusyLaneIsQueuedBehindTheRunningOneAndRunsOnThePool() {
        lanes = new Lanes(2, 1_000, 1_000, failures::add);
        List<String> ran = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> secondRanOn = new AtomicReference<>();
        lanes.submit("room:a", () -> {
            gate.blocker().run();
            ran.add("first");
        });

        boolean accepted = lanes.runHereOrSubmit("room:a", () -> {
            secondRanOn.set(Thread.currentThread());
            ran.add("second");
        });
        List<String> ranBeforeRelease = List.copyOf(ran);
        gate.open();

        assertThat(accepted).isTrue();
        assertThat(ranBeforeRelease).isEmpty();
        await().atMost(WAIT).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("first", "second");
        assertThat(secondRanOn.get()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void workQueuedWhileATaskRunsHereFollowsItInOrderOnThePool() {
        lanes = new Lanes(2, 1_000, 1_000, failures::add);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> laterRanOn = new AtomicReference<>();

        lanes.runHereOrSubmit("room:a", () -> {
            ran.add(0);
            for (int i = 1; i <= 3; i++) {
                int index = i;
                // The lane is held by this task: these queue instead of running inside it.
                lanes.runHereOrSubmit("room:a", () -> {
                    laterRanOn.set(Thread.currentThread());
                    ran.add(index);
                });
            }
            ran.add(-1);
        });

        await().atMost(WAIT).until(() -> ran.size() == 5);
        assertThat(ran).containsExactly(0, -1, 1, 2, 3);
        assertThat(laterRanOn.get()).isNotSameAs(Thread.currentThread());
        await().atMost(WAIT).until(() -> lanes.queued() == 0 && lanes.active() == 0);
    }

    @Test
    void theBoundsRefuseATaskThatWouldHaveRunHere() {
        lanes = new Lanes(1, 2, 1_000, failures::add);
        lanes.submit("room:busy", gate.blocker());
        await().atMost(WAIT).until(() -> lanes.queued() == 0); // running: no longer counted as queued
        lanes.submit("room:busy", () -> { });
        lanes.submit("room:busy", () -> { });
        List<String> ran = new CopyOnWriteArrayList<>();

        boolean accepted = lanes.runHereOrSubmit("room:idle", () -> ran.add("idle"));

        assertThat(accepted).isFalse();
        assertThat(ran).isEmpty();
        assertThat(lanes.queued()).isEqualTo(2);
    }

    @Test
    void aClosedLaneSetRunsNothingHere() {
        lanes = new Lanes(1, 1_000, 1_000, failures::add);
        lanes.close();
        List<String> ran = new CopyOnWriteArrayList<>();

        assertThat(lanes.runHereOrSubmit("room:a", () -> ran.add("a"))).isFalse();
        assertThat(ran).isEmpty();
        assertThat(lanes.queued()).isZero();
    }

    @Test
    void aTaskThatFailsHereIsReportedAndTheLaneGoesOn() {
        lanes = new Lanes(1, 1_000, 1_000, failures::add);
        List<String> ran = new CopyOnWriteArrayList<>();

        boolean first = lanes.runHereOrSubmit("room:a", () -> {
            throw new IllegalStateException("broken task");
        });
        boolean second = lanes.runHereOrSubmit("room:a", () -> ran.add("after"));

        assertThat(first).isTrue();
        assertThat(second).isTrue();
        assertThat(failures).singleElement().extracting(RuntimeException::getMessage).isEqualTo("broken task");
        assertThat(ran).containsExactly("after");
        assertThat(lanes.queued()).isZero();
    }
    @Test
    void theAlwaysVariantRunsHereWhenIdleAndNoBoundRefusesIt() {
        lanes = new Lanes(1, 2, 1_000, failures::add);
        lanes.submit("room:busy", gate.blocker());
        await().atMost(WAIT).until(() -> lanes.queued() == 0);
        lanes.submit("room:busy", () -> { });
        lanes.submit("room:busy", () -> { });
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        boolean accepted = lanes.runHereOrSubmitAlways("room:idle", () -> ranOn.set(Thread.currentThread()));

        assertThat(accepted).isTrue();
        assertThat(ranOn).hasValue(Thread.currentThread());
        assertThat(lanes.queued()).isEqualTo(2);
    }

    @Test
    void theAlwaysVariantQueuesBehindABusyLanePastItsBound() {
        lanes = new Lanes(1, 1_000, 1, failures::add);
        List<String> ran = new CopyOnWriteArrayList<>();
        lanes.submit("room:a", () -> {
            gate.blocker().run();
            ran.add("first");
        });
        await().atMost(WAIT).until(() -> lanes.queued() == 0);
        lanes.submit("room:a", () -> ran.add("second")); // the lane's bound of one is now full

        boolean accepted = lanes.runHereOrSubmitAlways("room:a", () -> ran.add("third"));
        List<String> ranBeforeRelease = List.copyOf(ran);
        gate.open();

        assertThat(accepted).isTrue();
        assertThat(ranBeforeRelease).isEmpty();
        await().atMost(WAIT).until(() -> ran.size() == 3);
        assertThat(ran).containsExactly("first", "second", "third");
    }
}
