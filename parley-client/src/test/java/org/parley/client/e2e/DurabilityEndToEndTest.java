package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.chat.ChatEvent;
import org.parley.server.ParleyServer;

/** What the server stored survives a restart, and private messages wait for an offline recipient. */
class DurabilityEndToEndTest {
    @TempDir
    Path data;

    @Test
    void joiningAfterARestartReplaysTheRoomHistoryOldestFirst() throws Exception {
        try (ParleyServer first = TestServer.start(data); Chatters chatters = new Chatters(first.address())) {
            Chatter alice = chatters.register("alice", "alice's password");
            for (String text : new String[] {"one", "two", "three"}) {
                alice.client().sendRoom("lobby", text).get(Chatters.seconds(), TimeUnit.SECONDS);
            }
        }

        try (ParleyServer second = TestServer.start(data); Chatters chatters = new Chatters(second.address())) {
            Chatter alice = chatters.login("alice", "alice's password");
            alice.client().join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);

            await().atMost(TestServer.timeout()).untilAsserted(() ->
                    assertThat(alice.listener().roomTexts(true)).containsSubsequence("one", "two", "three"));
            assertThat(alice.listener().eventsOf(ChatEvent.RoomMessage.class))
                    .filteredOn(ChatEvent.RoomMessage::history)
                    .extracting(m -> m.message().from()).containsOnly("alice");
        }
    }
}
