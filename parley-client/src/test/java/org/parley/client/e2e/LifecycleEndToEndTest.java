package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ConnectionFailedException;
import org.parley.client.RequestFailedException;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.ParleyServer;

/** Requests before login, rejected requests, and what a client sees when the server goes away. */
class LifecycleEndToEndTest {
    @TempDir
    Path data;

    @Test
    void aChatRequestBeforeLoginFailsWithoutBeingSent() throws Exception {
        try (ParleyServer server = TestServer.start(data); Chatters chatters = new Chatters(server.address())) {
            Chatter fresh = chatters.connect();

            assertThatThrownBy(() -> fresh.client().join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IllegalStateException.class);
            assertThat(fresh.client().isConnected()).isTrue();
        }
    }

    @Test
    void aRejectedRequestFailsWithTheServersErrorCode() throws Exception {
        try (ParleyServer server = TestServer.start(data); Chatters chatters = new Chatters(server.address())) {
            Chatter alice = chatters.register("alice", "alice's password");

            assertThatThrownBy(() -> alice.client().join("no-such-room").get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(RequestFailedException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_ROOM));
            assertThat(alice.client().isConnected()).isTrue();
        }
    }

    @Test
    void aCreatedRoomIsOwnedAndListed() throws Exception {
        try (ParleyServer server = TestServer.start(data); Chatters chatters = new Chatters(server.address())) {
            Chatter alice = chatters.register("alice", "alice's password");

            ChatEvent.JoinedRoom created = alice.client().createRoom("茶室", RoomVisibility.PUBLIC)
                    .get(Chatters.seconds(), TimeUnit.SECONDS);
            ChatEvent.RoomList rooms = alice.client().rooms().get(Chatters.seconds(), TimeUnit.SECONDS);

            assertThat(created.room().name()).isEqualTo("茶室");
            assertThat(rooms.rooms()).extracting(r -> r.name()).contains("茶室");
        }
    }

    @Test
    void whenTheServerStopsTheListenerIsToldAndLaterRequestsFail() throws Exception {
        ParleyServer server = TestServer.start(data);
        try (Chatters chatters = new Chatters(server.address())) {
            Chatter alice = chatters.register("alice", "alice's password");

            server.close();

            await().atMost(TestServer.timeout()).untilAsserted(() -> {
                assertThat(alice.listener().disconnects()).hasSize(1);
                assertThat(alice.client().isConnected()).isFalse();
            });
            assertThat(alice.listener().eventsOf(ChatEvent.Notice.class)).hasSize(1);
            assertThatThrownBy(() -> alice.client().sendRoom("lobby", "anyone?").get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConnectionFailedException.class);
        }
    }
}
