package org.parley.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online: each account's live sessions, in login order. Read by every lane (deliveries),
 * added to by the event loop that acknowledged a login and removed from by the account's own lane
 * (logout; see {@code ChatService#sessionStarted}), so it is a concurrent map of immutable lists.
 */
final class OnlineUsers {
    private final ConcurrentHashMap<String, List<ChatSession>> byCanonical = new ConcurrentHashMap<>();

    /** @return true if this is the user's first session (the user just came online) */
    boolean add(ChatSession session) {
        List<ChatSession> after = byCanonical.merge(session.canonical(), List.of(session), (old, one) -> {
            List<ChatSession> sessions = new ArrayList<>(old);
            sessions.add(session);
            return List.copyOf(sessions);
        });
        return after.size() == 1;
    }

    /** @return true if this was the user's last session (the user went offline) */
    boolean remove(ChatSession session) {
        boolean[] last = {false};
        byCanonical.computeIfPresent(session.canonical(), (user, old) -> {
            if (!old.contains(session)) {
                return old;
            }
            List<ChatSession> sessions = new ArrayList<>(old);
            sessions.remove(session);
            last[0] = sessions.isEmpty();
            return sessions.isEmpty() ? null : List.copyOf(sessions);
        });
        return last[0];
    }

    List<ChatSession> sessionsOf(String canonical) {
        return byCanonical.getOrDefault(canonical, List.of());
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

    /** At most {@code limit} online users, each as its sessions (display name and session count). */
    List<List<ChatSession>> users(int limit) {
        return byCanonical.values().stream().limit(limit).toList();
    }
}
