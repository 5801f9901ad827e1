package org.parley.protocol.chat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.suite.SignatureComponent;

/**
 * Encoding a value the wire cannot carry is the caller's bug and throws
 * {@link IllegalArgumentException}: nothing is truncated, replaced or sent over-long.
 */
class ChatCodecEncodingTest {
    private static final String NAME_65 = "名".repeat(21) + "xy";
    private static final String NAME_66 = "名".repeat(22);

    static Stream<Arguments> unencodableRequests() {
        return Stream.of(
                Arguments.of("room of 66 bytes", new ChatRequest.JoinRoom(1, NAME_66)),
                Arguments.of("empty room", new ChatRequest.LeaveRoom(1, "")),
                Arguments.of("user of 65 bytes", new ChatRequest.Invite(1, "r", NAME_65)),
                Arguments.of("unpaired surrogate in a name", new ChatRequest.JoinRoom(1, "a\uD800b")),
                Arguments.of("topic of 513 bytes", new ChatRequest.SetTopic(1, "r", "t".repeat(513))),
                Arguments.of("reason of 513 bytes", new ChatRequest.Kick(1, "r", "u", "r".repeat(513))),
                Arguments.of("negative request id", new ChatRequest.Ping(-1)),
                Arguments.of("request id above u32", new ChatRequest.Ping(0x1_0000_0000L)),
                Arguments.of("negative ban duration", new ChatRequest.Ban(1, "r", "u", -1, "")),
                Arguments.of("text body over 16 KiB", new ChatRequest.SendRoomMessage(1, "r", ContentType.TEXT,
                        Bytes.utf8("a".repeat(ChatLimits.MAX_TEXT_BYTES + 1)))),
                Arguments.of("opaque body over 64 KiB", new ChatRequest.SendPrivateMessage(1, "u", ContentType.OPAQUE,
                        Bytes.wrapOwned(new byte[ChatLimits.MAX_BODY_BYTES + 1]))),
                Arguments.of("text body not UTF-8", new ChatRequest.SendRoomMessage(1, "r", ContentType.TEXT,
                        Bytes.fromHex("c328"))),
                Arguments.of("history limit 0", new ChatRequest.FetchHistory(1, new Conversation.InRoom("r"), 0, 0)),
                Arguments.of("history limit 201", new ChatRequest.FetchHistory(1, new Conversation.InRoom("r"), 0, 201)),
                Arguments.of("negative before id", new ChatRequest.FetchHistory(1, new Conversation.InRoom("r"), -1, 1)),
                Arguments.of("peer of 66 bytes", new ChatRequest.FetchHistory(1, new Conversation.WithUser(NAME_66), 0, 1)),
                Arguments.of("empty public key", new ChatRequest.AddLoginKey(1, SignatureComponent.ED25519, Bytes.empty())),
                Arguments.of("public key over 2048 bytes", new ChatRequest.RemoveLoginKey(1, SignatureComponent.ED25519,
                        Bytes.wrapOwned(new byte[2049]))));
    }

    static Stream<Arguments> unencodableEvents() {
        StoredMessage badSender = new StoredMessage(1, 0, NAME_66, ContentType.TEXT, Bytes.utf8("hi"));
        List<MemberInfo> tooMany = Collections.nCopies(ChatLimits.MAX_LIST_ENTRIES + 1, new MemberInfo("u", Role.NONE, 1));
        List<StoredMessage> pageTooLong = Collections.nCopies(ChatLimits.MAX_HISTORY_PAGE + 1, ChatSamples.TEXT_MESSAGE);
        return Stream.of(
                Arguments.of("detail of 1025 bytes", new ChatEvent.Rejected(1, ErrorCode.INTERNAL, "d".repeat(1025))),
                Arguments.of("notice of 1025 bytes", new ChatEvent.Notice("n".repeat(1025))),
                Arguments.of("negative message id", new ChatEvent.Accepted(1, -1)),
                Arguments.of("sender of 66 bytes", new ChatEvent.RoomMessage("r", badSender, false)),
                Arguments.of("1001 members", new ChatEvent.MemberList(1, "", tooMany)),
                Arguments.of("201 history messages", new ChatEvent.HistoryPage(1, new Conversation.InRoom("r"), pageTooLong, false)),
                Arguments.of("negative online count", new ChatEvent.Presence("", "u", PresenceChange.ONLINE, -1)),
                Arguments.of("topic of 513 bytes", new ChatEvent.TopicChanged("r", "t".repeat(513), "u")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unencodableRequests")
    void unencodableRequestThrowsIllegalArgument(String name, ChatRequest request) {
        assertThatThrownBy(() -> ChatCodec.encode(request)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unencodableEvents")
    void unencodableEventThrowsIllegalArgument(String name, ChatEvent event) {
        assertThatThrownBy(() -> ChatCodec.encode(event)).isInstanceOf(IllegalArgumentException.class);
    }
}
