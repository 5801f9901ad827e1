package org.parley.server.chat;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.parley.server.metrics.RateBucket;

/**
 * The chat layer's partitions: one serial lane per key (a room, or an account), all run by a
 * small shared pool of threads.
 *
 * <p>Tasks of one lane run one at a time in the order they were submitted, so a room's messages
 * and membership changes keep their order and the room's state needs no lock. Different lanes
 * run in parallel on the pool's threads. A lane runs at most {@value #BATCH} tasks and then goes
 * to the back of the pool's queue, so a busy lane (a flooded room, an account hammering lists)
 * cannot hold a thread while other lanes wait: every lane with work gets its turn after at most
 * one batch of each other busy lane.
 *
 * <p>A lane's thread takes the tasks of its turn from the queue in as few lock rounds as it can
 * (all that are waiting, up to what is left of its {@value #BATCH}), then runs them one by one
 * without the lock, so event loops adding tasks meet the lock once per handful of tasks instead of
 * once per task. Tasks taken but not yet started still count as waiting, for the lane's bound, its
 * reported depth and {@link #queued()}, exactly as if they were still in the queue. Nobody holds a
 * lane's lock while handing the lane to the pool (which may wake a parked pool thread) or while
 * reporting its depth: a woken thread would otherwise find the lock still held by its waker, which
 * on a busy core means a contended monitor and a context switch back.
 *
 * <p>A lane exists only while it has work; an idle lane is dropped, so memory follows the queued
 * work, not the number of rooms. The queue is bounded twice: {@code maxPerLane} tasks per lane
 * (one hot room cannot take all the room) and {@code maxQueued} in all; a task over either bound
 * is refused, the bound told to the {@code refused} callback ({@link RateBucket#LANE} or
 * {@link RateBucket#CHAT_QUEUE}, for the metrics), and the caller answers {@code server_busy}.
 *
 * <p><b>Run here when idle.</b> {@link #runHereOrSubmit} runs
 * the task at once on the calling thread when its lane is idle (nothing queued or running): the
 * caller holds the lane for that one task exactly as a pool thread would, so the lane's order and
 * "one at a time" hold, and whatever is submitted to the lane meanwhile queues behind it and goes
 * to the pool when it ends. At low load this saves waking a parked pool thread (tens of
 * microseconds on a small VM) per hand-off; under load the lane is busy and the task is queued as
 * {@link #submit} queues it. Only for tasks that never block the calling thread on I/O: the
 * callers are an event loop running a room message's checks and its queueing for the group commit,
 * and the store's writer handing a small room its committed messages ({@link #runHereOrSubmitAlways},
 * {@link CommitReturns}), never SQLite work. The bounds and the queued count apply to such a task
 * too (none refuses the "always" variant, as none refuses {@link #submitAlways}).
 */
final class Lanes implements AutoCloseable {
    /** Tasks a lane runs before it yields its thread to the next lane. */
    static final int BATCH = 16;
    private final ThreadPoolExecutor pool;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int maxQueued;
    private final int maxPerLane;
    private final Consumer<RuntimeException> onFailure;
    private final IntConsumer depths;
    private final Consumer<RateBucket> refused;

    Lanes(int threads, int maxQueued, int maxPerLane, Consumer<RuntimeException> onFailure) {
        this(threads, maxQueued, maxPerLane, onFailure, depth -> { }, bound -> { });
    }

    /**
     * @param depths told a lane's depth (the new task included) each time a task is queued
     * @param refused told the bound that refused a task: {@link RateBucket#LANE} or {@link RateBucket#CHAT_QUEUE}
     *                (not told when the lanes are closed)
     */
    Lanes(int threads, int maxQueued, int maxPerLane, Consumer<RuntimeException> onFailure, IntConsumer depths,
          Consumer<RateBucket> refused) {
        this.depths = depths;
        this.refused = refused;
        this.maxQueued = maxQueued;
        this.maxPerLane = maxPerLane;
        this.onFailure = onFailure;
        // Unbounded on purpose: it holds at most one entry per lane that has work, and lanes are bounded.
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("parley-chat-", 1).daemon(true).factory());
    }

    /** Queues {@code task} on the lane {@code key}; false if a bound is reached or the lanes are closed. */
    boolean submit(String key, Runnable task) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            refused.accept(RateBucket.CHAT_QUEUE);
            return false;
        }
        return enqueue(key, task, maxPerLane);
    }

    /**
     * Queues {@code task} whatever the bounds (only closing refuses it): for work that must not be
     * lost, such as a session's end, which is bounded by the number of connections, not by requests.
     */
    boolean submitAlways(String key, Runnable task) {
        queued.incrementAndGet();
        return enqueue(key, task, Integer.MAX_VALUE);
    }

    /**
     * As {@link #submit}, but runs {@code task} here and now when the lane is idle (see the class
     * comment); true if it ran or was queued, false if a bound is reached or the lanes are closed.
     */
    boolean runHereOrSubmit(String key, Runnable task) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            refused.accept(RateBucket.CHAT_QUEUE);
            return false;
        }
        return runHereOrEnqueue(key, task, maxPerLane);
    }

    /**
     * As {@link #submitAlways} (no bound refuses it), but runs {@code task} here and now when the
     * lane is idle, as {@link #runHereOrSubmit} does; false only when the lanes are closed. For the
     * store's threads handing a small room its committed messages (see {@link CommitReturns}).
     */
    boolean runHereOrSubmitAlways(String key, Runnable task) {
        queued.incrementAndGet();
        return runHereOrEnqueue(key, task, Integer.MAX_VALUE);
    }

    private boolean enqueue(String key, Runnable task, int laneBound) {
        while (true) {
            Lane lane = lanes.computeIfAbsent(key, Lane::new);
            int added;
            synchronized (lane) {
                if (lane.retired) {
                    continue;
                }
                added = add(lane, task, laneBound);
            }
            return afterAdd(lane, task, added);
        }
    }

    private boolean runHereOrEnqueue(String key, Runnable task, int laneBound) {
        if (pool.isShutdown()) {
            queued.decrementAndGet();
            return false;
        }
        Lane lane;
        while (true) {
            lane = lanes.computeIfAbsent(key, Lane::new);
            int added;
            synchronized (lane) {
                if (lane.retired) {
                    continue;
                }
                if (!lane.scheduled) {
                    lane.scheduled = true; // held by this thread for this one task
                    break;
                }
                added = add(lane, task, laneBound);
            }
            return afterAdd(lane, task, added);
        }
        depths.accept(1);
        lane.runHeld(task);
        return true;
    }

    /** {@link #add}'s answer when a bound refused the task. */
    private static final int REFUSED = 0;

    /**
     * Holding the lane's lock: queues {@code task} unless the lane's bound refuses it, and marks an
     * idle lane scheduled. Returns {@link #REFUSED}, the lane's new depth if it was already scheduled,
     * or minus the depth if it was idle and the caller must {@link #start} it once it has let go of
     * the lock.
     */
    private int add(Lane lane, Runnable task, int laneBound) {
        int waiting = lane.waiting();
        if (waiting >= laneBound) {
            queued.decrementAndGet();
            refused.accept(RateBucket.LANE); // holding the lane's lock: the metrics' callback is an atomic add
            return REFUSED;
        }
        lane.tasks.add(task);
        if (lane.scheduled) {
            return waiting + 1;
        }
        lane.scheduled = true;
        return -(waiting + 1);
    }

    /** Outside the lane's lock: reports the depth and starts the lane if {@link #add} says so. */
    private boolean afterAdd(Lane lane, Runnable task, int added) {
        if (added == REFUSED) {
            return false;
        }
        depths.accept(Math.abs(added));
        return added > 0 || start(lane, task);
    }

    /**
     * Hands a lane that was idle, with {@code task} first in it, to the pool; called without the
     * lane's lock, so the pool thread it wakes does not find the lock still held by its waker. If
     * the pool is closing and takes no new turn, {@code task} is taken back and refused, as
     * before; tasks other threads queued behind it meanwhile were accepted, so they are run here,
     * as a closing pool would run them.
     */
    private boolean start(Lane lane, Runnable task) {
        if (schedule(lane)) {
            return true;
        }
        boolean runRestHere;
        synchronized (lane) {
            lane.tasks.removeFirst(); // task: an idle lane has no tasks, so it went in first
            queued.decrementAndGet();
            runRestHere = !lane.tasks.isEmpty();
            if (!runRestHere) {
                lane.scheduled = false;
            }
        }
        if (runRestHere) {
            lane.run();
        }
        return false;
    }

    /** Tasks waiting or running in all lanes. */
    int queued() {
        return queued.get();
    }

    /** Lanes that have work. */
    int active() {
        return lanes.size();
    }

    private boolean schedule(Lane lane) {
        try {
            pool.execute(lane);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Stops taking work, lets queued work finish (bounded wait), then stops the threads. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** One key's queue; scheduled on the pool at most once at a time. */
    private final class Lane implements Runnable {
        final String key;
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        /** The tasks of the current turn taken from {@link #tasks} and not yet run; only the lane's runner touches it. */
        private final Runnable[] hand = new Runnable[BATCH];
        /**
         * How many tasks in {@link #hand} have not started. Written only by the thread running the lane
         * (under the lock when it takes tasks, without it as each one starts); read by submitters under
         * the lock, so a task leaves the count when it starts, as it left the queue before.
         */
        private volatile int inHand;
        boolean scheduled;
        /** Removed from the map: a submitter that still holds it must look the key up again. */
        boolean retired;

        Lane(String key) {
            this.key = key;
        }

        /** Tasks queued or taken and not started; called holding this lane's lock. */
        int waiting() {
            return tasks.size() + inHand;
        }

        @Override
        public void run() {
            int budget = BATCH;
            while (true) {
                int taken;
                synchronized (this) {
                    taken = take(Math.min(budget, BATCH));
                    if (taken == 0) {
                        retire();
                        return;
                    }
                }
                budget -= taken;
                runHand(taken);
                if (budget == 0) {
                    synchronized (this) {
                        if (tasks.isEmpty()) {
                            retire();
                            return;
                        }
                    }
                    // Still scheduled, so no one else starts it; handed over outside the lock (see start).
                    if (schedule(this)) {
                        return;
                    }
                    // Shutting down: the pool takes no new turns, so finish this lane's work here.
                    budget = Integer.MAX_VALUE;
                }
            }
        }

        /** Holding the lock: moves up to {@code most} tasks, in order, from the queue to the hand. */
        private int take(int most) {
            int taken = 0;
            Runnable task;
            while (taken < most && (task = tasks.poll()) != null) {
                hand[taken++] = task;
            }
            inHand = taken;
            return taken;
        }

        /** Runs the {@code taken} tasks in the hand in order, each leaving the waiting count as it starts. */
        private void runHand(int taken) {
            for (int i = 0; i < taken; i++) {
                Runnable task = hand[i];
                hand[i] = null;
                inHand = taken - i - 1;
                queued.decrementAndGet();
                try {
                    task.run();
                } catch (RuntimeException e) {
                    onFailure.accept(e);
                }
            }
        }

        /**
         * Runs one task on the calling thread, which marked this lane scheduled while it was idle;
         * then hands the lane to the pool if tasks were queued meanwhile (or, when the pool is
         * closing and takes no new turn, runs them here as a pool thread would), else retires it.
         */
        void runHeld(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException e) {
                onFailure.accept(e);
            } finally {
                queued.decrementAndGet();
                boolean rest;
                synchronized (this) {
                    rest = !tasks.isEmpty();
                    if (!rest) {
                        retire();
                    }
                }
                if (rest && !schedule(this)) {
                    run();
                }
            }
        }

        /** Called holding this lane's lock with no task left. */
        private void retire() {
            scheduled = false;
            retired = true;
            lanes.remove(key, this);
        }
    }
}
