package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.e2ee.group.LogBody;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.SendId;

/** A device that stops while its room keys are on their way never goes on with a chain the others may not hold. */
class RoomKeysStopTest {
    private static final String ROOM = "den";

    @TempDir
    Path base;

    private final SecureRandom random = new SecureRandom();
    private final RoomHub hub = new RoomHub();
    private RoomMember alice;
    private RoomMember bob;

    @BeforeEach
    void bobJoinedAlicesRoom() throws Exception {
        alice = new RoomMember(hub, base, "alice", 1, random);
        bob = new RoomMember(hub, base, "bob", 1, random);
        alice.logs.create(alice.server, ROOM, RoomVisibility.PRIVATE);
        alice.logs.change(alice.server, ROOM, new LogBody.Invite("bob"));
        bob.logs.join(bob.server, ROOM, null);
    }

    @Test
    void aStopWhileTheRoomKeysWereOnTheirWayMakesTheNextSendStartANewChainTheOthersGet() throws Exception {
        Path atTheStop = base.resolve("alice at the stop");
        int keysBefore = hub.keys.size();
        RoomServer stopsDuringTheKeys = new Delegating(alice.server) {
            @Override
            public void sendKeys(String room, List<EnvelopeTarget> envelopes) throws Exception {
                hub.keys.subList(keysBefore, hub.keys.size()).clear(); // the request never left the device
                copy(alice.directory, atTheStop); // what the disk holds when the device stops here
                throw new IllegalStateException("stopped");
            }
        };
        catchThrowable(() -> alice.traffic.send(stopsDuringTheKeys, alice.pairwise(), ROOM, "never sent",
                new CompletableFuture<>()));
        delete(alice.directory);
        copy(atTheStop, alice.directory);
        alice.open(random);

        alice.send(ROOM, "after the restart");
        bob.receive(ROOM);

        assertThat(bob.texts()).containsExactly("after the restart");
        assertThat(bob.problems()).isEmpty();
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static void delete(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** The modelled server, but for what a test overrides. */
    private static class Delegating implements RoomServer {
        private final RoomServer server;

        Delegating(RoomServer server) {
            this.server = server;
        }

        @Override
        public ChatEvent.JoinedRoom join(String room) throws Exception {
            return server.join(room);
        }

        @Override
        public ChatEvent.JoinedRoom create(String room, RoomVisibility visibility, Bytes genesis) throws Exception {
            return server.create(room, visibility, genesis);
        }

        @Override
        public ChatEvent.Answer append(String room, Bytes entry) throws Exception {
            return server.append(room, entry);
        }

        @Override
        public List<Bytes> fetchLog(String room, long fromSeq) throws Exception {
            return server.fetchLog(room, fromSeq);
        }

        @Override
        public void sendKeys(String room, List<EnvelopeTarget> envelopes) throws Exception {
            server.sendKeys(room, envelopes);
        }

        @Override
        public ChatEvent.HistoryPage history(String room, long beforeId, int limit) throws Exception {
            return server.history(room, beforeId, limit);
        }

        @Override
        public long sendEnvelope(String room, Bytes envelope, SendId sendId) throws Exception {
            return server.sendEnvelope(room, envelope, sendId);
        }
    }
}
