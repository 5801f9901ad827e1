package org.parley.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * One room's commit results on their way back to the room's lane: the store's threads hand in
 * each message as it becomes visible ({@link #visible}) and each answer once the message is
 * durable or failed ({@link #settled}), and the lane takes them all in one task instead of one
 * task per message and per answer. A group commit of many messages of one room thus costs the
 * room's lane one hand-off (one wake-up of a chat thread) for its fan-out and one for its
 * acknowledgements, not two per message.
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
        this.lane = lane;
        this.onLane = onLane;
        this.fanOut = fanOut;
        this.size = size;
        this.maxGroupSize = maxGroupSize;
    }

    /** From any thread: a message is committed and may be shown to the room. */
    void visible(V message) {
        hand(new Visible<>(message));
    }

    /** From any thread: what to run on the lane once a message is durable or failed. */
    void settled(Runnable answer) {
        hand(answer);
    }

    private void hand(Object item) {
        items.add(item);
        if (scheduled.compareAndSet(false, true)) {
            onLane.run(lane, this::drain);
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
                // Cleared only now, then checked again: an item added after the last poll is either
                // seen here or schedules the next task itself.
                scheduled.set(false);
                if (!items.isEmpty() && scheduled.compareAndSet(false, true)) {
                    onLane.run(lane, this::drain);
                }
            }
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
