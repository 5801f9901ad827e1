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
}
