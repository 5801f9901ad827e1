package org.parley.server.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.parley.server.chat.ChatSession;

/**
 * Which sessions are online and which device each is bound to. A session reads only the queue of
 * the device it proved (AddDevice or BindDevice); an unbound session reads none. Confined to the
 * thread that handles chat requests, so it needs no locking.
 */
final class DeviceSessions {
    private final Map<String, List<ChatSession>> byAccount = new LinkedHashMap<>();
    private final Map<Long, Long> boundDevice = new HashMap<>();

    void started(ChatSession session) {
        byAccount.computeIfAbsent(session.canonical(), k -> new ArrayList<>()).add(session);
    }

    /** Forgets the session; returns the device it was bound to, if any. */
    OptionalLong ended(ChatSession session) {
        List<ChatSession> sessions = byAccount.get(session.canonical());
        if (sessions != null && sessions.remove(session) && sessions.isEmpty()) {
            byAccount.remove(session.canonical());
        }
        Long device = boundDevice.remove(session.id());
        return device == null ? OptionalLong.empty() : OptionalLong.of(device);
    }

    void bind(ChatSession session, long deviceId) {
        boundDevice.put(session.id(), deviceId);
    }

    OptionalLong deviceOf(ChatSession session) {
        Long device = boundDevice.get(session.id());
        return device == null ? OptionalLong.empty() : OptionalLong.of(device);
    }

    List<ChatSession> sessionsOf(String account) {
        return List.copyOf(byAccount.getOrDefault(account, List.of()));
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
