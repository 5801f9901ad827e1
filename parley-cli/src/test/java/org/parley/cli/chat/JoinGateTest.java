package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinGateTest {
    private final JoinGate gate = new JoinGate();
    private final List<String> shown = new ArrayList<>();

    @Test
    void messagesThatArriveBeforeTheJoinIsShownFollowJoinedInTheirOrder() {
        gate.joining("Lobby");

        gate.show("lobby", () -> shown.add("one"));
        gate.show("LOBBY", () -> shown.add("two"));
        gate.opened("Lobby", () -> shown.add("joined"));
        gate.show("Lobby", () -> shown.add("three"));

        assertThat(shown).containsExactly("joined", "one", "two", "three");
    }

    @Test
    void messagesOfAnotherRoomAreNotHeld() {
        gate.joining("lobby");

        gate.show("kitchen", () -> shown.add("kitchen"));

        assertThat(shown).containsExactly("kitchen");
    }

    @Test
    void aFailedJoinReleasesWhatWasHeldWithoutJoined() {
        gate.joining("lobby");
        gate.show("lobby", () -> shown.add("one"));

        gate.opened("lobby", () -> { });

        assertThat(shown).containsExactly("one");
    }

    @Test
    void roomsNotBeingJoinedShowTheirMessagesAtOnce() {
        gate.show("lobby", () -> shown.add("replayed after a reconnect"));

        assertThat(shown).containsExactly("replayed after a reconnect");
    }
}
