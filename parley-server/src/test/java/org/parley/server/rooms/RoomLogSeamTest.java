package org.parley.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.Visibility;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.server.ServerLimits;
import org.parley.server.store.RoomChange;
import org.parley.server.store.RoomLogStore;
import org.parley.server.store.StoreException;
import org.parley.server.testing.RoomLogBook;
import org.parley.server.testing.RoomMember;
import org.parley.server.testing.ServerFixture;

/**
 * The hostile-server test seam (docs/ARCHITECTURE.md): a decorated {@link RoomLogStore} changes what
 * clients are served, while the server keeps checking appends against the true log.
 */
class RoomLogSeamTest {
    private static final Bytes GHOST = Bytes.fromHex("6768");

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest();

    /** Serves every log with a ghost entry appended, as a tampered database would. */
    private record GhostServing(RoomLogStore real) implements RoomLogStore {
        @Override
        public void createRoom(org.parley.server.store.RoomRecord room, Bytes genesis) throws StoreException {
            real.createRoom(room, genesis);
        }

        @Override
        public void append(String room, long seq, Bytes entry, List<RoomChange> changes) throws StoreException {
            real.append(room, seq, entry, changes);
        }

        @Override
        public List<Bytes> entries(String room, long fromSeq, int max) throws StoreException {
            List<Bytes> served = new ArrayList<>(real.entries(room, fromSeq, max));
            served.add(GHOST);
            return served;
        }

        @Override
        public Map<String, List<Bytes>> allLogs() throws StoreException {
            return real.allLogs();
        }
    }

    @Test
    void aDecoratedStoreChangesWhatIsServedButNotWhatTheServerAccepts() throws Exception {
        fixture.start(ServerLimits.defaults(), GhostServing::new);
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        RoomLogBook log = new RoomLogBook("seam");
        log.create(alice, Visibility.PRIVATE);

        List<Bytes> served = EncryptedRoomLogTest.served(alice, "seam");
        ChatEvent.Accepted invited = log.append(alice, new LogBody.Invite("bob"), ChatEvent.Accepted.class);
        ChatEvent.RoomLogAppended pushed = bob.client().awaitEvent(ChatEvent.RoomLogAppended.class, e -> e.seq() == 1);
        // Answered on the room's lane after the append's pushes went out: any second push would be here by now.
        List<Bytes> fromOne = bob.ask(id -> new ChatRequest.FetchRoomLog(id, "seam", 1), ChatEvent.RoomLogPage.class)
                .entries();

        assertThat(served).containsExactly(log.entries().get(0), GHOST);
        assertThat(invited.messageId()).isEqualTo(1);
        assertThat(pushed.entry()).isEqualTo(log.entries().get(1));
        assertThat(bob.client().events(ChatEvent.RoomLogAppended.class)).hasSize(1);
        assertThat(fromOne).containsExactly(log.entries().get(1), GHOST);
    }
}
