package org.parley.server.store;

/**
 * How the store runs the callbacks of one group commit: its messages' {@code whenVisible} (the
 * fan-out to the other members) once it is committed, and the completion of its appends (the
 * acknowledgements) once it is durable or failed. The server passes one that holds back the
 * event-loop wake-ups those callbacks cause until all of them have run, so that one batch costs
 * each event loop at most one wake-up rather than one per connection it writes to (issue 13,
 * durable messages).
 *
 * <p>Called on the store's writer or sync thread. An implementation runs {@code callbacks} exactly
 * once, on the calling thread, before it returns, and lets what they throw propagate.
 */
@FunctionalInterface
public interface CompletionBatch {

    /** Runs the callbacks as they are, with nothing held back. */
    static CompletionBatch direct() {
        return Runnable::run;
    }

    /** Runs {@code callbacks} (one batch's) on the calling thread. */
    void run(Runnable callbacks);
}
