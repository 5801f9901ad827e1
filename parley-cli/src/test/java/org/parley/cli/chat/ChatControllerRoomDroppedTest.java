package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.client.ParleySession;
import org.parley.client.ServerAddress;
import org.parley.protocol.suite.Preset;

/** A room the session dropped after a reconnect stops being the current room, as if the user had left it. */
class ChatControllerRoomDroppedTest {
    @RegisterExtension
    final JsonChatServer server = new JsonChatServer();

    private final StringWriter out = new StringWriter();

    @Test
    void aDroppedCurrentRoomHandsTheCurrentRoomBackToThePreviouslyJoinedOne() throws Exception {
        JsonView view = new JsonView(new PrintWriter(out, true));
        EchoTracker echoes = new EchoTracker();
        JoinGate gate = new JoinGate();
        ViewListener listener = new ViewListener(view, echoes, gate, end -> { });
        ChatSettings settings = new ChatSettings(new ServerAddress("127.0.0.1", server.server().address().getPort()), "alice",
                new LoginMethod.Password(JsonChatServer.PASSWORD.toCharArray()), true, Optional.empty(),
                server.path("known_servers"), true, Preset.MODERN, List.of());
        ParleySession session = new ChatConnector(settings, view, Optional.empty(), Optional::empty, Optional.empty())
                .open(listener).orElseThrow();
        try {
            ChatController controller = new ChatController(session, view, echoes, gate, Duration.ofSeconds(35), key -> Optional.empty());
            controller.handle(new ChatInput.Join("coffee"));
            controller.handle(new ChatInput.Join("tea"));
            assertThat(controller.currentRoom()).contains("tea");

            controller.dropped("TEA");

            assertThat(controller.currentRoom()).contains("coffee");
            controller.dropped("Coffee");
            assertThat(controller.currentRoom()).isEmpty();
        } finally {
            session.close();
        }
    }
}
