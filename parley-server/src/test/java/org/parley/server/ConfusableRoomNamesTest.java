package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/** Room names that would pass for the Lobby are refused over a real connection (issue 11 section 2). */
class ConfusableRoomNamesTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    @Test
    void theLobbyWithAnInvisibleCharacterOrAZeroIsRefusedWhileAChineseRoomIsCreated() throws Exception {
        try (TestClient alice = fixture.registered("alice")) {
            assertThat(create(alice, "Lobby\u034F").code()).isEqualTo(ErrorCode.INVALID_NAME);
            assertThat(create(alice, "L0bby").code()).isEqualTo(ErrorCode.ROOM_EXISTS);

            long id = alice.request(r -> new ChatRequest.CreateRoom(r, "学习小组", RoomVisibility.PUBLIC));
            assertThat(alice.awaitEvent(ChatEvent.JoinedRoom.class, j -> j.requestId() == id).room().name())
                    .isEqualTo("学习小组");
        }
    }

    private static ChatEvent.Rejected create(TestClient client, String room) throws Exception {
        long id = client.request(r -> new ChatRequest.CreateRoom(r, room, RoomVisibility.PUBLIC));
        return client.awaitEvent(ChatEvent.Rejected.class, r -> r.requestId() == id);
    }
}
