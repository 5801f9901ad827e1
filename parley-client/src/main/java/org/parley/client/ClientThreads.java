package org.parley.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.parley.crypto.SecretBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three single threads of a {@link ClientSession}, all daemons and all stopped when its
 * connection ends: the Netty I/O thread drives the secure channel and decodes messages; the work
 * thread runs the login exchange (PBKDF2, signing), so the I/O thread never blocks; the listener
 * thread delivers pushed events and completes request futures, in the order the server sent them.
 */
final class ClientThreads {
    private static final Logger LOG = LoggerFactory.getLogger(ClientThreads.class);

    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("parley-client-io", true),
            NioIoHandler.newFactory());
    private final ExecutorService work =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("parley-client-work").factory());
    private final ExecutorService listener =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("parley-client-events").factory());

    /** The I/O thread's group, for the connection's bootstrap. */
    EventLoopGroup io() {
        return io;
    }

    /** The listener thread, as an executor (for the first-contact question). */
    ExecutorService listener() {
        return listener;
    }

    /** Queues {@code task} on the listener thread; throws {@link RejectedExecutionException} once it stopped. */
    void onListener(Runnable task) {
        listener.execute(task);
    }

    /** Runs {@code task} on the listener thread, or here if that thread already stopped. */
    void onListenerOrHere(Runnable task) {
        try {
            listener.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /** Queues {@code task} on the work thread; false (and nothing runs) if it already stopped. */
    boolean onWork(Runnable task) {
        try {
            work.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("work thread already stopped");
            return false;
        }
    }

    /** Runs slow work (PBKDF2) on the work thread; {@code secret} is wiped if it cannot run. */
    <T> CompletableFuture<T> onWork(Supplier<T> task, SecretBytes secret) {
        try {
            return CompletableFuture.supplyAsync(task, work);
        } catch (RejectedExecutionException e) {
            secret.destroy();
            return CompletableFuture.failedFuture(new ConnectionFailedException("not connected"));
        }
    }

    /** The listener thread stops once the tasks queued so far ran. */
    void stopListener() {
        listener.shutdown();
    }

    /** The work thread stops once its queued tasks ran; the I/O thread at once (within 2 s). */
    void stopWorkAndIo() {
        work.shutdown();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
