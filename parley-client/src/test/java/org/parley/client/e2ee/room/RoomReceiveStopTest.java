package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.e2ee.group.LogBody;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;

/** A received room message is never lost, nor shown twice, whichever write a stop (or a failed write) comes between. */
class RoomReceiveStopTest {
    private static final String ROOM = "den";

    @TempDir
    Path base;

    private final SecureRandom random = new SecureRandom();
    private final RoomHub hub = new RoomHub();
    private RoomMember alice;
    private RoomMember bob;

    @BeforeEach
    void bobHasReadAlicesFirstMessage() throws Exception {
        alice = new RoomMember(hub, base, "alice", 1, random);
        bob = new RoomMember(hub, base, "bob", 1, random);
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        alice.logs.change(alice.server, ROOM, new LogBody.Invite("bob"));
        bob.logs.join(bob.server, ROOM, null);
        alice.send(ROOM, "m1");
        bob.receive(ROOM);
    }

    @Test
    void aMessageWhoseHistoryLineWasNotWrittenBeforeAStopIsReadWhenFetchedAgainAfterTheRestart() throws Exception {
        alice.send(ROOM, "m2");
        Throwable stopped = withHistoryUnwritable(() -> bob.receive(ROOM));
        bob.open(random);

        bob.traffic.catchUp(bob.server, bob.rooms.find(ROOM, bob.self).orElseThrow());

        assertThat(bob.traffic.history(ROOM)).extracting(E2eRoomMessage::text).containsExactly("m1", "m2");
        assertThat(bob.problems()).isEmpty();
        assertThat(stopped).isInstanceOf(IOException.class);
    }

    @Test
    void aMessageWhoseHistoryLineFailedIsReadWhenFetchedAgainWithoutARestart() throws Exception {
        alice.send(ROOM, "m2");
        withHistoryUnwritable(() -> bob.receive(ROOM));
        alice.send(ROOM, "m3");

        bob.traffic.catchUp(bob.server, bob.rooms.find(ROOM, bob.self).orElseThrow());

        assertThat(bob.traffic.history(ROOM)).extracting(E2eRoomMessage::text).containsExactly("m1", "m2", "m3");
        assertThat(bob.problems()).isEmpty();
    }

    @Test
    void aMessageInTheHistoryWhoseSessionWasNotStoredBeforeAStopIsNotShownAgainUnderAnotherServerId() throws Exception {
        byte[] stateBefore = Files.readAllBytes(file("state"));
        alice.send(ROOM, "m2");
        bob.receive(ROOM);
        Files.write(file("state"), stateBefore); // the stop came after m2's history line, before the state
        bob.open(random);
        bob.events.clear();
        StoredMessage m2 = hub.messages.get(ROOM).getLast();

        bob.traffic.received(bob.server, ROOM, new StoredMessage(99, 0, m2.from(), m2.contentType(), m2.body()));
        alice.send(ROOM, "m3");
        bob.traffic.received(bob.server, ROOM, hub.messages.get(ROOM).getLast());

        assertThat(bob.traffic.history(ROOM)).extracting(E2eRoomMessage::text).containsExactly("m1", "m2", "m3");
        assertThat(bob.texts()).containsExactly("m3");
        assertThat(bob.problems()).isEmpty();
    }

    /** Runs {@code step} while bob's room history cannot be appended to (a directory stands in its place). */
    private Throwable withHistoryUnwritable(org.assertj.core.api.ThrowableAssert.ThrowingCallable step) throws Exception {
        Path history = file("history");
        Path aside = history.resolveSibling("history.aside");
        Files.move(history, aside);
        Files.createDirectory(history);
        try {
            return catchThrowable(step);
        } finally {
            Files.delete(history);
            Files.move(aside, history);
        }
    }

    private Path file(String name) {
        return bob.directory.resolve("rooms").resolve(ROOM).resolve(name);
    }
}
