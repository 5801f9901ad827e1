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
 * total size would pass {@code maxGroupSize}.
 *
 * <p><b>Fairness.</b> One lane task runs at most {@value #PER_TURN} items; the rest wait for the
 * next task, queued behind whatever the lane received meanwhile ({@link Lanes} bounds the turn of
 * a lane as a whole). At most one such task is queued or running at a time: results handed in
 * while it runs wait for it, not for a task of their own.
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

    /**
     * @param lane the room's lane
     * @param onLane runs a task on a lane, never refusing it (the results of accepted work)
     * @param fanOut on the lane: fans out consecutive visible messages, in commit order
     * @param size a message's size, for {@code maxGroupSize}
     * @param maxGroupSize the total size of a group at most (a single message may be larger)
     */
    CommitReturns(String lane, Messaging.LaneRunner onLane, Consumer<List<V>> fanOut, ToIntFunction<V> size,
                  int maxGroupSize) {
        this(lane, onLane, onLane, () -> false, fanOut, size, maxGroupSize);
    }

    /**
     * As above, and a committed message that finds nothing waiting before it is fanned out through
     * {@code onLaneOrHere} while {@code fanOutHere} says the room's fan-out is small: that runner
     * runs the task on the calling thread (the store's writer) when the room's lane is idle,
     * holding the lane as a chat thread would, and queues it on the lane otherwise
     * ({@link Lanes#runHereOrSubmitAlways}).
     */
    CommitReturns(String lane, Messaging.LaneRunner onLane, Messaging.LaneRunner onLaneOrHere,
                  BooleanSupplier fanOutHere, Consumer<List<V>> fanOut, ToIntFunction<V> size, int maxGroupSize) {
        this.lane = lane;
        this.onLane = onLane;
        this.onLaneOrHere = onLaneOrHere;
        this.fanOutHere = fanOutHere;
        this.fanOut = fanOut;
        this.size = size;
        this.maxGroupSize = maxGroupSize;
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
                release();
            }
            return;
        }
        hand(answer);
    }

    private void hand(Object item) {
        items.add(item);
        if (scheduled.compareAndSet(false, true)) {
            (item instanceof Visible<?> && fanOutHere.getAsBoolean() ? onLaneOrHere : onLane).run(lane, this::drain);
        }
    }

    /**
     * On the lane: runs what was handed in, in order, at most {@value #PER_TURN} items. While it
     * runs it counts as scheduled, so results handed in meanwhile (the next commit, while this one
     * fans out) cost no hand-off: this task takes them, or the next one it queues.
     */
    private void drain() {
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
                    @SuppressWarnings("unchecked")
                    V message = (V) visible.message();
                    int messageSize = size.applyAsInt(message);
                    if (!shown.isEmpty() && groupSize + messageSize > maxGroupSize) {
                        flush(shown);
                        groupSize = 0;
                    }
                    shown.add(message);
                    groupSize += messageSize;
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
                release();
            }
        }
    }

    /**
     * Ends a turn (a lane task, or an answer run in place): cleared only now, then checked again, so
     * an item added after the last poll is either seen here or schedules the next task itself.
     */
    private void release() {
        scheduled.set(false);
        if (!items.isEmpty() && scheduled.compareAndSet(false, true)) {
            onLane.run(lane, this::drain);
        }
    }

    private void flush(List<V> shown) {
        if (!shown.isEmpty()) {
            List<V> group = List.copyOf(shown);
            shown.clear();
            fanOut.accept(group);
        }
    }

    private record Visible<V>(V message) {
    }
}
