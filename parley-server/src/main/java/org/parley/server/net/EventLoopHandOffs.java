package org.parley.server.net;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands connections' delivery queues ({@link NettySessionLink}) to their event loops, one task per
 * event loop for everything one batch queued rather than one task per connection.
 *
 * <p><b>Why.</b> The store's threads complete a group commit's acknowledgements one after the
 * other, each queued to its sender's connection, whose event loop then needs a task to write it.
 * A sleeping event loop is woken for that task (a write to its eventfd); when the server runs on
 * one core, the woken loop may run at once, write that one connection, and sleep again before the
 * store's thread queues the next acknowledgement, which wakes it again: a batch of 26 cost up to
 * 26 wake-ups and twice as many context switches instead of one per event loop (issue 13, durable
 * messages). Inside {@link #batch}, a connection that needs its event loop is noted instead, and
 * when the batch's callbacks have all run, each event loop gets one task that drains every
 * connection noted for it, in the order they were noted.
 *
 * <p><b>What does not change.</b> Each connection's own queue keeps its order (entries are queued
 * at once; only the task that writes them waits for the batch's end), its byte bound and slow-reader
 * check still run as each entry is queued, and every {@code written} callback still runs exactly
 * once, in the connection's drain. A connection noted in a batch stays scheduled until its drain,
 * so what other threads queue for it meanwhile waits for the end of the batch (the few
 * microseconds of its callbacks) and then leaves with it.
 *
 * <p><b>Threads.</b> A batch belongs to the thread that opened it (the open batch is kept per
 * thread, in an instance of this class, which the composition root owns); anything queued by other
 * threads meanwhile is handed off at once, as without a batch. A batch opened inside another on
 * the same thread joins the outer one.
 */
public final class EventLoopHandOffs {
    private final ThreadLocal<Batch> open = new ThreadLocal<>();

    /**
     * Runs {@code callbacks} on the calling thread; the connections they queue for are handed to
     * their event loops when they return (or throw), one task per event loop.
     */
    public void batch(Runnable callbacks) {
        if (open.get() != null) {
            callbacks.run();
            return;
        }
        Batch batch = new Batch();
        open.set(batch);
        try {
            callbacks.run();
        } finally {
            open.remove();
            batch.handOff();
        }
    }

    /**
     * {@code link} has entries queued and no drain scheduled: runs its drain on {@code loop} now,
     * or, inside a batch of the calling thread, at the batch's end.
     */
    void drain(EventLoop loop, NettySessionLink link) {
        Batch batch = open.get();
        if (batch == null) {
            loop.execute(link::drain);
        } else {
            batch.note(loop, link);
        }
    }

    /** One thread's batch: the connections to drain, by event loop, in the order they were noted. */
    private static final class Batch {
        /** Few: one per event loop that a batch's connections are on. */
        private final List<EventLoop> loops = new ArrayList<>(2);
        private final List<List<NettySessionLink>> links = new ArrayList<>(2);

        void note(EventLoop loop, NettySessionLink link) {
            int i = loops.indexOf(loop);
            if (i < 0) {
                loops.add(loop);
                links.add(new ArrayList<>());
                i = loops.size() - 1;
            }
            links.get(i).add(link);
        }

        /**
         * One task per event loop. A loop that refuses it has shut down (the server is stopping and
         * its connections are closed), so nothing of it could be written any more; the other loops
         * still get theirs, and nothing is thrown to the store's thread, whose group commit must go
         * on (a refused hand-off inside an acknowledgement's future was swallowed there before).
         */
        void handOff() {
            for (int i = 0; i < loops.size(); i++) {
                List<NettySessionLink> toDrain = links.get(i);
                try {
                    loops.get(i).execute(() -> drainAll(toDrain));
                } catch (RejectedExecutionException shutDown) {
                    // See above: the loop and its connections are gone.
                }
            }
        }

        /**
         * On the event loop: drains each connection; one that throws (a {@code written} callback)
         * does not keep the others undrained, and the first failure is thrown at the end, as a
         * drain task of its own would have thrown it.
         */
        private static void drainAll(List<NettySessionLink> toDrain) {
            RuntimeException failed = null;
            for (int j = 0; j < toDrain.size(); j++) {
                try {
                    toDrain.get(j).drain();
                } catch (RuntimeException e) {
                    if (failed == null) {
                        failed = e;
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }
}
