package org.parley.server.chat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.AccountStore;
import org.parley.server.store.RoomRecord;
import org.parley.server.store.RoomStore;
import org.parley.server.store.StoreException;

/**
 * Everything about rooms and accounts the chat layer holds in memory, loaded once at start (five
 * queries) and then kept in step with the store by the request handlers, which write the store
 * first and change memory after the commit.
 *
 * <p>Shared by all lanes, so its maps are concurrent; each {@link RoomState} itself belongs to its
 * room's lane. The indexes exist so that every answer costs work in proportion to its own size:
 * public rooms and each account's rooms are kept sorted, so a room list is a merge of two sorted
 * sequences stopped at the list's limit, not a scan of every room; account display names are here,
 * so a member list of the Lobby (every account) reads no database row.
 */
final class RoomDirectory {
    private final ConcurrentHashMap<String, RoomState> rooms = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<String, RoomState> publicRooms = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, ConcurrentSkipListSet<String>> roomsOfUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> accountNames = new ConcurrentHashMap<>();
    private final Quota ownedRooms;
    private final Quota invitations;

    private RoomDirectory(CreationLimits limits) {
        this.ownedRooms = new Quota(limits.roomsPerAccount());
        this.invitations = new Quota(limits.invitesPerAccount());
    }

    /** Reads accounts, rooms, memberships, bans in force and invitations from the store. */
    static RoomDirectory load(AccountStore accountStore, RoomStore roomStore, CreationLimits limits, long nowMillis)
            throws StoreException {
        RoomDirectory directory = new RoomDirectory(limits);
        for (AccountRecord account : accountStore.listAccounts()) {
            directory.accountNames.put(account.canonicalName(), account.name());
        }
        for (RoomRecord record : roomStore.listRooms()) {
            directory.add(new RoomState(record));
            if (!record.owner().isEmpty()) {
                directory.ownedRooms.add(record.owner());
            }
        }
        for (RoomStore.MemberEntry entry : roomStore.allMemberships()) {
            directory.room(entry.room()).ifPresent(room -> {
                room.putMember(entry.user(), entry.role(), false);
                directory.joined(room.canonical(), entry.user());
            });
        }
        for (RoomStore.BanEntry entry : roomStore.activeBans(nowMillis)) {
            directory.room(entry.room()).ifPresent(room -> room.ban(entry.user(), entry.untilMillis()));
        }
        for (RoomStore.InviteEntry entry : roomStore.allInvitations()) {
            directory.room(entry.room()).ifPresent(room -> {
                room.invite(entry.user(), entry.by());
                directory.invitations.add(entry.by());
            });
        }
        return directory;
    }

    Optional<RoomState> room(String canonical) {
        return Optional.ofNullable(rooms.get(canonical));
    }

    /** Adds a room just created (its owner's quota already taken) or loaded; false if the name is taken. */
    boolean add(RoomState room) {
        if (rooms.putIfAbsent(room.canonical(), room) != null) {
            return false;
        }
        if (room.visibility() == RoomVisibility.PUBLIC) {
            publicRooms.put(room.canonical(), room);
        }
        return true;
    }

    /**
     * Inside the map's update of the account, like {@link #left}: added to the set after it was
     * looked up, a room could land in a set that a concurrent leave of the account's last other room
     * (another room's lane) had just emptied and dropped, and be lost.
     */
    void joined(String room, String user) {
        roomsOfUser.compute(user, (u, set) -> {
            ConcurrentSkipListSet<String> rooms = set == null ? new ConcurrentSkipListSet<>() : set;
            rooms.add(room);
            return rooms;
        });
    }

    void left(String room, String user) {
        roomsOfUser.computeIfPresent(user, (u, set) -> {
            set.remove(room);
            return set.isEmpty() ? null : set;
        });
    }

    /** The rooms {@code user} is a member of, in canonical order. */
    List<String> roomsOf(String user) {
        ConcurrentSkipListSet<String> set = roomsOfUser.get(user);
        return set == null ? List.of() : List.copyOf(set);
    }

    /**
     * At most {@code limit} rooms {@code user} may see in a list (public ones and their own), in
     * canonical-name order: a merge of the two sorted indexes, so the work is in proportion to the
     * answer, however many rooms exist.
     */
    List<RoomState> visibleTo(String user, int limit) {
        ConcurrentSkipListSet<String> mine = roomsOfUser.getOrDefault(user, new ConcurrentSkipListSet<>());
        Iterator<RoomState> open = publicRooms.values().iterator();
        Iterator<String> own = mine.iterator();
        RoomState nextOpen = open.hasNext() ? open.next() : null;
        String nextOwn = own.hasNext() ? own.next() : null;
        List<RoomState> result = new ArrayList<>();
        while (result.size() < limit && (nextOpen != null || nextOwn != null)) {
            int order = nextOpen == null ? 1 : nextOwn == null ? -1 : nextOpen.canonical().compareTo(nextOwn);
            if (order <= 0) {
                result.add(nextOpen);
                nextOpen = open.hasNext() ? open.next() : null;
                if (order == 0) {
                    nextOwn = own.hasNext() ? own.next() : null;
                }
            } else {
                RoomState room = rooms.get(nextOwn);
                if (room != null && room.visibility() == RoomVisibility.PRIVATE) {
                    result.add(room);
                }
                nextOwn = own.hasNext() ? own.next() : null;
            }
        }
        return result;
    }

    Optional<String> accountName(String canonical) {
        return Optional.ofNullable(accountNames.get(canonical));
    }

    /** Remembers an account's display name; true if it was not known (registered since the start). */
    boolean learnAccount(String canonical, String name) {
        return accountNames.putIfAbsent(canonical, name) == null;
    }

    Quota ownedRooms() {
        return ownedRooms;
    }

    Quota invitations() {
        return invitations;
    }
}
