package org.parley.server.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.protocol.chat.Role;

/**
 * Rooms, memberships with roles, bans and invitations. Users and rooms are identified by their
 * canonical names. Blocking; writes durable on return.
 */
public interface RoomStore {

    /**
     * @throws StoreException.Conflict if the name is taken, or (as its subclass
     *     {@link StoreException.Confusable}) if it looks like an existing room's name
     */
    void createRoom(RoomRecord room) throws StoreException;

    Optional<RoomRecord> findRoom(String canonicalName) throws StoreException;

    List<RoomRecord> listRooms() throws StoreException;

    void setTopic(String room, String topic) throws StoreException;

    /** Adds or updates a membership. */
    void putMember(String room, String user, Role role) throws StoreException;

    /** @return whether the user was a member */
    boolean removeMember(String room, String user) throws StoreException;

    /** Members with their roles. */
    Map<String, Role> members(String room) throws StoreException;

    /** Rooms the user is a member of. */
    List<String> roomsOf(String user) throws StoreException;

    /** Bans until {@code untilMillis} (Long.MAX_VALUE = until lifted). */
    void ban(String room, String user, long untilMillis, String by, String reason) throws StoreException;

    void unban(String room, String user) throws StoreException;

    boolean isBanned(String room, String user, long nowMillis) throws StoreException;

    void invite(String room, String user, String by) throws StoreException;

    boolean isInvited(String room, String user) throws StoreException;

    /** @return whether there was an invitation to withdraw */
    boolean uninvite(String room, String user) throws StoreException;

    /** Records who owns the room (ownership passed on). */
    void setOwner(String room, String owner) throws StoreException;

    /** Every membership, for loading the chat layer's memory at start (one query). */
    List<MemberEntry> allMemberships() throws StoreException;

    /** Every ban still in force at {@code nowMillis}, for loading at start (one query). */
    List<BanEntry> activeBans(long nowMillis) throws StoreException;

    /** Every outstanding room invitation, for loading at start (one query). */
    List<InviteEntry> allInvitations() throws StoreException;

    /** One membership row. */
    record MemberEntry(String room, String user, Role role) {
    }

    /** One ban row. */
    record BanEntry(String room, String user, long untilMillis) {
    }

    /** One invitation row: {@code by} is the canonical name of who invited. */
    record InviteEntry(String room, String user, String by) {
    }
}
