package org.parley.server.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fsync of the write-ahead log for group commits, on a thread of its own, so that the writer
 * inserts and commits the next batch while the previous one is being made durable (before, the
 * writer's one thread did COMMIT then fsync then the next COMMIT, and nothing overlapped).
 *
 * <p>Each committed batch queues one sync task; the tasks run in commit order, and a task whose
 * batch an earlier fsync already covered (it was committed before that fsync started) skips its
 * own fsync, so a burst of batches committed during one fsync shares the next one. A task then
 * runs its batch's {@code durable} callback (the acknowledgements), so acknowledgements keep the
 * commit order. A lone batch is synced by the writer itself ({@link #committed}).
 *
 * <p><b>Bound.</b> At most {@value #MAX_UNSYNCED_BATCHES} batches are committed and not yet
 * synced at any time (one being synced, the next committed meanwhile): the writer
 * {@link #reserve}s a place before it takes a batch from its queue and waits while there is none,
 * so the next batch keeps growing during that wait (a third small transaction would cost as many
 * log pages as a full one, since they all rewrite the same few pages). Hence at most
 * {@link #MAX_UNSYNCED} messages are committed and unsynced: the most a power failure can take
 * away after the other members saw it, by which {@link UncleanEnd} moves the id sequence on.
 */
final class LogSyncer implements AutoCloseable {
    /** Batches committed but not yet fsynced at most: one being synced, one committed meanwhile. */
    static final int MAX_UNSYNCED_BATCHES = 2;
    /** Messages committed but not yet fsynced at most. */
    static final int MAX_UNSYNCED = MAX_UNSYNCED_BATCHES * GroupCommit.MAX_BATCH;
    private static final long CLOSE_TIMEOUT_SECONDS = 60;

    /** The fsync itself ({@link SqliteDatabase#syncLog}). */
    @FunctionalInterface
    interface Sync {
        void run() throws StoreException;
    }

    private final Logger log = LoggerFactory.getLogger("parley.server");
    private final Sync sync;
    private final ExecutorService thread;
    private final Semaphore places = new Semaphore(MAX_UNSYNCED_BATCHES);
    /** Sync tasks handed to the sync thread and not yet run to their end (acknowledgements included). */
    private final AtomicInteger queuedTasks = new AtomicInteger();
    /** Batches committed so far (written by the writer thread). */
    private volatile long committed;
    /** Batches known durable (by whichever thread runs a sync task: the sync thread, or the writer while that has none). */
    private volatile long synced;

    LogSyncer(Sync sync) {
        this.sync = sync;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "parley-sqlite-sync");
            // Daemon like the writer: nothing is acknowledged before its sync, so an exit loses no acknowledged write.
            t.setDaemon(true);
            return t;
        });
    }

    /** On the writer thread, before it takes a batch from its queue: waits until one more batch may be unsynced. */
    void reserve() throws StoreException {
        try {
            places.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("store a room message: interrupted while waiting for the log sync", e);
        }
    }

    /** On the writer thread: the place {@link #reserve}d was not used (no batch, or its commit failed). */
    void unreserve() {
        places.release();
    }

    /**
     * On the writer thread, right after a batch's COMMIT: queues its sync; {@code durable} runs once
     * the log holding it is fsynced, {@code failed} if that fsync fails. When nothing waits behind
     * this batch ({@code moreQueued} false) and the sync thread has no task left (no earlier batch
     * is still being synced or acknowledged, so the order holds), the sync runs here instead: nothing could overlap it, and the hand-off to the
     * sync thread would only add a wake-up to a lone sender's round trip. Also here when the sync
     * thread is already closed.
     */
    void committed(boolean moreQueued, Runnable durable, Consumer<StoreException> failed) {
        long batch = ++committed;
        Runnable task = () -> syncThen(batch, durable, failed);
        if (!moreQueued && queuedTasks.get() == 0) {
            task.run();
            return;
        }
        queuedTasks.incrementAndGet();
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } finally {
                    queuedTasks.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException closing) {
            queuedTasks.decrementAndGet();
            task.run();
        }
    }

    /**
     * Syncs unless an earlier fsync covered the batch, frees the batch's place, then acknowledges.
     * Whatever the fsync throws (an unchecked exception from the driver too) frees the place and
     * fails the batch, and whatever its callbacks throw is logged here: a place kept would block the
     * writer in {@link #reserve} for good after {@value #MAX_UNSYNCED_BATCHES} of them, and silence
     * would leave the batch's senders unanswered.
     */
    private void syncThen(long batch, Runnable durable, Consumer<StoreException> failed) {
        StoreException failure = null;
        try {
            if (synced < batch) {
                long upTo = committed; // every batch counted here was committed before this fsync starts
                sync.run();
                synced = upTo;
            }
        } catch (StoreException e) {
            failure = e;
        } catch (Throwable e) {
            log.error("the log sync of a group commit failed unexpectedly; its messages are refused", e);
            failure = new StoreException("sync the write-ahead log", e);
        } finally {
            places.release();
        }
        try {
            if (failure == null) {
                durable.run();
            } else {
                failed.accept(failure);
            }
        } catch (Throwable e) {
            log.error("answering a group commit after its log sync failed", e);
        }
    }

    /** Runs the syncs already queued, then stops the thread (bounded wait). Idempotent. */
    @Override
    public void close() throws StoreException {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new StoreException("close the database: the log sync did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("close the database: interrupted while waiting for the log sync", e);
        }
    }
}
