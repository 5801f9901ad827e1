package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.e2ee.group.LogBody;
import org.parley.protocol.chat.RoomVisibility;

/** A room send kept in the outbox across a stop never lets its chain iteration encrypt a second message. */
class RoomSendStopTest {
    private static final String ROOM = "den";

    @TempDir
    Path base;

    private final SecureRandom random = new SecureRandom();
    private final RoomHub hub = new RoomHub();
    private RoomMember alice;
    private RoomMember bob;

    @BeforeEach
    void aliceAndBobChat() throws Exception {
        alice = new RoomMember(hub, base, "alice", 1, random);
        bob = new RoomMember(hub, base, "bob", 1, random);
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        alice.logs.change(alice.server, ROOM, new LogBody.Invite("bob"));
        bob.logs.join(bob.server, ROOM, null);
        alice.send(ROOM, "m1");
        bob.receive(ROOM);
    }

    @Test
    void aChainNotAbandonedAtTheStartBecauseTheStateWasUnreadableIsAbandonedWhenTheRoomIsNextRead() throws Exception {
        Path state = alice.directory.resolve("rooms").resolve(ROOM).resolve("state");
        byte[] beforeM2 = Files.readAllBytes(state);
        alice.send(ROOM, "m2"); // kept in the outbox and sent again after the restart: its envelope reaches the room
        Files.write(state, beforeM2); // the stop came after the outbox entry, before the advanced chain was stored
        alice.open(random);

        Path aside = state.resolveSibling("state.aside");
        Files.move(state, aside);
        Files.createDirectory(state); // unreadable while the start abandons the chains of the rooms sent to
        alice.rooms.abandonChains(Set.of(ROOM));
        Throwable atStart = catchThrowable(() -> alice.rooms.find(ROOM, alice.self));
        Files.delete(state);
        Files.move(aside, state);
        alice.send(ROOM, "m3");
        bob.receive(ROOM);

        assertThat(bob.problems()).as("m3 under m2's chain iteration is refused as a duplicate").isEmpty();
        assertThat(bob.texts()).containsExactly("m1", "m2", "m3");
        assertThat(atStart).isInstanceOf(IOException.class);
    }
}
