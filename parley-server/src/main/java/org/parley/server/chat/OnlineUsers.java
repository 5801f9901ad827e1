package org.parley.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online: each account's live sessions, in login order. Read by every lane (deliveries),
 * added to by the event loop that acknowledged a login and removed from by the account's own lane
 * (logout; see {@code ChatService#sessionStarted}), so it is a concurrent map of immutable lists.
 *
 * <p>An account's coming online and going offline run on different threads, so what must follow
 * each transition in the same order (telling the account's rooms) is given as a callback that runs
 * inside the map's update of that account: two transitions of one account never interleave, and
 * their callbacks run in the order of the transitions. A callback may only queue work (it holds
 * the map's lock for that account) and must not touch this map.
 */
final class OnlineUsers {
    private final ConcurrentHashMap<String, List<ChatSession>> byCanonical = new ConcurrentHashMap<>();

    /**
     * Adds {@code session}; if it is the user's first, runs {@code cameOnline} before any later
     * transition of the same user can happen.
     *
     * @return true if this is the user's first session (the user just came online)
     */
    boolean add(ChatSession session, Runnable cameOnline) {
        boolean[] first = {false};
        byCanonical.compute(session.canonical(), (user, old) -> {
            if (old == null) {
                first[0] = true;
                cameOnline.run();
                return List.of(session);
            }
            List<ChatSession> sessions = new ArrayList<>(old);
            sessions.add(session);
            return List.copyOf(sessions);
        });
        return first[0];
    }

    /**
     * Removes {@code session}; if it was the user's last, runs {@code wentOffline} before any later
     * transition of the same user can happen.
     *
     * @return true if this was the user's last session (the user went offline)
     */
    boolean remove(ChatSession session, Runnable wentOffline) {
        boolean[] last = {false};
        byCanonical.computeIfPresent(session.canonical(), (user, old) -> {
            if (!old.contains(session)) {
                return old;
            }
            List<ChatSession> sessions = new ArrayList<>(old);
            sessions.remove(session);
            if (sessions.isEmpty()) {
                last[0] = true;
                wentOffline.run();
                return null;
            }
            return List.copyOf(sessions);
        });
        return last[0];
    }

    /**
     * Runs {@code action} with whether the user is online, inside the map's update of that user: no
     * first or last session (nor its callback) of the user can happen meanwhile, so a room that
     * records the answer (a membership put on its lane) is told of the next transition after it, and
     * never reads the state of a transition still in progress. The same rules as for a callback.
     */
    void whileUnchanged(String canonical, java.util.function.Consumer<Boolean> action) {
        byCanonical.compute(canonical, (user, sessions) -> {
            action.accept(sessions != null);
            return sessions;
        });
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
