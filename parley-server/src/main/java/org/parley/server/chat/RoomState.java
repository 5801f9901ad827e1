package org.parley.server.chat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.store.RoomRecord;

/**
 * One room as the chat layer holds it in memory: members with roles (in canonical-name order),
 * bans, outstanding invitations, and which members are online.
 *
 * <p>Confined to the room's lane ({@link Lanes}): only tasks of that lane read or change it, so it
 * needs no lock. Other lanes (room listings) read only the immutable {@link #info()} snapshot,
 * republished after every change. The store is written first and this state changed only after
 * the write committed, so memory never holds what the database does not.
 */
final class RoomState {
    private final String name;
    private final String canonical;
    private final RoomVisibility visibility;
    private String topic;
    /** Canonical name of the owner; kept when the owner leaves an empty room so that they can return. Empty for the Lobby. */
    private String owner;
    private final TreeMap<String, Role> members = new TreeMap<>();
    private final Map<String, Long> bannedUntil = new HashMap<>();
    /** Invited user to who invited them (canonical names). */
    private final Map<String, String> invitations = new HashMap<>();
    private final Set<String> online = new HashSet<>();
    /** End-to-end encrypted: membership follows the room's signed log (org.parley.server.rooms). */
    private boolean encrypted;
    private volatile RoomInfo info;
    /** Senders whose visible messages are not yet durable, and what waits for them. */
    private final SenderEchoes senderEchoes = new SenderEchoes();
    /** The way back from the group commit to this room's lane; made by the first message sent. */
    private CommitReturns<Messaging.Shown> commitReturns;
    /**
     * Messages queued for the group commit and not yet fanned out (nor failed unseen): while there are
     * any, a message a join replays as history may still come back to the lane for its fan-out.
     * Raised and fanned out on the lane; a failure before the commit may lower it from a store thread.
     */
    private final AtomicInteger unshown = new AtomicInteger();
    /**
     * Sessions that joined while messages were unshown, each with the newest id its join replayed:
     * a fan-out skips those it replayed. Dropped once a fan-out passes that id (lane only).
     */
    private Map<ChatSession, Long> replayedUpTo;

    RoomState(RoomRecord record) {
        this.name = record.name();
        this.canonical = record.canonicalName();
        this.visibility = record.visibility();
        this.topic = record.topic();
        this.owner = record.owner();
        publish();
    }

    String name() {
        return name;
    }

    String canonical() {
        return canonical;
    }

    RoomVisibility visibility() {
        return visibility;
    }

    String owner() {
        return owner;
    }

    boolean encrypted() {
        return encrypted;
    }

    /** Marks the room end-to-end encrypted: at load, or at creation before anyone sees it. Never undone. */
    void markEncrypted() {
        encrypted = true;
        publish();
    }

    /** The latest summary for listings; safe to read from any thread. */
    RoomInfo info() {
        return info;
    }

    Role roleOf(String user) {
        return members.getOrDefault(user, Role.NONE);
    }

    /** Members in canonical-name order (a view: iterate only as far as an answer needs). */
    Map<String, Role> members() {
        return members;
    }

    /** Members with a session now. */
    Set<String> onlineMembers() {
        return online;
    }

    SenderEchoes senderEchoes() {
        return senderEchoes;
    }

    /** This room's way back from the group commit, made by {@code create} the first time (on the lane). */
    CommitReturns<Messaging.Shown> commitReturns(java.util.function.Supplier<CommitReturns<Messaging.Shown>> create) {
        if (commitReturns == null) {
            commitReturns = create.get();
        }
        return commitReturns;
    }

    /** On the lane: a message is queued for the group commit; its fan-out (or its failure) follows. */
    void messageQueued() {
        unshown.incrementAndGet();
    }

    /** From any thread: a queued message failed before it was committed, so it will never be fanned out. */
    void messageDropped() {
        unshown.decrementAndGet();
    }

    /**
     * On the lane: a join replayed the room's messages up to {@code newestId} to {@code session}; while
     * messages are unshown, some of those may still be fanned out, and this session must not get them
     * twice.
     */
    void replayed(ChatSession session, long newestId) {
        if (unshown.get() == 0) {
            return; // anything fanned out from now on was committed after the join read its history
        }
        if (replayedUpTo == null) {
            replayedUpTo = new IdentityHashMap<>();
        }
        replayedUpTo.put(session, newestId);
    }

    /** On the lane: the newest id already replayed to {@code session} that a fan-out may still bring (0 if none). */
    long replayedTo(ChatSession session) {
        return replayedUpTo == null ? 0 : replayedUpTo.getOrDefault(session, 0L);
    }

    /** On the lane, after fanning out {@code count} committed messages up to {@code newestId}. */
    void fannedOut(int count, long newestId) {
        unshown.addAndGet(-count);
        if (replayedUpTo != null) {
            replayedUpTo.values().removeIf(upTo -> upTo <= newestId);
            if (replayedUpTo.isEmpty()) {
                replayedUpTo = null;
            }
        }
    }

    boolean isBanned(String user, long nowMillis) {
        Long until = bannedUntil.get(user);
        if (until != null && until <= nowMillis) {
            bannedUntil.remove(user);
            return false;
        }
        return until != null;
    }

    Optional<String> invitedBy(String user) {
        return Optional.ofNullable(invitations.get(user));
    }

    /** Whether an outsider may learn that this room exists: public, or they are a member, invited, banned or its recorded owner. */
    boolean visibleTo(String user, long nowMillis) {
        return visibility == RoomVisibility.PUBLIC || members.containsKey(user) || invitations.containsKey(user)
                || owner.equals(user) || isBanned(user, nowMillis);
    }

    void putMember(String user, Role role, boolean isOnline) {
        members.put(user, role);
        if (isOnline) {
            online.add(user);
        }
        publish();
    }

    void removeMember(String user) {
        members.remove(user);
        online.remove(user);
        publish();
    }

    void setOnline(String user, boolean isOnline) {
        boolean changed = isOnline ? members.containsKey(user) && online.add(user) : online.remove(user);
        if (changed) {
            publish();
        }
    }

    void ban(String user, long untilMillis) {
        bannedUntil.put(user, untilMillis);
    }

    void unban(String user) {
        bannedUntil.remove(user);
    }

    /** @return who had invited the user before, if anyone */
    Optional<String> invite(String user, String by) {
        return Optional.ofNullable(invitations.put(user, by));
    }

    /** @return who had invited the user, if there was an invitation */
    Optional<String> uninvite(String user) {
        return Optional.ofNullable(invitations.remove(user));
    }

    void setTopic(String newTopic) {
        topic = newTopic;
        publish();
    }

    void setOwner(String newOwner) {
        owner = newOwner;
    }

    private void publish() {
        info = new RoomInfo(name, topic, visibility, encrypted, members.size(), online.size());
    }
}
