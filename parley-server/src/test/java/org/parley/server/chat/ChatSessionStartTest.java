package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.metrics.MicrometerServerMetrics;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoreSeed;

/**
 * A session is online as soon as its login is acknowledged, even while its account's lane has not
 * yet run the login's task: the lanes of different keys run in any order. That holds for the online
 * users and for the rooms the account was already in (carol is in "study", which saw her earlier
 * session go offline). The test holds carol's lane with the end of her earlier session (its
 * announcement waits in bob's link until the test releases it), so her next login's task waits
 * behind it while her own join, alice's message and dave's login run on other lanes.
 */
class ChatSessionStartTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path directory;
    private SqliteStore store;
    private ChatService chat;
    private final CountDownLatch carolsLaneHeld = new CountDownLatch(1);
    private final CountDownLatch releaseCarolsLane = new CountDownLatch(1);
    private final RecordingLink aliceLink = new RecordingLink();
    private final RecordingLink bobLink = new RecordingLink();
    private final RecordingLink carolLink = new RecordingLink();
    private ChatSession alice;
    private ChatSession carol;

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(directory.resolve("parley.db"));
        StoreSeed.rooms(store, List.of("lobby", "study"), RoomVisibility.PUBLIC, "");
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
        }
        store.putMember("lobby", "alice", Role.MEMBER);
        store.putMember("lobby", "bob", Role.MEMBER);
        store.putMember("study", "alice", Role.MEMBER);
        store.putMember("study", "carol", Role.MEMBER);
        chat = TestChatService.open(store, store, store, store, new RequestRate(1000, 1000),
                new MicrometerServerMetrics(), DeliveryBatch.direct());
        alice = new ChatSession(1, "alice", "alice", "127.0.0.1", aliceLink);
        chat.sessionStarted(alice);
        chat.sessionStarted(new ChatSession(2, "bob", "bob", "127.0.0.1", holdingCarolsEnd(bobLink)));
        RecordingLink earlierLink = new RecordingLink();
        ChatSession earlier = new ChatSession(3, "carol", "carol", "127.0.0.1", earlierLink);
        chat.sessionStarted(earlier);
        await().atMost(WAIT).until(() -> aliceLink.has(ChatEvent.Presence.class, p -> p.user().equals("alice"))
                && bobLink.has(ChatEvent.Presence.class, p -> p.user().equals("bob"))
                && earlierLink.has(ChatEvent.Presence.class, p -> p.user().equals("carol")));

        chat.sessionEnded(earlier);
        assertThat(carolsLaneHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        carol = new ChatSession(4, "carol", "carol", "127.0.0.1", carolLink);
        chat.sessionStarted(carol);
    }

    @AfterEach
    void close() throws StoreException {
        releaseCarolsLane.countDown();
        chat.close();
        store.close();
    }

    /** Bob's link, in which the announcement that carol went offline (her lane's task) waits until the test releases it. */
    private SessionLink holdingCarolsEnd(RecordingLink link) {
        return new SessionLink() {
            @Override
            public void deliver(ChatEvent event) {
                if (event instanceof ChatEvent.Presence p && p.user().equals("carol") && p.change() == PresenceChange.OFFLINE) {
                    carolsLaneHeld.countDown();
                    try {
                        releaseCarolsLane.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                link.deliver(event);
            }

            @Override
            public void close(String reason) {
                link.close(reason);
            }
        };
    }

    @Test
    void aSessionThatJoinsARoomBeforeItsLoginTaskRanReceivesTheRoomsMessages() {
        chat.handle(carol, new ChatRequest.JoinRoom(1, "lobby"));
        await().atMost(WAIT).until(() -> carolLink.answered(1));
        assertThat(carolLink.events(ChatEvent.JoinedRoom.class)).singleElement()
                .satisfies(joined -> assertThat(joined.room().onlineCount()).isEqualTo(3));

        chat.handle(alice, new ChatRequest.SendRoomMessage(2, "lobby", ContentType.TEXT, Bytes.utf8("welcome")));

        await().atMost(WAIT).until(() -> carolLink.has(ChatEvent.RoomMessage.class,
                m -> new String(m.message().body().toByteArray(), StandardCharsets.UTF_8).equals("welcome")));
    }

    @Test
    void aRoomTheAccountWasAlreadyInFansOutToTheSessionBeforeItsLoginTaskRan() {
        chat.handle(alice, new ChatRequest.SendRoomMessage(1, "study", ContentType.TEXT, Bytes.utf8("still here?")));

        await().atMost(WAIT).until(() -> aliceLink.answered(1) && carolLink.has(ChatEvent.RoomMessage.class,
                m -> new String(m.message().body().toByteArray(), StandardCharsets.UTF_8).equals("still here?")));
        assertThat(carolsPresences(aliceLink)).as("carol's login task has not announced her again yet")
                .doesNotContainSequence(PresenceChange.OFFLINE, PresenceChange.ONLINE);
    }

    @Test
    void aSessionWhoseLoginTaskHasNotRunSeesTheNextLoginsPresence() {
        chat.sessionStarted(new ChatSession(5, "dave", "dave", "127.0.0.1", new RecordingLink()));

        await().atMost(WAIT).until(() -> carolLink.has(ChatEvent.Presence.class, p -> p.user().equals("dave")));
        assertThat(carolLink.events(ChatEvent.Presence.class)).singleElement().satisfies(presence -> {
            assertThat(presence.change()).isEqualTo(PresenceChange.ONLINE);
            assertThat(presence.onlineCount()).isEqualTo(4);
        });
    }

    @Test
    void theHeldLoginTaskStillAnnouncesTheSessionOnceItRuns() {
        releaseCarolsLane.countDown();

        await().atMost(WAIT).until(() -> carolsPresences(aliceLink).size() == 3
                && carolLink.has(ChatEvent.Presence.class, p -> p.user().equals("carol")));
        assertThat(carolsPresences(aliceLink))
                .containsExactly(PresenceChange.ONLINE, PresenceChange.OFFLINE, PresenceChange.ONLINE);
    }

    private static List<PresenceChange> carolsPresences(RecordingLink link) {
        return link.events(ChatEvent.Presence.class).stream().filter(p -> p.user().equals("carol"))
                .map(ChatEvent.Presence::change).toList();
    }
}
