package org.parley.server.log;

import java.time.Clock;

/**
 * Decides which stored messages get a console line of their own: at most {@link #PER_SECOND} in
 * each second of the clock; the others are only counted, and the first message of a later second
 * (or {@link #summarize}) reports them as one summary.
 *
 * <p>Why: a class demonstration wants to see each message arrive, a busy server must not format
 * and write a line per message (before this limit, a console line per message was about a sixth of
 * the chat lanes' CPU and a writer thread competing with the server for its cores, see
 * docs/OPERATIONS.md, "Logs"). The check is one clock read and a few counters under a lock held
 * for nanoseconds, made before any log event or text is built.
 *
 * <p>Safe to call from several threads (the chat lanes).
 */
public final class MessageLines {
    /** Lines of their own per second of the clock; more messages in that second are summarized. */
    public static final int PER_SECOND = 20;
    private final Clock clock;
    private final int perSecond;
    private long second = Long.MIN_VALUE;
    private int shown;
    private long hidden;
    private long hiddenBytes;

    public MessageLines(Clock clock) {
        this(clock, PER_SECOND);
    }

    MessageLines(Clock clock, int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must not be negative: " + perSecond);
        }
        this.clock = clock;
        this.perSecond = perSecond;
    }

    /** Messages of one second of the clock that had no line of their own. */
    @FunctionalInterface
    public interface Summary {
        /** {@code epochSecond} is the second they were stored in; {@code messages} is at least one. */
        void hidden(long epochSecond, long messages, long bytes);
    }

    /**
     * Counts a message of {@code bytes} and returns whether it gets its own line; when it is the
     * first message of a new second and the last second it counted had hidden messages, first gives
     * those to {@code summary} (on the calling thread, outside the lock).
     */
    public boolean admit(int bytes, Summary summary) {
        long now = Math.floorDiv(clock.millis(), 1_000L);
        long before;
        long beforeMessages;
        long beforeBytes;
        boolean own;
        synchronized (this) {
            before = second;
            beforeMessages = 0;
            beforeBytes = 0;
            if (now != second) {
                beforeMessages = hidden;
                beforeBytes = hiddenBytes;
                second = now;
                shown = 0;
                hidden = 0;
                hiddenBytes = 0;
            }
            own = shown < perSecond;
            if (own) {
                shown++;
            } else {
                hidden++;
                hiddenBytes += bytes;
            }
        }
        if (beforeMessages > 0) {
            summary.hidden(before, beforeMessages, beforeBytes);
        }
        return own;
    }

    /** Gives the hidden messages not yet reported to {@code summary}, if any (e.g. before the server stops). */
    public void summarize(Summary summary) {
        long at;
        long messages;
        long bytes;
        synchronized (this) {
            at = second;
            messages = hidden;
            bytes = hiddenBytes;
            hidden = 0;
            hiddenBytes = 0;
        }
        if (messages > 0) {
            summary.hidden(at, messages, bytes);
        }
    }
}
