package org.parley.server.net;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded pool that runs handshake steps (key generation, encapsulation, signing), so that
 * the event loops stay free for other connections' records.
 *
 * <p><b>Security.</b> At most {@code threads} handshakes compute at once and at most
 * {@code queued} wait; each connection has at most one step in the pool, so the queue never holds
 * more than the connection cap. A step the pool refuses fails that connection only.
 */
public final class HandshakePool implements Executor, AutoCloseable {
    private final ThreadPoolExecutor executor;

    public HandshakePool(int threads, int queued) {
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queued), Thread.ofPlatform().name("parley-handshake-", 0).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues a step; {@link java.util.concurrent.RejectedExecutionException} when the queue is full or the pool closed. */
    @Override
    public void execute(Runnable step) {
        executor.execute(step);
    }

    /** Stops taking steps; steps already queued finish (the connections are closing anyway). */
    @Override
    public void close() {
        executor.shutdown();
    }
}
