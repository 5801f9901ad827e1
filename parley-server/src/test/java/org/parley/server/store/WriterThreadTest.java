package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer thread's turn: a caller runs a task itself only while the writer is idle, and the
 * writer connection is never used by two threads at once, whichever thread runs each task.
 */
class WriterThreadTest {
    private final WriterThread writer = new WriterThread();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        writer.shutdown();
        assertThat(writer.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTaskRunsOnTheCallingThreadWhenTheWriterIsIdle() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        boolean ran = writer.runHereIfIdle(() -> ranOn.set(Thread.currentThread()));

        assertThat(ran).isTrue();
        assertThat(ranOn).hasValue(Thread.currentThread());
    }

    @Test
    void aTaskIsRefusedAndNotRunWhileAWriterTaskRuns() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        writer.execute(() -> {
            started.countDown();
            awaitRelease();
        });
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean ranHere = new AtomicBoolean();

        boolean ran = writer.runHereIfIdle(() -> ranHere.set(true));

        assertThat(ran).isFalse();
        assertThat(ranHere).isFalse();
    }

    @Test
    void aTaskIsRefusedOnceTheWriterIsShutDown() {
        writer.shutdown();
        AtomicBoolean ranHere = new AtomicBoolean();

        boolean ran = writer.runHereIfIdle(() -> ranHere.set(true));

        assertThat(ran).isFalse();
        assertThat(ranHere).isFalse();
    }

    @Test
    void tasksRunHereAndOnTheWriterNeverOverlap() throws Exception {
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        Runnable useConnection = () -> {
            mostAtOnce.accumulateAndGet(inUse.incrementAndGet(), Math::max);
            for (int spin = 0; spin < 50; spin++) {
                Thread.onSpinWait();
            }
            inUse.decrementAndGet();
            runs.incrementAndGet();
        };
        List<Thread> borrowers = new ArrayList<>();
        AtomicInteger ranHere = new AtomicInteger();
        for (int b = 0; b < 2; b++) {
            borrowers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2_000; i++) {
                    if (writer.runHereIfIdle(useConnection)) {
                        ranHere.incrementAndGet();
                    }
                }
            }));
        }
        List<Future<?>> onWriter = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            onWriter.add(writer.submit(useConnection));
        }

        for (Thread borrower : borrowers) {
            borrower.join();
        }
        for (Future<?> task : onWriter) {
            task.get(20, TimeUnit.SECONDS);
        }

        assertThat(mostAtOnce).hasValue(1);
        assertThat(runs).hasValue(2_000 + ranHere.get());
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
