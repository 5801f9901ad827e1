package org.parley.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireWriter;

/**
 * The batched directory reads (docs/PROTOCOL.md 14.8, ListDevicesMany / FetchBundlesMany and their
 * answers): round trips at the maxima, one user more refused before allocation, a user named
 * twice refused, a {@code found} byte other than 0 or 1 refused.
 */
class E2eBatchCodecTest {
    private static final Bytes IDENTITY = Bytes.wrapOwned(new byte[ChatLimits.MAX_IDENTITY_BYTES]);

    private static List<String> users(int count) {
        return IntStream.range(0, count).mapToObj(i -> "user" + i).toList();
    }

    @Test
    void requestsWithTheMostUsersRoundTrip() throws WireFormatException {
        ChatRequest list = new ChatRequest.ListDevicesMany(1, users(ChatLimits.MAX_USERS_PER_DEVICE_LISTS));
        ChatRequest fetch = new ChatRequest.FetchBundlesMany(2, users(ChatLimits.MAX_USERS_PER_BUNDLE_LISTS));

        assertThat(ChatCodec.decodeRequest(ChatCodec.encode(list))).isEqualTo(list);
        assertThat(ChatCodec.decodeRequest(ChatCodec.encode(fetch))).isEqualTo(fetch);
    }

    @Test
    void answersWithEveryUserFoundOrNotRoundTripInOrder() throws WireFormatException {
        DeviceInfo device = new DeviceInfo(3, IDENTITY, "phone", 1, 2);
        PrekeyBundle bundle = new PrekeyBundle(3, IDENTITY, ChatSamples.SIGNED_PREKEY, Optional.empty(), ChatSamples.LAST_RESORT);
        List<UserDevices> lists = new ArrayList<>();
        for (int i = 0; i < ChatLimits.MAX_USERS_PER_DEVICE_LISTS; i++) {
            lists.add(new UserDevices("user" + i, i % 3 == 0 ? Optional.empty()
                    : Optional.of(Collections.nCopies(i % ChatLimits.MAX_DEVICES, device))));
        }
        List<UserBundles> bundles = new ArrayList<>();
        for (int i = 0; i < ChatLimits.MAX_USERS_PER_BUNDLE_LISTS; i++) {
            bundles.add(new UserBundles("user" + i, i == 4 ? Optional.empty()
                    : Optional.of(Collections.nCopies(i + 1, bundle))));
        }
        ChatEvent deviceLists = new ChatEvent.DeviceLists(7, lists);
        ChatEvent bundleLists = new ChatEvent.BundleLists(8, bundles);

        assertThat(ChatCodec.decodeEvent(ChatCodec.encode(deviceLists))).isEqualTo(deviceLists);
        assertThat(ChatCodec.decodeEvent(ChatCodec.encode(bundleLists))).isEqualTo(bundleLists);
    }

    @Test
    void oneUserMoreThanTheMaximumIsRejectedBeforeAllocation() {
        assertRejected(message(out -> out.u8(39).u32(1).u16(ChatLimits.MAX_USERS_PER_DEVICE_LISTS + 1)), true,
                Alert.RECORD_OVERFLOW);
        assertRejected(message(out -> out.u8(40).u32(1).u16(ChatLimits.MAX_USERS_PER_BUNDLE_LISTS + 1)), true,
                Alert.RECORD_OVERFLOW);
        assertRejected(message(out -> out.u8(89).u32(1).u16(ChatLimits.MAX_USERS_PER_DEVICE_LISTS + 1)), false,
                Alert.RECORD_OVERFLOW);
        assertRejected(message(out -> out.u8(90).u32(1).u16(ChatLimits.MAX_USERS_PER_BUNDLE_LISTS + 1)), false,
                Alert.RECORD_OVERFLOW);
        assertThatThrownBy(() -> ChatCodec.encode(new ChatRequest.FetchBundlesMany(1,
                users(ChatLimits.MAX_USERS_PER_BUNDLE_LISTS + 1)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestNamingNoUserIsRejected() {
        assertRejected(message(out -> out.u8(39).u32(1).u16(0)), true, Alert.DECODE_ERROR);
        assertRejected(message(out -> out.u8(40).u32(1).u16(0)), true, Alert.DECODE_ERROR);
        assertThatThrownBy(() -> ChatCodec.encode(new ChatRequest.ListDevicesMany(1, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUserNamedTwiceIsADecodeError() {
        Bytes twice = message(out -> out.u8(40).u32(1).u16(3).vector8(Bytes.utf8("bob")).vector8(Bytes.utf8("carol"))
                .vector8(Bytes.utf8("bob")));

        assertRejected(twice, true, Alert.DECODE_ERROR);
        assertThatThrownBy(() -> ChatCodec.encode(new ChatRequest.ListDevicesMany(1, List.of("bob", "bob"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFoundByteOtherThanZeroOrOneIsADecodeError() {
        assertRejected(message(out -> out.u8(89).u32(1).u16(1).vector8(Bytes.utf8("bob")).u8(2).u16(0)), false,
                Alert.DECODE_ERROR);
        assertRejected(message(out -> out.u8(90).u32(1).u16(1).vector8(Bytes.utf8("bob")).u8(2).u16(0)), false,
                Alert.DECODE_ERROR);
    }

    @Test
    void aUserNotFoundIsOneZeroByteAfterTheName() {
        Bytes encoded = ChatCodec.encode(new ChatEvent.DeviceLists(5, List.of(new UserDevices("bob", Optional.empty()),
                new UserDevices("al", Optional.of(List.of())))));

        assertThat(encoded.toHex()).isEqualTo("59" + "00000005" + "0002" + "03626f62" + "00" + "02616c" + "01" + "0000");
    }

    private static void assertRejected(Bytes message, boolean request, Alert alert) {
        assertThatThrownBy(() -> {
            if (request) {
                ChatCodec.decodeRequest(message);
            } else {
                ChatCodec.decodeEvent(message);
            }
        }).isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.alert()).isEqualTo(alert));
    }

    private static Bytes message(Consumer<WireWriter> fields) {
        WireWriter out = new WireWriter();
        fields.accept(out);
        return out.toBytes();
    }
}
