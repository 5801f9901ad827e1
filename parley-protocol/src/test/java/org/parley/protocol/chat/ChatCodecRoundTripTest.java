package org.parley.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * Every request and event survives encode then decode unchanged, and its bytes re-encode
 * identically (one encoding per message), including Chinese names, emoji and limit values.
 */
class ChatCodecRoundTripTest {

    static Stream<Arguments> requests() {
        return ChatSamples.requests().stream().map(r -> Arguments.of(r.getClass().getSimpleName(), r));
    }

    static Stream<Arguments> events() {
        return ChatSamples.events().stream().map(e -> Arguments.of(e.getClass().getSimpleName(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void everyRequestRoundTrips(String name, ChatRequest request) throws WireFormatException {
        Bytes encoded = ChatCodec.encode(request);

        ChatRequest decoded = ChatCodec.decodeRequest(encoded);

        assertThat(decoded).isEqualTo(request);
        assertThat(ChatCodec.encode(decoded)).isEqualTo(encoded);
        assertThat(encoded.get(0) & 0xff).isEqualTo(ChatRequestType.of(request).code());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everyEventRoundTrips(String name, ChatEvent event) throws WireFormatException {
        Bytes encoded = ChatCodec.encode(event);

        ChatEvent decoded = ChatCodec.decodeEvent(encoded);

        assertThat(decoded).isEqualTo(event);
        assertThat(ChatCodec.encode(decoded)).isEqualTo(encoded);
        assertThat(encoded.get(0) & 0xff).isEqualTo(ChatEventType.of(event).code());
    }

    @Test
    void samplesCoverEveryRequestAndEventType() {
        assertThat(ChatSamples.requests().stream().map(ChatRequestType::of))
                .containsExactly(ChatRequestType.values());
        assertThat(ChatSamples.events().stream().map(ChatEventType::of))
                .containsExactly(ChatEventType.values());
    }

    @Test
    void requestAndEventCodesAreDistinctAndLookUpTheirOwnType() {
        for (ChatRequestType type : ChatRequestType.values()) {
            assertThat(ChatRequestType.fromCode(type.code())).contains(type);
            assertThat(ChatEventType.fromCode(type.code())).isEmpty();
        }
        for (ChatEventType type : ChatEventType.values()) {
            assertThat(ChatEventType.fromCode(type.code())).contains(type);
            assertThat(ChatRequestType.fromCode(type.code())).isEmpty();
        }
    }

    @Test
    void sendRoomMessageHasTheLayoutShownInTheJavadoc() {
        ChatRequest request = new ChatRequest.SendRoomMessage(7, "lobby", ContentType.TEXT, Bytes.utf8("你好"));

        Bytes encoded = ChatCodec.encode(request);

        assertThat(encoded.toHex()).isEqualTo("0c" + "00000007" + "05" + "6c6f626279" + "01" + "000006" + "e4bda0e5a5bd");
    }

    @Test
    void sendingOnceCarriesTheSendIdRightAfterTheRequestIdAndOtherwiseTheSameFields() throws WireFormatException {
        SendId sendId = new SendId(Bytes.fromHex("0f".repeat(16)));
        ChatRequest plain = new ChatRequest.SendRoomMessage(7, "lobby", ContentType.TEXT, Bytes.utf8("你好"));
        ChatRequest once = new ChatRequest.SendRoomMessage(7, "lobby", ContentType.TEXT, Bytes.utf8("你好"),
                Optional.of(sendId));
        ChatRequest envelopes = new ChatRequest.SendEnvelopes(7, "bob", List.of(new EnvelopeTarget("bob", 1,
                Bytes.fromHex("e2"))), Optional.of(sendId));

        assertThat(ChatCodec.encode(once).toHex())
                .isEqualTo("25" + "00000007" + "0f".repeat(16) + ChatCodec.encode(plain).toHex().substring(10));
        assertThat(ChatCodec.encode(envelopes).toHex()).isEqualTo("26" + "00000007" + "0f".repeat(16)
                + ChatCodec.encode(new ChatRequest.SendEnvelopes(7, "bob", ((ChatRequest.SendEnvelopes) envelopes)
                        .envelopes())).toHex().substring(10));
        assertThat(ChatCodec.decodeRequest(ChatCodec.encode(once))).isEqualTo(once);
        assertThat(ChatCodec.decodeRequest(ChatCodec.encode(envelopes))).isEqualTo(envelopes);
    }

    @Test
    void loginKeyListHasTheLayoutShownInTheJavadocAndEmptyListsRoundTrip() throws WireFormatException {
        ChatEvent list = new ChatEvent.LoginKeyList(9, List.of(new RegisteredPublicKey(SignatureComponent.ED25519, Bytes.fromHex("abcd"))));

        assertThat(ChatCodec.encode(list).toHex()).isEqualTo("55" + "00000009" + "0001"
                + String.format("%04x", SignatureComponent.ED25519.code()) + "0002" + "abcd");
        assertThat(ChatCodec.encode(new ChatRequest.ListLoginKeys(9)).toHex()).isEqualTo("1e" + "00000009");
        ChatEvent empty = new ChatEvent.LoginKeyList(1, List.of());
        assertThat(ChatCodec.decodeEvent(ChatCodec.encode(empty))).isEqualTo(empty);
    }

    @Test
    void emptyAndAbsentValuesRoundTrip() throws WireFormatException {
        List<ChatRequest> requests = List.of(
                new ChatRequest.ListMembers(0, Optional.empty()),
                new ChatRequest.SetTopic(1, "r", ""),
                new ChatRequest.SendRoomMessage(2, "r", ContentType.TEXT, Bytes.empty()),
                new ChatRequest.FetchHistory(3, new Conversation.InRoom("r"), 0, 1));
        List<ChatEvent> events = List.of(
                new ChatEvent.RoomList(4, List.of()),
                new ChatEvent.HistoryPage(5, new Conversation.WithUser("u"), List.of(), false),
                new ChatEvent.Presence("", "u", PresenceChange.OFFLINE, 0),
                new ChatEvent.Notice(""));

        for (ChatRequest request : requests) {
            assertThat(ChatCodec.decodeRequest(ChatCodec.encode(request))).isEqualTo(request);
        }
        for (ChatEvent event : events) {
            assertThat(ChatCodec.decodeEvent(ChatCodec.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void valuesAtEveryMaximumRoundTrip() throws WireFormatException {
        String longName = "名".repeat(21) + "x";                      // 64 UTF-8 bytes
        String longTopic = "é".repeat(ChatLimits.MAX_TOPIC_BYTES / 2); // 512 bytes
        String longText = "😀".repeat(ChatLimits.MAX_TEXT_BYTES / 4);  // 16,384 bytes
        byte[] opaque = new byte[ChatLimits.MAX_BODY_BYTES];
        Arrays.fill(opaque, (byte) 0xff);
        List<MemberInfo> members = java.util.Collections.nCopies(ChatLimits.MAX_LIST_ENTRIES,
                new MemberInfo(longName, Role.MEMBER, Integer.MAX_VALUE));
        List<ChatRequest> requests = List.of(
                new ChatRequest.Kick(0xffff_ffffL, longName, longName, longTopic),
                new ChatRequest.SendRoomMessage(1, longName, ContentType.TEXT, Bytes.utf8(longText)),
                new ChatRequest.SendPrivateMessage(2, longName, ContentType.OPAQUE, Bytes.wrapOwned(opaque)),
                new ChatRequest.Ban(3, "r", "u", 0xffff_ffffL, longTopic));
        List<ChatEvent> events = List.of(
                new ChatEvent.MemberList(4, longName, members),
                new ChatEvent.Rejected(5, ErrorCode.INTERNAL, "e".repeat(ChatLimits.MAX_DETAIL_BYTES)),
                new ChatEvent.Accepted(6, Long.MAX_VALUE));

        for (ChatRequest request : requests) {
            assertThat(ChatCodec.decodeRequest(ChatCodec.encode(request))).isEqualTo(request);
        }
        for (ChatEvent event : events) {
            assertThat(ChatCodec.decodeEvent(ChatCodec.encode(event))).isEqualTo(event);
        }
    }
}
