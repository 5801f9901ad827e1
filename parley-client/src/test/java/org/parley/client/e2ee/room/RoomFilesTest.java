package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.RoomException;
import org.parley.protocol.chat.RoomVisibility;

/** Each encrypted room a device holds keeps files of its own, holding that room and no other. */
class RoomFilesTest {
    /** Written "x-4142" on disk (not plainly safe: upper case), like the room literally named so. */
    private static final String ROOM = "AB";
    private static final String SAME_FILE_NAME = "x-4142";

    @TempDir
    Path base;

    private final SecureRandom random = new SecureRandom();
    private final RoomHub hub = new RoomHub();
    private RoomMember alice;
    private RoomMember bob;
    private RoomMember mallory;

    @BeforeEach
    void bobIsInAlicesRoom() throws Exception {
        alice = new RoomMember(hub, base, "alice", 1, random);
        bob = new RoomMember(hub, base, "bob", 1, random);
        mallory = new RoomMember(hub, base, "mallory", 1, random);
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        alice.logs.change(alice.server, ROOM, new LogBody.Invite("bob"));
        bob.logs.join(bob.server, ROOM, null);
        alice.send(ROOM, "hello bob");
        bob.receive(ROOM);
    }

    @Test
    void aRoomWhoseNameMakesTheFileNameOfAHeldRoomIsNotJoinedAndTheHeldRoomKeepsItsFiles() throws Exception {
        mallory.logs.create(mallory.server, SAME_FILE_NAME, RoomVisibility.PRIVATE);
        mallory.logs.change(mallory.server, SAME_FILE_NAME, new LogBody.Invite("bob"));

        Throwable joining = catchThrowable(() -> bob.logs.join(bob.server, SAME_FILE_NAME, null));
        bob.open(random);
        mallory.send(SAME_FILE_NAME, "shown in the wrong room?");
        alice.send(ROOM, "still alice's room");
        bob.receive(ROOM);

        assertThat(bob.rooms.find(ROOM, bob.self).orElseThrow().log.membership().roomId()).isEqualTo(ROOM);
        assertThat(bob.rooms.find(SAME_FILE_NAME, bob.self)).isEmpty();
        assertThat(bob.problems()).containsExactly(RoomError.WRONG_ROOM); // mallory's room key, refused
        assertThat(joining).isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.WRONG_ROOM));
        assertThat(bob.traffic.history(ROOM)).extracting(E2eRoomMessage::text)
                .containsExactly("hello bob", "still alice's room");
    }

    @Test
    void aServerShowingOneRoomsLogAsAnothersIsRefusedAndNothingIsStored() throws Exception {
        hub.logs.put("elsewhere", new ArrayList<>(hub.logs.get(ROOM)));

        assertThatThrownBy(() -> bob.logs.adoptFromServer(bob.server, "elsewhere", bob.self))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.WRONG_ROOM));
        assertThat(bob.rooms.find("elsewhere", bob.self)).isEmpty();
    }
}
