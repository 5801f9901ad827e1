package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The log sync of group commits on its own thread: a batch is durable (acknowledged) only after an
 * fsync that started after its COMMIT, batches committed during one fsync share the next, the
 * acknowledgements keep commit order, and the writer cannot run more than
 * {@link LogSyncer#MAX_UNSYNCED_BATCHES} batches ahead of the syncs. The fsync is a stand-in held by a
 * latch, so what overlaps is decided by the test.
 */
class LogSyncerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final AtomicInteger syncsStarted = new AtomicInteger();
    private final AtomicInteger syncsFinished = new AtomicInteger();
    private final CountDownLatch firstSyncHeld = new CountDownLatch(1);
    private final CountDownLatch releaseFirstSync = new CountDownLatch(1);
    private final AtomicBoolean failNext = new AtomicBoolean();
    private final AtomicBoolean crashNext = new AtomicBoolean();
    private final LogSyncer syncer = new LogSyncer(() -> {
        if (syncsStarted.incrementAndGet() == 1) {
            firstSyncHeld.countDown();
            try {
                releaseFirstSync.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failNext.getAndSet(false)) {
            throw new StoreException("the disk refused the fsync (test)");
        }
        if (crashNext.getAndSet(false)) {
            throw new IllegalStateException("the driver threw an unchecked exception (test)");
        }
        syncsFinished.incrementAndGet();
    });
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws StoreException {
        releaseFirstSync.countDown();
        syncer.close();
    }

    /** Commits a batch as the writer does when more messages wait behind it (its sync goes to the sync thread). */
    private void commit(String batch) throws StoreException {
        syncer.reserve();
        syncer.committed(true, () -> events.add(batch + " durable after sync " + syncsFinished.get()),
                failure -> events.add(batch + " failed"));
    }

    @Test
    void aBatchIsDurableOnlyAfterTheSyncThatStartedAfterItsCommit() throws Exception {
        commit("first");
        assertThat(firstSyncHeld.await(20, TimeUnit.SECONDS)).isTrue();

        assertThat(events).isEmpty();
        releaseFirstSync.countDown();
        await().atMost(WAIT).until(() -> events.size() == 1);
        assertThat(events).containsExactly("first durable after sync 1");
    }

    @Test
    void aBatchCommittedBeforeTheNextSyncStartsSharesItAndAcknowledgementsKeepCommitOrder() throws Exception {
        // The first batch's acknowledgement commits a third batch (its place is free again by then), so
        // the third is committed before the sync of the second starts: that sync covers both.
        syncer.reserve();
        syncer.committed(true, () -> {
            events.add("first durable after sync " + syncsFinished.get());
            try {
                commit("third");
            } catch (StoreException e) {
                events.add("third not committed");
            }
        }, failure -> events.add("first failed"));
        assertThat(firstSyncHeld.await(20, TimeUnit.SECONDS)).isTrue();
        commit("second");

        releaseFirstSync.countDown();
        await().atMost(WAIT).until(() -> events.size() == 3);

        assertThat(events).containsExactly("first durable after sync 1", "second durable after sync 2",
                "third durable after sync 2");
        assertThat(syncsStarted.get()).isEqualTo(2);
    }

    @Test
    void theWriterWaitsForAPlaceWhileTheMostUnsyncedBatchesAreCommitted() throws Exception {
        commit("syncing");
        assertThat(firstSyncHeld.await(20, TimeUnit.SECONDS)).isTrue();
        commit("committed meanwhile");
        Thread[] writer = new Thread[1];
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
            writer[0] = Thread.currentThread();
            try {
                syncer.reserve();
            } catch (StoreException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(WAIT).until(() -> writer[0] != null && writer[0].getState() == Thread.State.WAITING);

        assertThat(third).isNotDone();
        releaseFirstSync.countDown();
        third.get(20, TimeUnit.SECONDS);
        // The place is freed just before the acknowledgements run, so wait for them.
        await().atMost(WAIT).until(() -> events.size() == 2);
        assertThat(events).containsExactly("syncing durable after sync 1", "committed meanwhile durable after sync 2");
        assertThat(LogSyncer.MAX_UNSYNCED).isEqualTo(LogSyncer.MAX_UNSYNCED_BATCHES * GroupCommit.MAX_BATCH);
    }

    @Test
    void aFailedSyncFailsItsBatchAndTheNextBatchSyncsAgain() throws Exception {
        failNext.set(true);
        commit("lost");
        assertThat(firstSyncHeld.await(20, TimeUnit.SECONDS)).isTrue();
        releaseFirstSync.countDown();
        await().atMost(WAIT).until(() -> events.size() == 1);

        commit("next");
        await().atMost(WAIT).until(() -> events.size() == 2);

        assertThat(events).containsExactly("lost failed", "next durable after sync 1");
        assertThat(syncsStarted.get()).isEqualTo(2);
    }

    @Test
    void aLoneBatchWithNothingBehindItIsSyncedAndAcknowledgedOnTheWritersOwnThread() throws Exception {
        releaseFirstSync.countDown();
        List<String> ackThreads = new CopyOnWriteArrayList<>();

        syncer.reserve();
        syncer.committed(false, () -> ackThreads.add(Thread.currentThread().getName()), failure -> ackThreads.add("failed"));

        assertThat(ackThreads).containsExactly(Thread.currentThread().getName());
        assertThat(syncsFinished.get()).isEqualTo(1);
    }

    @Test
    void aBatchWithEvenOneMessageQueuedBehindItLeavesItsSyncToTheSyncThreadSoTheWriterCanCommitThatMessageAtOnce()
            throws Exception {
        List<String> ackThreads = new CopyOnWriteArrayList<>();

        syncer.reserve();
        syncer.committed(true, () -> ackThreads.add(Thread.currentThread().getName()), failure -> ackThreads.add("failed"));

        assertThat(firstSyncHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue(); // the sync runs elsewhere
        assertThat(ackThreads).isEmpty(); // and the writer's thread is already back, free to commit
        releaseFirstSync.countDown();
        await().atMost(WAIT).until(() -> ackThreads.size() == 1);
        assertThat(ackThreads.getFirst()).isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aLoneBatchStillGoesToTheSyncThreadWhileAnEarlierOneIsBeingSynced() throws Exception {
        commit("first");
        assertThat(firstSyncHeld.await(20, TimeUnit.SECONDS)).isTrue();
        syncer.reserve();
        syncer.committed(false, () -> events.add("lone durable after sync " + syncsFinished.get()),
                failure -> events.add("lone failed"));

        assertThat(events).isEmpty();
        releaseFirstSync.countDown();
        await().atMost(WAIT).until(() -> events.size() == 2);
        assertThat(events).containsExactly("first durable after sync 1", "lone durable after sync 2");
    }

    @Test
    void aSyncThatThrowsAnUncheckedExceptionFailsItsBatchFreesItsPlaceAndTheWriterGoesOn() throws Exception {
        releaseFirstSync.countDown();
        for (String batch : List.of("first", "second")) {
            crashNext.set(true);
            commit(batch);
            await().atMost(WAIT).until(() -> events.contains(batch + " failed"));
        }

        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
            try {
                commit("third");
            } catch (StoreException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(third).succeedsWithin(WAIT);
        await().atMost(WAIT).until(() -> events.size() == 3);
        assertThat(events).containsExactly("first failed", "second failed", "third durable after sync 1");
    }
}
