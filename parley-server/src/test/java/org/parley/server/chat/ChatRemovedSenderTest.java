package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.metrics.MicrometerServerMetrics;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoreSeed;

/**
 * A room message accepted from a member who is removed from the room before it is committed is
 * still stored and acknowledged, and its sender still gets its own copy after {@code Accepted}
 * (docs/PROTOCOL.md 14.5: the sender's session receives the stored message itself; the terminal
 * client waits for that copy), though the room no longer counts the sender as an online member.
 */
class ChatRemovedSenderTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path directory;
    private SqliteStore store;
    private HeldCommitStore commits;
    private ChatService chat;
    private final RecordingLink aliceLink = new RecordingLink();
    private final RecordingLink bobLink = new RecordingLink();
    private ChatSession alice;
    private ChatSession bob;

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(directory.resolve("parley.db"));
        StoreSeed.rooms(store, List.of("lobby"), RoomVisibility.PUBLIC, "");
        for (String user : List.of("alice", "bob")) {
            store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
        }
        store.putMember("lobby", "alice", Role.MEMBER);
        store.putMember("lobby", "bob", Role.OP);
        commits = new HeldCommitStore(store);
        chat = TestChatService.open(store, store, store, commits, new RequestRate(1000, 1000),
                new MicrometerServerMetrics(), DeliveryBatch.direct());
        alice = new ChatSession(1, "alice", "alice", "127.0.0.1", aliceLink);
        bob = new ChatSession(2, "bob", "bob", "127.0.0.1", bobLink);
        chat.sessionStarted(alice);
        chat.sessionStarted(bob);
        await().atMost(WAIT).until(() -> aliceLink.has(ChatEvent.Presence.class, p -> p.user().equals("bob"))
                && bobLink.has(ChatEvent.Presence.class, p -> p.user().equals("bob")));
    }

    @AfterEach
    void close() throws StoreException {
        chat.close();
        store.close();
    }

    @Test
    void aSenderKickedWhileItsMessageWaitsForItsCommitStillGetsItsOwnCopyAfterItsAcceptance() throws Exception {
        chat.handle(alice, new ChatRequest.SendRoomMessage(1, "lobby", ContentType.TEXT, Bytes.utf8("last words")));
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        chat.handle(bob, new ChatRequest.Kick(7, "lobby", "alice", "enough"));
        await().atMost(WAIT).until(() -> aliceLink.has(ChatEvent.RemovedFromRoom.class, r -> true));

        commits.commitNext();

        await().atMost(WAIT).until(() -> aliceLink.answered(1));
        await().atMost(WAIT).until(() -> bobLink.has(ChatEvent.RoomMessage.class, m -> true));
        List<String> after = aliceLink.events().stream().dropWhile(e -> !(e instanceof ChatEvent.Accepted a
                && a.requestId() == 1)).<String>mapMulti((e, out) -> {
            switch (e) {
                case ChatEvent.Accepted a -> out.accept("accepted " + a.requestId());
                case ChatEvent.RoomMessage m -> out.accept(new String(m.message().body().toByteArray(), StandardCharsets.UTF_8));
                default -> { }
            }
        }).toList();
        assertThat(after).containsExactly("accepted 1", "last words");
    }
}
