package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.metrics.MicrometerServerMetrics;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.RoomStore;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoreSeed;

/**
 * An account registered while the server runs is in the Lobby from its first acknowledged login,
 * like the session itself (ARCHITECTURE, "A login is online once it is acknowledged"): its first
 * room message to the Lobby is accepted even if it arrives while the server is still reading the
 * account's stored rooms. The test holds that read until the message has been handed to the chat
 * service (the read used to run on the account's lane, and the message on the Lobby's lane found
 * the account no member).
 */
class ChatRegistrationStartTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path directory;
    private SqliteStore store;
    private ChatService chat;
    private final CountDownLatch erinsRoomsRead = new CountDownLatch(1);
    private final CountDownLatch releaseErinsRooms = new CountDownLatch(1);
    private final RecordingLink aliceLink = new RecordingLink();
    private final RecordingLink erinLink = new RecordingLink();

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(directory.resolve("parley.db"));
        StoreSeed.rooms(store, List.of("lobby"), RoomVisibility.PUBLIC, "");
        store.createAccount(new AccountRecord("alice", "alice", Optional.empty(), false, 0));
        store.putMember("lobby", "alice", Role.MEMBER);
        chat = TestChatService.open(store, store, holdingErinsRooms(store), store, new RequestRate(1000, 1000),
                new MicrometerServerMetrics(), DeliveryBatch.direct());
        ChatSession alice = new ChatSession(1, "alice", "alice", "127.0.0.1", aliceLink);
        chat.sessionStarted(alice);
        await().atMost(WAIT).until(() -> aliceLink.has(ChatEvent.Presence.class, p -> p.user().equals("alice")));

        // What Registration does on the auth pool, after the chat service loaded its directory.
        store.createAccount(new AccountRecord("Erin", "erin", Optional.empty(), false, 0));
        store.putMember("lobby", "erin", Role.MEMBER);
    }

    @AfterEach
    void close() throws StoreException {
        releaseErinsRooms.countDown();
        chat.close();
        store.close();
    }

    /** The store, except that reading erin's rooms waits until the test releases it. */
    private RoomStore holdingErinsRooms(RoomStore rooms) {
        return (RoomStore) Proxy.newProxyInstance(RoomStore.class.getClassLoader(), new Class<?>[] {RoomStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("roomsOf") && "erin".equals(args[0])) {
                        erinsRoomsRead.countDown();
                        releaseErinsRooms.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(rooms, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aNewAccountsFirstLobbyMessageIsAcceptedBeforeItsLoginTaskRan() throws InterruptedException {
        ChatSession erin = new ChatSession(2, "Erin", "erin", "127.0.0.1", erinLink);
        chat.sessionStarted(erin);
        assertThat(erinsRoomsRead.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        chat.handle(erin, new ChatRequest.SendRoomMessage(1, "lobby", ContentType.TEXT, Bytes.utf8("hello, all")));
        releaseErinsRooms.countDown();

        await().atMost(WAIT).until(() -> erinLink.answered(1));
        assertThat(erinLink.events(ChatEvent.Rejected.class)).isEmpty();
        await().atMost(WAIT).until(() -> aliceLink.has(ChatEvent.RoomMessage.class,
                m -> new String(m.message().body().toByteArray(), StandardCharsets.UTF_8).equals("hello, all")));
    }
}
