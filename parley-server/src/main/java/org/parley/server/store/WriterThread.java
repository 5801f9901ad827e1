package org.parley.server.store;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread that uses the database's writer connection, which another thread may borrow for
 * one task while the writer is idle ({@link #runHereIfIdle}).
 *
 * <p>Every task, whether the writer thread runs it or a caller runs it here, holds one turn lock
 * for its whole length, so the writer connection (and the statements prepared on it) is used by
 * one thread at a time, and each turn sees what the previous one wrote (the lock orders them).
 * A task queued while a caller holds the turn waits for it on the writer thread.
 *
 * <p>Why borrow: a lone room message's INSERT and COMMIT on the thread that already runs it (the
 * event loop that read it, when its room's lane was idle) saves a wake-up of the writer and a
 * switch back on a small machine, where every thread of the server shares one core (issue 13,
 * docs/OPERATIONS.md, branches {@code echo3} and {@code echo4}). Under load the writer is busy or
 * has work queued and the task is queued as before. The borrower never waits: the turn is only
 * tried, and the borrowed work itself must give up at once on a busy database
 * ({@link GroupCommit}).
 */
final class WriterThread extends ThreadPoolExecutor {
    private final ReentrantLock turn = new ReentrantLock();

    WriterThread() {
        super(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "parley-sqlite-writer");
            // Daemon: a write is acknowledged only after COMMIT, so an exit never loses an acknowledged write.
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code task} on the calling thread if the writer has nothing queued and nothing running
     * and the store is open; false (and {@code task} not run) otherwise. The task must not wait for
     * other writer work: that work would wait for this turn.
     */
    boolean runHereIfIdle(Runnable task) {
        return runHereIfIdle(task, () -> false);
    }

    /** As {@link #runHereIfIdle(Runnable)}, also refused when {@code closing}, asked while holding the turn. */
    boolean runHereIfIdle(Runnable task, java.util.function.BooleanSupplier closing) {
        if (!getQueue().isEmpty() || !turn.tryLock()) {
            return false;
        }
        try {
            if (isShutdown() || closing.getAsBoolean()) {
                return false;
            }
            task.run();
            return true;
        } finally {
            turn.unlock();
        }
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        turn.lock();
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        turn.unlock();
    }
}
