package org.parley.server.chat;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.parley.server.metrics.BacklogBound;

/**
 * Admission of room messages by the work a room already has in flight (issue 13 §3): a message is
 * in flight from the moment it is admitted until every recipient's connection has written it (or
 * it was refused later). A room refuses a new message, before anything is queued, while
 *
 * <ul>
 *   <li>{@value #MAX_IN_FLIGHT} of its messages are in flight, or</li>
 *   <li>it has any in flight and their bodies with the new one's would pass {@value #MAX_IN_FLIGHT_BYTES}
 *       bytes, or</li>
 *   <li>more than {@value #MIN_IN_FLIGHT} are, and either the oldest of them has been in flight for
 *       more than {@value #MAX_WAIT_MILLIS} ms, or a new message would wait longer than that: the
 *       messages in flight times the room's recent time to finish one (the inverse of the rate the
 *       room is being delivered at, see below).</li>
 * </ul>
 *
 * <p><b>The room's rate.</b> Each finished message that was already in flight when the previous
 * one finished adds the time between the two finishes to the current window's sum, and one to its
 * count; a message admitted after that finish adds nothing, since its time in flight is the
 * pipeline's latency (the commit, the fsync), not the time the room needs per message (counting it
 * made a room refuse as soon as its first message finished, 20 ms after its arrival, with 150 more
 * behind it). A window closes once its sum has reached {@value #RATE_WINDOW_MILLIS} ms, when the
 * next message with a service time of its own finishes (that message opens the next window); the
 * time to finish one message is the sum of the closed and the current window over their count.
 * Messages finish in bursts (a group commit finishes hundreds at once: the first carries the
 * whole wait since the previous burst, the others none), so a window holds whole bursts and the
 * figure is the room's rate over the last 50 to 100 ms of work, however many messages that was.
 * A moving average per message read each burst's first message as the time of every message and
 * refused rooms that were keeping up (issue 13: almost all the refusals at the fan-out ladder's
 * top steps, with the server at 0.8 of its core).
 *
 * <p><b>A room that emptied.</b> A room that is keeping up drains to nothing in flight many times
 * a second (up to 140 times under the fan-out ladder), and its record, with its rate, goes with it
 * (below). Its next record has no rate until {@value #RATE_WINDOW_MILLIS} ms of its delivery have
 * been measured, and until then only the count and the age bound it. Judged earlier, by the
 * finishes of its first 2 to 41 ms of delivery (often a single gap over one message, as its
 * pipeline filled), it predicted waits of 0.1 to 12 s for 40 to 1,000 messages in flight, while
 * the message admitted right after such a refusal was delivered in 1.4 to 48 ms, 6 ms in the
 * median (issue 13, branch admit2: 25 of 27 bursts of predicted-wait refusals in one fan-out
 * ladder; where a whole window had been measured, the prediction of 100 ms came out at 70 and
 * 227 ms). A room that is really falling behind does not empty, so it has its rate once it has
 * been delivering for about 50 ms; until then the count and the age bound hold it, as they hold
 * a stall.
 *
 * <p>The second bound is in time, so it follows what the machine manages at the moment: a room
 * whose messages would wait longer than that is past what the server can deliver, and queueing
 * more would only make every later message later (the age of the oldest alone is not enough: at
 * twice the rate the server delivers, a room collects 100 ms of arrivals that take 200 ms to
 * deliver, and the age check covers a stall, where nothing finishes to measure a rate). Refusing
 * at the door keeps the queues short, so the messages that are accepted keep a bounded latency,
 * and the server spends its time on delivering them rather than on a backlog. A room with few messages in flight (a stall of the
 * disk under light traffic) is never refused for their age.
 *
 * <p>Messages of one room finish in about the order they were admitted (one lane, commits in
 * order), so the admission time of the oldest one in flight is taken as that of the earliest
 * admitted and not yet counted finished. A room's record exists only while it has messages in
 * flight: memory follows the work, not the number of rooms.
 */
final class RoomBacklog {
    /**
     * Messages of one room in flight at most: 100 ms (the time bounds below) of a room delivered at
     * 40,000 messages a second, about what one core fans out to 100 members, so the count does not
     * refuse before the time bounds would; also ten senders' full windows of 256 (net.NettySessionLink)
     * with the rest of a 16 KiB read each. At 1,000 it refused rooms whose oldest message had waited
     * 25 ms (issue 13, branches fanout6 and fanout7; docs/PERFORMANCE.md).
     */
    static final int MAX_IN_FLIGHT = 4_000;
    /**
     * Bytes of message bodies of one room in flight at most (a room with nothing in flight takes one
     * message of any size). A room envelope is at most 16,609 bytes, so the count of 1,000 this
     * replaced held a room at 16 MiB, and 4,000 would allow 63 MiB; a body is counted from its
     * arrival, before its size is checked on the room's lane, so up to a whole message (394,240
     * bytes) each: 376 MiB at 1,000. This keeps a room at 16 MiB, about 1,000 of the largest
     * envelopes, as before, and is out of reach of chat-sized messages (4,000 of 4 KiB).
     */
    static final long MAX_IN_FLIGHT_BYTES = 16L * 1024 * 1024;
    /** Below this many in flight a room is never refused for their age. */
    static final int MIN_IN_FLIGHT = 32;
    /** Longest time the oldest message of a room may have been in flight for a new one to be accepted. */
    static final long MAX_WAIT_MILLIS = 100;
    private static final long MAX_WAIT_NANOS = MAX_WAIT_MILLIS * 1_000_000;
    /** Service time a window of the room's rate covers at least (see the class comment). */
    static final long RATE_WINDOW_MILLIS = 50;
    private static final long RATE_WINDOW_NANOS = RATE_WINDOW_MILLIS * 1_000_000;
    private static final Optional<BacklogBound> COUNT = Optional.of(BacklogBound.COUNT);
    private static final Optional<BacklogBound> BYTES = Optional.of(BacklogBound.BYTES);
    private static final Optional<BacklogBound> AGE = Optional.of(BacklogBound.AGE);
    private static final Optional<BacklogBound> PREDICTED_WAIT = Optional.of(BacklogBound.PREDICTED_WAIT);
    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RoomBacklog() {
        this(System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds (tests) */
    RoomBacklog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Counts a new message of {@code room}, with a body of {@code bytes}, in flight and returns empty,
     * or, if the room is past a bound, counts nothing and returns the bound that refused (the count
     * first, then the bytes, then the age, then the predicted wait).
     */
    Optional<BacklogBound> admit(String room, int bytes) {
        long now = nanoTime.getAsLong();
        while (true) {
            Room backlog = rooms.computeIfAbsent(room, key -> new Room());
            synchronized (backlog) {
                if (backlog.retired) {
                    continue;
                }
                Optional<BacklogBound> refused = backlog.refusal(now, bytes);
                if (refused.isEmpty()) {
                    backlog.add(now, bytes);
                }
                return refused;
            }
        }
    }

    /**
     * One admitted message of {@code room}, admitted with a body of {@code bytes}, has finished
     * (written to everyone, or refused).
     */
    void finished(String room, int bytes) {
        Room backlog = rooms.get(room);
        if (backlog == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        synchronized (backlog) {
            backlog.finishOldest(now, bytes);
            if (backlog.size == 0) {
                retire(room, backlog);
            }
        }
    }

    /** Messages of {@code room} in flight now. */
    int inFlight(String room) {
        Room backlog = rooms.get(room);
        if (backlog == null) {
            return 0;
        }
        synchronized (backlog) {
            return backlog.size;
        }
    }

    private void retire(String key, Room backlog) {
        backlog.retired = true;
        rooms.remove(key, backlog);
    }

    /** Admission times of one room's messages in flight, oldest first (a growing ring of longs). */
    private static final class Room {
        long[] times = new long[8];
        int head;
        int size;
        /** Bytes of the bodies of the messages in flight. */
        long bytes;
        /** Removed from the map: an admitter that still holds it must look the room up again. */
        boolean retired;
        /** Service time and count of the room's finished messages: the last closed window, and the open one. */
        long closedSum;
        long closedCount;
        long openSum;
        long openCount;
        long lastFinish = Long.MIN_VALUE;

        /** The bound this room is past at {@code now}, if any. */
        Optional<BacklogBound> refusal(long now, int incoming) {
            if (size >= MAX_IN_FLIGHT) {
                return COUNT;
            }
            if (size > 0 && bytes + incoming > MAX_IN_FLIGHT_BYTES) {
                return BYTES;
            }
            if (size <= MIN_IN_FLIGHT) {
                return Optional.empty();
            }
            if (now - times[head] > MAX_WAIT_NANOS) {
                return AGE;
            }
            return wouldWaitLongerThan(MAX_WAIT_NANOS) ? PREDICTED_WAIT : Optional.empty();
        }

        /**
         * Whether the messages in flight would take longer than {@code nanos} at the room's recent
         * rate; never before the room has measured {@value #RATE_WINDOW_MILLIS} ms of its delivery
         * (see the class comment, "A room that emptied").
         */
        private boolean wouldWaitLongerThan(long nanos) {
            // size × sum / count > nanos, without the division
            long sum = closedSum + openSum;
            return sum >= RATE_WINDOW_NANOS && (double) size * sum > (double) nanos * (closedCount + openCount);
        }

        void add(long time, int body) {
            bytes += body;
            if (size == times.length) {
                long[] grown = new long[times.length * 2];
                for (int i = 0; i < size; i++) {
                    grown[i] = times[(head + i) % times.length];
                }
                times = grown;
                head = 0;
            }
            times[(head + size) % times.length] = time;
            size++;
        }

        /** One message's time from the previous finish to its own, while it was waiting (see the class comment). */
        private void sample(long service) {
            if (service > 0 && openSum >= RATE_WINDOW_NANOS) {
                closedSum = openSum;
                closedCount = openCount;
                openSum = 0;
                openCount = 0;
            }
            openSum += service;
            openCount++;
        }

        void finishOldest(long now, int body) {
            if (size > 0) {
                bytes -= body;
                if (lastFinish != Long.MIN_VALUE && times[head] <= lastFinish) {
                    sample(Math.max(0, now - lastFinish));
                }
                lastFinish = now;
                head = (head + 1) % times.length;
                size--;
            }
        }
    }
}
