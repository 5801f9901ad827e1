package org.parley.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * One room's commit results on their way back to the room's lane: the store's threads hand in
 * each message as it becomes visible ({@link #visible}) and each answer once the message is
 * durable or failed ({@link #settled}), and the lane takes them all in one task instead of one
 * task per message and per answer. A group commit of many messages of one room thus costs the
 * room's lane one hand-off (one wake-up of a chat thread) for its fan-out and at most one for its
 * acknowledgements, not two per message; an answer that finds nothing waiting before it runs in
 * place, on the store's thread, without any ({@link #settled}); and in a small room (a fan-out to a
 * handful of sessions, cheaper than waking a chat thread) whose lane is idle, the committed
 * messages are fanned out on the store's writer thread itself, holding the lane.
 *
 * <p><b>Order.</b> Items run on the lane in the order they were handed in, as the per-message
 * tasks did: the store hands them in commit order (a message's visibility always before its
 * answer). Consecutive visible messages go to {@code fanOut} together as one list, so the fan-out
 * can queue them to each connection as one unit; an answer in between ends the list, so every
 * answer still follows the fan-out of the messages committed before it. A group is cut where its
 * total size would pass {@code maxGroupSize}. This is a room without pacing; a paced room's turn
 * runs its answers after its one fan-out (below).
 *
 * <p><b>Fairness.</b> One lane task runs at most {@value #PER_TURN} items; the rest wait for the
 * next task, queued behind whatever the lane received meanwhile ({@link Lanes} bounds the turn of
 * a lane as a whole). At most one such task is queued or running at a time: results handed in
 * while it runs wait for it, not for a task of their own.
 *
 * <p><b>Pacing.</b> A fan-out that would start less than {@link FanOutPacing#intervalNanos} after
 * the room's previous fan-out started is held: the lane task that would start it is handed to the
 * pacing's timer for the rest of the interval instead of to the lane (one timer per held room, the
 * returns stay scheduled meanwhile), so everything the room's commits make visible in that time
 * joins it, and each member's connection is queued to and drained once for all of them. A turn of
 * a paced room therefore fans out all the messages it takes at once and then runs their answers,
 * in the order handed in ({@link #drainPaced}): every answer still follows its own message's
 * fan-out and the answers before it, and answers behind a held fan-out wait with it, at most one
 * interval more (on top of the log's fsync, which they wait for anyway). A fan-out with no other
 * one within the interval starts at once, so a lone message is never held; a small room
 * ({@code fanOutHere}) is never paced; groups cut by {@code maxGroupSize}, and a turn that goes on
 * with one cut by {@value #PER_TURN}, are not held from each other: they are one fan-out in parts.
 */
final class CommitReturns<V> {
    /** Items one lane task takes at most. */
    static final int PER_TURN = 128;
    private final ConcurrentLinkedQueue<Object> items = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final String lane;
    private final Messaging.LaneRunner onLane;
    private final Messaging.LaneRunner onLaneOrHere;
    private final BooleanSupplier fanOutHere;
    private final Consumer<List<V>> fanOut;
    private final ToIntFunction<V> size;
    private final int maxGroupSize;
    private final FanOutPacing pacing;
    /** When the last fan-out started ({@link FanOutPacing#nanoClock}); written on the lane, read where a turn starts. */
    private volatile long lastFanOut;
    private volatile boolean fannedOut;

    /**
     * @param lane the room's lane
     * @param onLane runs a task on a lane, never refusing it (the results of accepted work)
     * @param fanOut on the lane: fans out consecutive visible messages, in commit order
     * @param size a message's size, for {@code maxGroupSize}
     * @param maxGroupSize the total size of a group at most (a single message may be larger)
     */
    CommitReturns(String lane, Messaging.LaneRunner onLane, Consumer<List<V>> fanOut, ToIntFunction<V> size,
                  int maxGroupSize) {
        this(lane, onLane, onLane, () -> false, fanOut, size, maxGroupSize, FanOutPacing.none());
    }

    /**
     * As above, and a committed message that finds nothing waiting before it is fanned out through
     * {@code onLaneOrHere} while {@code fanOutHere} says the room's fan-out is small: that runner
     * runs the task on the calling thread (the store's writer) when the room's lane is idle,
     * holding the lane as a chat thread would, and queues it on the lane otherwise
     * ({@link Lanes#runHereOrSubmitAlways}). A fan-out of a room that is not small is paced by
     * {@code pacing} (see the class comment).
     */
    CommitReturns(String lane, Messaging.LaneRunner onLane, Messaging.LaneRunner onLaneOrHere,
                  BooleanSupplier fanOutHere, Consumer<List<V>> fanOut, ToIntFunction<V> size, int maxGroupSize,
                  FanOutPacing pacing) {
        this.lane = lane;
        this.onLane = onLane;
        this.onLaneOrHere = onLaneOrHere;
        this.fanOutHere = fanOutHere;
        this.fanOut = fanOut;
        this.size = size;
        this.maxGroupSize = maxGroupSize;
        this.pacing = pacing;
    }

    /** From any thread: a message is committed and may be shown to the room. */
    void visible(V message) {
        hand(new Visible<>(message));
    }

    /**
     * From any thread: what to run once a message is durable or failed. When nothing handed in
     * before is still waiting or running (no task of this room's returns is queued or running), it
     * runs here and now on the calling thread (the store's sync or writer thread), holding the
     * returns exactly as a lane task would: whatever is handed in meanwhile waits for it, then goes
     * to the lane. An answer touches only what the returns' tasks confine ({@link SenderEchoes})
     * and thread-safe state (the connection's queue, the request's counts, the console), never the
     * room's lane state, so it needs the lane only for its order among the returns; running it here
     * saves waking a chat thread per acknowledgement (issue 13). Otherwise it is queued behind what
     * is waiting, as before.
     */
    void settled(Runnable answer) {
        if (items.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                answer.run();
            } catch (RuntimeException e) {
                onLane.run(lane, () -> {
                    throw e; // reported where a failed lane task is (the lanes' failure handler), as before
                });
            } finally {
                release(false);
            }
            return;
        }
        hand(answer);
    }

    private void hand(Object item) {
        items.add(item);
        if (scheduled.compareAndSet(false, true)) {
            start(item instanceof Visible<?>, false);
        }
    }

    /**
     * Holding the returns (scheduled): starts a turn, on the lane at once, or, when the first item
     * waiting is a message whose fan-out would start too soon after the previous one, on the lane
     * once the interval has passed (the returns stay scheduled meanwhile, so whatever comes joins
     * the turn). {@code mayRunHere}: the item that started it is a message; {@code continuing}: the
     * previous turn ended on its budget, not on an empty queue, and this one goes on with it unheld.
     */
    private void start(boolean mayRunHere, boolean continuing) {
        long wait = continuing ? 0 : holdFor();
        if (wait > 0) {
            pacing.timer().schedule(() -> onLane.run(lane, () -> drain(true)), wait);
        } else {
            (mayRunHere && fanOutHere.getAsBoolean() ? onLaneOrHere : onLane).run(lane, () -> drain(continuing));
        }
    }

    /** Whether this room's fan-outs are paced now: pacing on, and the room not small. */
    private boolean paced() {
        return pacing.intervalNanos() > 0 && !fanOutHere.getAsBoolean();
    }

    /** How long the first item waiting must still be held: more than 0 only for a paced fan-out too soon. */
    private long holdFor() {
        if (!fannedOut || !(items.peek() instanceof Visible<?>) || !paced()) {
            return 0;
        }
        return lastFanOut + pacing.intervalNanos() - pacing.nanoClock().getAsLong();
    }

    /**
     * On the lane: runs what was handed in, at most {@value #PER_TURN} items. While it runs it
     * counts as scheduled, so results handed in meanwhile (the next commit, while this one fans out)
     * cost no hand-off: this task takes them, or the next one it queues. {@code due}: its fan-out was
     * held already, or it goes on with a turn cut by the budget, and is not held (again).
     */
    private void drain(boolean due) {
        if (paced()) {
            drainPaced(due);
        } else {
            drainInOrder();
        }
    }

    /** A turn of an unpaced room: every item in the order handed in, each answer ending a fan-out group. */
    private void drainInOrder() {
        List<V> shown = new ArrayList<>();
        long groupSize = 0;
        int budget = PER_TURN;
        try {
            while (budget > 0) {
                Object item = items.poll();
                if (item == null) {
                    if (shown.isEmpty()) {
                        break;
                    }
                    flush(shown); // then look again: the fan-out takes a while, and more may have come
                    groupSize = 0;
                    continue;
                }
                budget--;
                if (item instanceof Visible<?> visible) {
                    groupSize = add(shown, groupSize, visible);
                } else {
                    flush(shown);
                    groupSize = 0;
                    ((Runnable) item).run();
                }
            }
        } finally {
            try {
                flush(shown);
            } finally {
                release(budget == 0);
            }
        }
    }

    /**
     * A turn of a paced room. The answers waiting ahead of any message run first, in order (they
     * wait for no fan-out). Then, unless the turn is {@code due}, a fan-out too soon after the
     * previous one is held: the turn goes to the timer. Otherwise the turn takes what is waiting (up
     * to its budget), fans out all its messages as one fan-out (in commit order, cut only by
     * {@code maxGroupSize}), then runs its answers in the order they were handed in. An answer thus
     * always follows its own message's fan-out and the answers before it; that it may also follow the
     * fan-out of messages committed after its own is what happens whenever the log's fsync is slower
     * than the next commit, and {@link SenderEchoes} holds those for the sender until its own copy.
     */
    private void drainPaced(boolean due) {
        List<V> shown = new ArrayList<>();
        List<Runnable> answers = new ArrayList<>();
        long groupSize = 0;
        int budget = PER_TURN;
        boolean held = false;
        try {
            while (budget > 0 && items.peek() instanceof Runnable) {
                budget--;
                ((Runnable) items.poll()).run(); // only this turn takes items: the peeked one is still first
            }
            if (budget > 0 && !due && holdFor() > 0) {
                held = true;
                return;
            }
            Object item;
            while (budget > 0 && (item = items.poll()) != null) {
                budget--;
                if (item instanceof Visible<?> visible) {
                    groupSize = add(shown, groupSize, visible);
                } else {
                    answers.add((Runnable) item);
                }
            }
        } finally {
            try {
                flush(shown);
            } finally {
                try {
                    runAll(answers);
                } finally {
                    if (held) {
                        start(false, false); // still scheduled: hands the turn to the timer
                    } else {
                        release(budget == 0);
                    }
                }
            }
        }
    }

    /** Adds a message to the group, first fanning out the group when the message would take it past the maximum. */
    private long add(List<V> shown, long groupSize, Visible<?> visible) {
        @SuppressWarnings("unchecked")
        V message = (V) visible.message();
        int messageSize = size.applyAsInt(message);
        if (!shown.isEmpty() && groupSize + messageSize > maxGroupSize) {
            flush(shown);
            groupSize = 0;
        }
        shown.add(message);
        return groupSize + messageSize;
    }

    /** Runs every answer in order; one that fails does not keep the others from running (the first failure is thrown after). */
    private static void runAll(List<Runnable> answers) {
        RuntimeException failed = null;
        for (Runnable answer : answers) {
            try {
                answer.run();
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

    /**
     * Ends a turn (a lane task, or an answer run in place): cleared only now, then checked again, so
     * an item added after the last poll is either seen here or schedules the next task itself.
     * {@code continuing}: the turn ended on its budget, and the next one goes on with it unheld.
     */
    private void release(boolean continuing) {
        scheduled.set(false);
        if (!items.isEmpty() && scheduled.compareAndSet(false, true)) {
            start(false, continuing);
        }
    }

    private void flush(List<V> shown) {
        if (!shown.isEmpty()) {
            List<V> group = List.copyOf(shown);
            shown.clear();
            lastFanOut = pacing.nanoClock().getAsLong();
            fannedOut = true;
            fanOut.accept(group);
        }
    }

    private record Visible<V>(V message) {
    }
}
