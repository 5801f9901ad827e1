package org.parley.server.chat;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the recipients of one room message until every connection has written it, then runs
 * {@code whenWritten} once: the sender's request stays in flight (back-pressure) until then, so
 * senders are held back while the event loops lag behind the fan-out, instead of the queues
 * growing until readers are disconnected. Starts with one count of its own, which
 * {@link Rooms#broadcast} gives back after queueing to every recipient.
 */
final class FanOutReceipt implements Runnable {
    private final AtomicInteger pending = new AtomicInteger(1);
    private final Runnable whenWritten;

    FanOutReceipt(Runnable whenWritten) {
        this.whenWritten = whenWritten;
    }

    /** One more recipient; it calls {@link #written} once its connection wrote (or dropped) the message. */
    void add() {
        pending.incrementAndGet();
    }

    void written() {
        if (pending.decrementAndGet() == 0) {
            whenWritten.run();
        }
    }

    /** As {@link #written}: the receipt itself is the {@code written} callback handed to each link (no object per recipient). */
    @Override
    public void run() {
        written();
    }
}
