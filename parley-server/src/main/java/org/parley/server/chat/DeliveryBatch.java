package org.parley.server.chat;

/**
 * How the chat layer runs a room's fan-out: the server passes one that holds back the event-loop
 * hand-offs of the deliveries it queues until all of them are queued, so that one fan-out costs
 * each event loop one task (and, when the loop sleeps, one wake-up) rather than one per member's
 * connection (issue 13, fan-out at moderate load; the network layer's {@code EventLoopHandOffs}).
 *
 * <p>An implementation runs {@code deliveries} exactly once, on the calling thread, before it
 * returns, and lets what they throw propagate. Each connection's queue still takes its entries at
 * once: only the task that writes them waits for the batch's end.
 */
@FunctionalInterface
public interface DeliveryBatch {

    /** Runs the deliveries as they are, with nothing held back (tests, and a chat layer without a network). */
    static DeliveryBatch direct() {
        return Runnable::run;
    }

    /** Runs {@code deliveries} (one fan-out's) on the calling thread. */
    void run(Runnable deliveries);
}
