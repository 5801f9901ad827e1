package org.parley.server.chat;

import org.parley.protocol.chat.Role;
import org.parley.server.auth.AuthService;
import org.parley.server.store.StoreException;

/**
 * What an account's rooms learn about it outside a request of its own: that it came online or went
 * offline, and, for an account registered since the start, the memberships registration stored.
 * Each room is changed on its own lane.
 */
final class AccountRooms {
    private final ChatContext context;
    private final Lanes lanes;

    AccountRooms(ChatContext context, Lanes lanes) {
        this.context = context;
        this.lanes = lanes;
    }

    /** Tells each of the user's rooms, on its own lane, that the user came online or went offline. */
    void seeOnline(String user, boolean online) {
        for (String room : context.directory().roomsOf(user)) {
            lanes.submitAlways(LaneKey.room(room),
                    () -> context.directory().room(room).ifPresent(state -> state.setOnline(user, online)));
        }
    }

    /**
     * An account registered since the start: registration wrote its Lobby membership to the store
     * (one indexed query finds it), and memory learns it on the Lobby's lane, from the thread that
     * starts the account's first session, so the session's first message to the Lobby finds it a
     * member (learnt on the account's lane, it could come after that message, which was refused
     * {@code not_a_member}). Any other stored room is learnt on its own lane. Registration makes plain
     * members only. On the Lobby's lane.
     */
    void adoptStored(String user) throws StoreException {
        for (String room : context.rooms().roomsOf(user)) {
            if (room.equals(AuthService.LOBBY)) {
                adoptMember(room, user);
            } else {
                lanes.submitAlways(LaneKey.room(room), () -> adoptMember(room, user));
            }
        }
    }

    /** On {@code room}'s lane: the memory half of a membership the store holds, unless memory has it already. */
    private void adoptMember(String room, String user) {
        context.directory().room(room).ifPresent(state -> {
            if (state.roleOf(user) == Role.NONE) {
                // As Rooms.adoptMember: never the half-done state of a logout in progress.
                context.online().whileUnchanged(user, online -> {
                    context.directory().joined(room, user);
                    state.putMember(user, Role.MEMBER, online);
                });
            }
        });
    }
}
