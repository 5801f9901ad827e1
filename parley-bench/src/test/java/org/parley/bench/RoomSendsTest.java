package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.SendId;

class RoomSendsTest {
    private static final Bytes BODY = Bytes.wrapOwned(new byte[] {1, 2, 3});

    @Test
    void plainSendsCarryNoSendId() {
        ChatRequest.SendRoomMessage message = RoomSends.plain().message(7, "lobby", BODY);

        assertThat(message.sendId()).isEmpty();
        assertThat(message.requestId()).isEqualTo(7);
        assertThat(message.room()).isEqualTo("lobby");
        assertThat(message.body()).isEqualTo(BODY);
    }

    @Test
    void sendsMadeOnceCarryADifferentSendIdEachTime() {
        RoomSends sends = RoomSends.once();
        Set<SendId> seen = new HashSet<>();

        for (int i = 0; i < 1_000; i++) {
            ChatRequest.SendRoomMessage message = sends.message(i + 1, "lobby", BODY);
            assertThat(message.sendId()).isPresent();
            seen.add(message.sendId().get());
        }

        assertThat(seen).hasSize(1_000);
    }

    @Test
    void twoRunsDoNotShareSendIds() {
        SendId first = RoomSends.once().message(1, "lobby", BODY).sendId().orElseThrow();
        SendId second = RoomSends.once().message(1, "lobby", BODY).sendId().orElseThrow();

        assertThat(first).isNotEqualTo(second);
    }
}
