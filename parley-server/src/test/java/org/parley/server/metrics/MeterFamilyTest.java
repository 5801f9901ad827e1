package org.parley.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeterFamilyTest {

    @Test
    void aLabelSeenAgainGetsTheSameMeter() {
        MeterFamily<AtomicInteger> family = new MeterFamily<>(4, label -> new AtomicInteger());

        family.of("JoinRoom").incrementAndGet();
        family.of("JoinRoom").incrementAndGet();

        assertThat(family.of("JoinRoom")).hasValue(2);
    }

    @Test
    void pastTheCapEveryNewLabelIsCountedUnderOther() {
        List<String> created = new ArrayList<>();
        MeterFamily<AtomicInteger> family = new MeterFamily<>(2, label -> {
            created.add(label);
            return new AtomicInteger();
        });

        family.of("a").incrementAndGet();
        family.of("b").incrementAndGet();
        family.of("c").incrementAndGet();
        family.of("d").incrementAndGet();

        assertThat(created).containsExactly("a", "b", MeterFamily.OTHER);
        assertThat(family.of("e")).hasValue(2);
        assertThat(family.of("a")).hasValue(1);
    }

    /**
     * Eight threads ask for eight new labels at once with a cap of two. Creating a meter waits (at
     * most 200 ms) until all eight are creating one: threads that all passed the size check before
     * any label was added meet there and all add theirs, which the cap must not allow.
     */
    @Test
    void threadsRacingPastTheCapCannotAddMoreThanIt() throws Exception {
        int threads = 8;
        java.util.concurrent.CyclicBarrier allCreating = new java.util.concurrent.CyclicBarrier(threads);
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        MeterFamily<AtomicInteger> family = new MeterFamily<>(2, label -> {
            try {
                allCreating.await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception notAllAtOnce) {
                // With the lock only one thread creates at a time: the barrier breaks, creation goes on.
            }
            created.add(label);
            return new AtomicInteger();
        });
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String label = "label" + t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    family.of(label).incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(10_000);
        }

        assertThat(created).hasSize(3).contains(MeterFamily.OTHER);
    }
}
