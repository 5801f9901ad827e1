package org.parley.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.PublicKeyLogin;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The largest sizes docs/PROTOCOL.md quotes (Sections 13.1 and 14.7) are the sizes the codecs
 * produce for messages with every field at its maximum, so servers and clients sized from the
 * document agree with this implementation byte for byte.
 */
class DocumentedSizesTest {
    private static final String NAME = "n".repeat(ChatLimits.MAX_USER_NAME_BYTES);
    /** The Parley server's default largest message, both directions (its ServerLimits.DEFAULT_MAX_MESSAGE_BYTES). */
    private static final int SERVER_DEFAULT_MESSAGE = 384 * 1024 + 1024;

    private static Bytes zeros(int length) {
        return Bytes.wrapOwned(new byte[length]);
    }

    @Test
    void theLargestPublicKeyLoginIs6216Bytes() {
        PublicKeyLogin login = new PublicKeyLogin(NAME, SignatureComponent.ML_DSA_65,
                zeros(AuthCodec.MAX_PUBLIC_KEY), zeros(AuthCodec.MAX_SIGNATURE));

        assertThat(AuthCodec.encode(login).length()).isEqualTo(6_216);
    }

    @Test
    void theLargestSendEnvelopesIs390541Bytes() {
        EnvelopeTarget target = new EnvelopeTarget(NAME, 1, zeros(ChatLimits.MAX_ENVELOPE_BYTES));
        ChatRequest send = new ChatRequest.SendEnvelopes(1, NAME,
                Collections.nCopies(ChatLimits.MAX_ENVELOPES_PER_SEND, target));

        assertThat(ChatCodec.encode(send).length()).isEqualTo(390_541);
        ChatRequest once = new ChatRequest.SendEnvelopes(1, NAME,
                Collections.nCopies(ChatLimits.MAX_ENVELOPES_PER_SEND, target),
                java.util.Optional.of(new SendId(Bytes.fromHex("01".repeat(SendId.LENGTH)))));
        assertThat(ChatCodec.encode(once).length()).isEqualTo(390_557);
    }

    @Test
    void theLargestRoomMessageRequestIs65610Bytes() {
        ChatRequest send = new ChatRequest.SendRoomMessage(1, NAME, ContentType.OPAQUE, zeros(ChatLimits.MAX_BODY_BYTES));

        assertThat(ChatCodec.encode(send).length()).isEqualTo(65_610);
    }

    @Test
    void theLargestRoomMessageEventIs65688Bytes() {
        StoredMessage stored = new StoredMessage(1, 0, NAME, ContentType.OPAQUE, zeros(ChatLimits.MAX_BODY_BYTES));

        assertThat(ChatCodec.encode(new ChatEvent.RoomMessage(NAME, stored, true)).length()).isEqualTo(65_688);
        assertThat(ChatCodec.encode(new ChatEvent.PrivateMessage(NAME, stored, true)).length()).isEqualTo(65_688);
    }

    @Test
    void theLargestRoomLogPageIs205277Bytes() {
        List<Bytes> entries = Collections.nCopies(ChatLimits.MAX_LOG_PAGE_ENTRIES, zeros(ChatLimits.MAX_LOG_ENTRY_BYTES));

        assertThat(ChatCodec.encode(new ChatEvent.RoomLogPage(1, NAME, 0, entries, true)).length()).isEqualTo(205_277);
    }

    @Test
    void theLargestDeviceListsIs349807BytesWithinTheServersDefaultMessage() {
        DeviceInfo device = new DeviceInfo(0xffff_ffffL, zeros(ChatLimits.MAX_IDENTITY_BYTES), NAME, 0, 0);
        List<UserDevices> lists = java.util.stream.IntStream.range(0, ChatLimits.MAX_USERS_PER_DEVICE_LISTS)
                .mapToObj(i -> new UserDevices(NAME, java.util.Optional.of(Collections.nCopies(ChatLimits.MAX_DEVICES, device))))
                .toList();

        int size = ChatCodec.encode(new ChatEvent.DeviceLists(1, lists)).length();

        assertThat(size).isEqualTo(349_807).isLessThanOrEqualTo(SERVER_DEFAULT_MESSAGE);
        assertThat(ChatCodec.encode(new ChatRequest.ListDevicesMany(1, names(ChatLimits.MAX_USERS_PER_DEVICE_LISTS)))
                .length()).isEqualTo(6_507);
    }

    @Test
    void theLargestBundleListsIs363139BytesAndOneUserMoreWouldNotFitTheServersDefaultMessage() {
        Bytes record = zeros(ChatLimits.MAX_PREKEY_RECORD_BYTES);
        PrekeyBundle bundle = new PrekeyBundle(0xffff_ffffL, zeros(ChatLimits.MAX_IDENTITY_BYTES), record,
                java.util.Optional.of(record), record);
        UserBundles user = new UserBundles(NAME, java.util.Optional.of(Collections.nCopies(ChatLimits.MAX_DEVICES, bundle)));

        int size = ChatCodec.encode(new ChatEvent.BundleLists(1,
                Collections.nCopies(ChatLimits.MAX_USERS_PER_BUNDLE_LISTS, user))).length();

        assertThat(size).isEqualTo(363_139).isLessThanOrEqualTo(SERVER_DEFAULT_MESSAGE);
        assertThat(size + 40_348).as("one user more").isGreaterThan(SERVER_DEFAULT_MESSAGE);
        assertThat(ChatCodec.encode(new ChatRequest.FetchBundlesMany(1, names(ChatLimits.MAX_USERS_PER_BUNDLE_LISTS)))
                .length()).isEqualTo(592);
    }

    /** Distinct user names of the longest length. */
    private static List<String> names(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "%03d".formatted(i) + NAME.substring(3)).toList();
    }

    @Test
    void theLargestLoginKeyListIs32839Bytes() {
        List<RegisteredPublicKey> keys = Collections.nCopies(ChatLimits.MAX_LOGIN_KEYS,
                new RegisteredPublicKey(SignatureComponent.ML_DSA_65, zeros(AuthCodec.MAX_PUBLIC_KEY)));

        assertThat(ChatCodec.encode(new ChatEvent.LoginKeyList(1, keys)).length()).isEqualTo(32_839);
    }
}
