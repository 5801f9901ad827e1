package org.parley.server.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is online: each account's live sessions, in login order. Confined to the chat worker
 * thread, so it needs no locking.
 */
final class OnlineUsers {
    private final Map<String, List<ChatSession>> byCanonical = new LinkedHashMap<>();

    /** @return true if this is the user's first session (the user just came online) */
    boolean add(ChatSession session) {
        List<ChatSession> sessions = byCanonical.computeIfAbsent(session.canonical(), k -> new ArrayList<>());
        sessions.add(session);
        return sessions.size() == 1;
    }

    /** @return true if this was the user's last session (the user went offline) */
    boolean remove(ChatSession session) {
        List<ChatSession> sessions = byCanonical.get(session.canonical());
        if (sessions == null || !sessions.remove(session)) {
            return false;
        }
        if (sessions.isEmpty()) {
            byCanonical.remove(session.canonical());
            return true;
        }
        return false;
    }

    List<ChatSession> sessionsOf(String canonical) {
        return List.copyOf(byCanonical.getOrDefault(canonical, List.of()));
    }

    boolean isOnline(String canonical) {
        return byCanonical.containsKey(canonical);
    }

    /** Online users (not sessions). */
    int count() {
        return byCanonical.size();
    }

    List<ChatSession> allSessions() {
        return byCanonical.values().stream().flatMap(List::stream).toList();
    }

    /** One session per online user, for listings (display name and session count). */
    List<List<ChatSession>> users() {
        return byCanonical.values().stream().map(List::copyOf).toList();
    }
}
