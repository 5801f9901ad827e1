package org.parley.server.chat;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Admission of room messages by the work a room already has in flight (issue 13 §3): a message is
 * in flight from the moment it is admitted until every recipient's connection has written it (or
 * it was refused later). A room refuses a new message, before anything is queued, while
 *
 * <ul>
 *   <li>{@value #MAX_IN_FLIGHT} of its messages are in flight, or</li>
 *   <li>more than {@value #MIN_IN_FLIGHT} are, and the oldest of them has been in flight for more
 *       than {@value #MAX_WAIT_MILLIS} ms.</li>
 * </ul>
 *
 * The second bound is in time, so it follows what the machine manages at the moment: a room
 * whose messages wait longer than that is past what the server can deliver, and queueing more
 * would only make every later message later. Refusing at the door keeps the queues short, so
 * the messages that are accepted keep a bounded latency, and the server spends its time on
 * delivering them rather than on a backlog. A room with few messages in flight (a stall of the
 * disk under light traffic) is never refused for their age.
 *
 * <p>Messages of one room finish in about the order they were admitted (one lane, commits in
 * order), so the admission time of the oldest one in flight is taken as that of the earliest
 * admitted and not yet counted finished. A room's record exists only while it has messages in
 * flight: memory follows the work, not the number of rooms.
 */
final class RoomBacklog {
    /** Messages of one room in flight at most. */
    static final int MAX_IN_FLIGHT = 1_000;
    /** Below this many in flight a room is never refused for their age. */
    static final int MIN_IN_FLIGHT = 32;
    /** Longest time the oldest message of a room may have been in flight for a new one to be accepted. */
    static final long MAX_WAIT_MILLIS = 100;
    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RoomBacklog() {
        this(System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds (tests) */
    RoomBacklog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Counts a new message of {@code room} in flight, or returns false (nothing counted) if the room is past a bound. */
    boolean admit(String room) {
        long now = nanoTime.getAsLong();
        while (true) {
            Room backlog = rooms.computeIfAbsent(room, key -> new Room());
            synchronized (backlog) {
                if (backlog.retired) {
                    continue;
                }
                if (backlog.size >= MAX_IN_FLIGHT
                        || backlog.size > MIN_IN_FLIGHT && now - backlog.oldest() > MAX_WAIT_MILLIS * 1_000_000) {
                    return false;
                }
                backlog.add(now);
                return true;
            }
        }
    }

    /** One admitted message of {@code room} has finished (written to everyone, or refused). */
    void finished(String room) {
        Room backlog = rooms.get(room);
        if (backlog == null) {
            return;
        }
        synchronized (backlog) {
            backlog.removeOldest();
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
        /** Removed from the map: an admitter that still holds it must look the room up again. */
        boolean retired;

        long oldest() {
            return times[head];
        }

        void add(long time) {
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

        void removeOldest() {
            if (size > 0) {
                head = (head + 1) % times.length;
                size--;
            }
        }
    }
}
