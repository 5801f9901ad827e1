package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.parley.client.RequestFailedException;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.StoredMessage;

class ViewListenerTest {
    private final StringWriter out = new StringWriter();
    private final List<SessionEnd> closed = new CopyOnWriteArrayList<>();
    private final ViewListener listener = new ViewListener(new JsonView(new PrintWriter(out, true)), new EchoTracker(), new JoinGate(), closed::add);

    private static ChatEvent.RoomMessage message(String room, long id, String text, boolean history) {
        return new ChatEvent.RoomMessage(room, new StoredMessage(id, 1_764_000_000_000L + id, "bob", ContentType.TEXT,
                Bytes.utf8(text)), history);
    }

    @Test
    void historyReplayedAfterAReconnectShowsOnlyMessagesNotShownBefore() {
        listener.onEvent(message("Lobby", 4, "four", true));
        listener.onEvent(message("Lobby", 5, "five", false));

        listener.onEvent(message("Lobby", 4, "four", true));
        listener.onEvent(message("Lobby", 5, "five", true));
        listener.onEvent(message("Lobby", 6, "six, sent while we were away", true));

        assertThat(out.toString().lines()).hasSize(3);
        assertThat(out.toString()).containsOnlyOnce("\"four\"").containsOnlyOnce("\"five\"")
                .contains("six, sent while we were away");
    }

    @Test
    void eachRoomKeepsItsOwnNewestShownMessage() {
        listener.onEvent(message("Lobby", 9, "lobby nine", false));

        listener.onEvent(message("茶室", 7, "tea seven", true));

        assertThat(out.toString()).contains("tea seven");
    }

    @Test
    void theSessionsEndIsPassedOnForTheInputLoopToPrint() {
        listener.onClosed("the server closed the connection", Optional.empty());

        assertThat(closed).containsExactly(new SessionEnd("the server closed the connection", Optional.empty()));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aRoomDroppedAfterAReconnectIsAnEventWithItsRefusalAndIsPassedOnToTheController() {
        List<String> dropped = new CopyOnWriteArrayList<>();
        listener.whenRoomDropped(dropped::add);

        listener.onRoomDropped("Lobby", new RequestFailedException(ErrorCode.BANNED, "banned until lifted"));

        assertThat(out.toString()).isEqualTo("{\"type\":\"roomDropped\",\"room\":\"Lobby\",\"code\":\"BANNED\","
                + "\"message\":\"banned until lifted\"}" + System.lineSeparator());
        assertThat(dropped).containsExactly("Lobby");
    }

    @Test
    void aKickFromARoomIsShownAndPassedOnToTheControllerAsARoomGone() {
        List<String> gone = new CopyOnWriteArrayList<>();
        listener.whenRoomDropped(gone::add);

        listener.onEvent(new ChatEvent.RemovedFromRoom("Team", "alice", PresenceChange.KICKED, "off topic"));

        assertThat(out.toString()).contains("Team").contains("off topic");
        assertThat(gone).containsExactly("Team");
    }
}
