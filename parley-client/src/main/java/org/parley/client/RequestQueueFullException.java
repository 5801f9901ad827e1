package org.parley.client;

/**
 * A request was not sent: the session already had as many requests unanswered as its window
 * allows (within the protocol's, docs/PROTOCOL.md 14.7) and as many more waiting for their turn as it keeps. Nothing was
 * sent or stored; try again once earlier requests have been answered.
 */
public final class RequestQueueFullException extends ClientException {
    private final int window;
    private final int queue;

    public RequestQueueFullException(int window, int queue) {
        super("too many requests on this connection: " + window + " unanswered and " + queue
                + " waiting to be sent; try again once earlier requests are answered");
        this.window = window;
        this.queue = queue;
    }

    /** Requests a session keeps unanswered at most. */
    public int window() {
        return window;
    }

    /** Requests a session keeps waiting for the window at most. */
    public int queue() {
        return queue;
    }
}
