package org.parley.bench;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One sender's window on its unanswered messages, the protocol's contract (docs/PROTOCOL.md 14.7,
 * "Overload": a client that waits for its answers before sending more than 64 never sees
 * {@code rate_limited}): at most {@code window} messages sent and not yet answered; a message whose
 * time comes while the window is full waits, in order, in a queue of at most {@code queue} messages and
 * is sent when an answer opens the window; a message that finds that queue full too is held back (not
 * sent at all, counted by the caller like a refusal). A window of 0 is the open loop: everything is
 * sent at once and answers are not counted.
 *
 * <p>Not thread-safe: one sender's event loop both offers its messages and hears its answers.
 *
 * @param <T> what is sent (a message body and its times)
 */
final class SendWindow<T> {
    /**
     * The protocol's window (docs/PROTOCOL.md 14.7: a client with at most 256 requests unanswered never sees
     * {@code rate_limited}) and the queue the generator's Parley senders keep by default.
     */
    static final int PROTOCOL_WINDOW = 256;
    static final int DEFAULT_QUEUE = 64;
    private final int window;
    private final int queueLimit;
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private int unanswered;

    SendWindow(int window, int queueLimit) {
        if (window < 0 || queueLimit < 0 || (window == 0 && queueLimit != 0)) {
            throw new IllegalArgumentException("window and queue must be at least 0, and the queue 0 without a window: "
                    + window + ", " + queueLimit);
        }
        this.window = window;
        this.queueLimit = queueLimit;
    }

    /** The open loop: no window. */
    static <T> SendWindow<T> openLoop() {
        return new SendWindow<>(0, 0);
    }

    boolean open() {
        return window == 0;
    }

    /**
     * Offers {@code items}, due now, in order: those the window lets out are added to {@code sendNow}
     * (after anything already queued has gone, never ahead of it), the next ones are queued while the
     * queue has room, and the rest are held back.
     *
     * @return how many were held back
     */
    int offer(List<T> items, List<T> sendNow) {
        int held = 0;
        for (T item : items) {
            if (window == 0) {
                sendNow.add(item);
            } else if (queue.isEmpty() && unanswered < window) {
                unanswered++;
                sendNow.add(item);
            } else if (queue.size() < queueLimit) {
                queue.add(item);
            } else {
                held++;
            }
        }
        return held;
    }

    /**
     * An answer came (accepted or refused: either way the server is done with one message), which opens
     * the window by one. Answers to messages sent before any window was kept are ignored.
     */
    void answered() {
        if (unanswered > 0) {
            unanswered--;
        }
    }

    /** Moves the queued messages that the window now lets out, oldest first, to {@code sendNow}. */
    void release(List<T> sendNow) {
        while (!queue.isEmpty() && unanswered < window) {
            unanswered++;
            sendNow.add(queue.poll());
        }
    }

    int unanswered() {
        return unanswered;
    }

    int queued() {
        return queue.size();
    }
}
