package org.parley.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;

/** ChatEvent.Answer is exactly the family of events that carry a request id on the wire (PROTOCOL.md §14). */
class ChatEventFamiliesTest {

    static Stream<Arguments> answers() {
        return ChatSamples.events().stream().filter(ChatEvent.Answer.class::isInstance)
                .map(e -> Arguments.of(e.getClass().getSimpleName(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void anAnswerCarriesItsRequestIdRightAfterTheTypeCode(String name, ChatEvent.Answer answer) {
        Bytes encoded = ChatCodec.encode(answer);

        long onTheWire = ((encoded.get(1) & 0xffL) << 24) | ((encoded.get(2) & 0xffL) << 16)
                | ((encoded.get(3) & 0xffL) << 8) | (encoded.get(4) & 0xffL);

        assertThat(onTheWire).isEqualTo(answer.requestId());
    }

    @Test
    void theAnswersAreTheEventsThatCarryARequestIdAndEverythingElseIsPushed() {
        List<String> answers = ChatSamples.events().stream().filter(ChatEvent.Answer.class::isInstance)
                .map(e -> e.getClass().getSimpleName()).distinct().toList();
        List<String> pushes = ChatSamples.events().stream().filter(ChatEvent.Push.class::isInstance)
                .map(e -> e.getClass().getSimpleName()).distinct().toList();

        assertThat(answers).containsExactlyInAnyOrder("Accepted", "Rejected", "JoinedRoom", "RoomList", "MemberList", "HistoryPage",
                "DeviceList", "PrekeyCounts", "BundleList", "DeviceMismatch", "EnvelopePage", "LoginKeyList", "RoomLogPage",
                "PasswordParams", "DeviceLists", "BundleLists");
        assertThat(pushes).containsExactlyInAnyOrder("RoomMessage", "PrivateMessage", "Presence", "TopicChanged", "Invited",
                "RemovedFromRoom", "Notice", "EnvelopeBatch", "DeviceChanged", "RoomLogAppended");
    }
}
