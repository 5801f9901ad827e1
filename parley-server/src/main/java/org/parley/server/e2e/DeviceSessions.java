package org.parley.server.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.server.chat.ChatSession;

/**
 * Which sessions are online and which device each is bound to. A session reads only the queue of
 * the device it proved (AddDevice or BindDevice); an unbound session reads none.
 *
 * <p><b>Threads.</b> Sessions start and end on their connection's event loop, without a task on
 * the end-to-end lane (most sessions never bind a device, and those two tasks were a third of a
 * key login's chat work, issue 13); binding, reading and device removal run on the end-to-end lane.
 * So both maps are concurrent, and {@link #bind} and {@link #ended} of one account are serialised
 * by the account's entry in {@code byAccount}: a session that has ended is never bound afterwards,
 * and a session bound before it ended has its device returned by {@link #ended}.
 */
final class DeviceSessions {
    /** Each account's online sessions in start order, as immutable lists. */
    private final Map<String, List<ChatSession>> byAccount = new ConcurrentHashMap<>();
    /** Session id to its bound device. */
    private final Map<Long, Long> boundDevice = new ConcurrentHashMap<>();

    void started(ChatSession session) {
        byAccount.merge(session.canonical(), List.of(session), (old, one) -> {
            List<ChatSession> sessions = new ArrayList<>(old);
            sessions.add(session);
            return List.copyOf(sessions);
        });
    }

    /** Forgets the session; returns the device it was bound to, if any. */
    OptionalLong ended(ChatSession session) {
        long[] device = {0};
        boolean[] bound = {false};
        byAccount.compute(session.canonical(), (account, old) -> {
            Long was = boundDevice.remove(session.id());
            if (was != null) {
                device[0] = was;
                bound[0] = true;
            }
            if (old == null || !old.contains(session)) {
                return old;
            }
            List<ChatSession> sessions = new ArrayList<>(old);
            sessions.remove(session);
            return sessions.isEmpty() ? null : List.copyOf(sessions);
        });
        return bound[0] ? OptionalLong.of(device[0]) : OptionalLong.empty();
    }

    /**
     * Binds the session to {@code deviceId}, unless it has already ended (its connection closed
     * while the request was running): then nothing is kept for it.
     */
    void bind(ChatSession session, long deviceId) {
        byAccount.computeIfPresent(session.canonical(), (account, sessions) -> {
            if (sessions.contains(session)) {
                boundDevice.put(session.id(), deviceId);
            }
            return sessions;
        });
    }

    OptionalLong deviceOf(ChatSession session) {
        Long device = boundDevice.get(session.id());
        return device == null ? OptionalLong.empty() : OptionalLong.of(device);
    }

    List<ChatSession> sessionsOf(String account) {
        return byAccount.getOrDefault(account, List.of());
    }

    /** The online sessions bound to this device. */
    List<ChatSession> sessionsOf(String account, long deviceId) {
        return sessionsOf(account).stream().filter(s -> boundDevice.getOrDefault(s.id(), 0L) == deviceId).toList();
    }

    /** Unbinds every session of a removed device. */
    void deviceRemoved(String account, long deviceId) {
        sessionsOf(account, deviceId).forEach(s -> boundDevice.remove(s.id()));
    }
}
