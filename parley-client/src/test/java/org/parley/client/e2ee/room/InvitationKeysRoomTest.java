package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.LogBody;
import org.parley.protocol.chat.RoomVisibility;

/**
 * The invitation alice signs names the keys of bob's devices as the server showed them to her. If
 * it names a key bob's own account does not list, the server showed alice a device in bob's name
 * (or shows bob another list than alice): bob's client says so when he joins, naming alice.
 */
class InvitationKeysRoomTest {
    private static final String ROOM = "den";

    @TempDir
    Path base;

    private final SecureRandom random = new SecureRandom();
    private final RoomHub hub = new RoomHub();
    private RoomMember alice;
    private RoomMember bob;

    @BeforeEach
    void aliceCreatesARoom() throws Exception {
        alice = new RoomMember(hub, base, "alice", 1, random);
        bob = new RoomMember(hub, base, "bob", 1, random);
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
    }

    @Test
    void anInvitationNamingAKeyBobsAccountDoesNotListIsShownToBobWhenHeJoins() throws Exception {
        Bytes ghost = DeviceKeys.generate(random).identity().signingKey();
        alice.logs.change(alice.server, ROOM, LogBody.Invite.boundTo("bob", List.of(bob.keys.identity().signingKey(), ghost)));

        bob.logs.join(bob.server, ROOM, null);

        assertThat(bob.events).contains(new RoomEvent.Notice(ROOM, RoomNoticeKind.INVITATION_NAMES_UNKNOWN_KEYS, "alice", 0,
                ghost.slice(0, 8).toHex()));
        assertThat(bob.rooms.find(ROOM, bob.self).orElseThrow().member()).as("bob's own device was named: he joined").isTrue();
    }

    @Test
    void anInvitationNamingOnlyBobsDevicesShowsNothing() throws Exception {
        alice.logs.change(alice.server, ROOM, LogBody.Invite.boundTo("bob", List.of(bob.keys.identity().signingKey())));

        bob.logs.join(bob.server, ROOM, null);

        assertThat(bob.notices()).doesNotContain(RoomNoticeKind.INVITATION_NAMES_UNKNOWN_KEYS);
    }
}
