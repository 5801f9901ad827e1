package org.parley.e2ee.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.envelope.InnerMessageCodec;

/** The inner-message content type sender_key(2) that carries distributions over pairwise sessions. */
class SenderKeyContentTest {
    private static final SenderKeyDistribution DISTRIBUTION = new SenderKeyDistribution("room",
            new DeviceRef("alice", 3), 7, 42, SecretBytes.wrapOwned(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3, 4,
                5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29}),
            Bytes.wrapOwned(new byte[32]), 9, Bytes.wrapOwned(new byte[32]));

    @Test
    void aDistributionWithBytesThatAreNotUtf8RoundTripsThroughTheInnerMessageCodec() throws Exception {
        InnerMessage inner = DISTRIBUTION.asInnerMessage(Bytes.wrapOwned(new byte[16]), Fixtures.NOW);
        InnerMessage decoded = InnerMessageCodec.decode(InnerMessageCodec.encode(inner));

        assertThat(decoded.contentType()).isEqualTo(InnerMessage.ContentType.SENDER_KEY);
        SenderKeyDistribution back = SenderKeyDistribution.from(decoded);
        assertThat(back.encode()).isEqualTo(DISTRIBUTION.encode());
        assertThat(back.toString()).doesNotContain("fffe").contains("epoch 7");
    }

    @Test
    void anInnerMessagesTextShowsNeitherItsPlaintextNorTheChainKeyItCarries() {
        InnerMessage distribution = DISTRIBUTION.asInnerMessage(Bytes.wrapOwned(new byte[16]), Fixtures.NOW);
        InnerMessage text = InnerMessage.text("attack at dawn", Bytes.wrapOwned(new byte[16]), Fixtures.NOW);
        RoomMessage read = new RoomMessage(new DeviceRef("alice", 3), 7, 0, text);

        assertThat(distribution.toString()).doesNotContain("fffe0001").contains("SENDER_KEY");
        assertThat(text.toString()).doesNotContain(Bytes.utf8("attack").toHex()).doesNotContain("attack")
                .contains("TEXT");
        assertThat(read.toString()).doesNotContain(Bytes.utf8("attack").toHex()).doesNotContain("attack");
    }

    @Test
    void theSameBytesLabelledAsTextAreRefusedAndAnUnknownContentTypeToo() {
        byte[] encoded = InnerMessageCodec.encode(DISTRIBUTION.asInnerMessage(Bytes.wrapOwned(new byte[16]),
                Fixtures.NOW)).toByteArray();
        encoded[1] = 1;
        assertThatThrownBy(() -> InnerMessageCodec.decode(Bytes.wrapOwned(encoded.clone())))
                .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.MALFORMED));
        encoded[1] = 3;
        assertThatThrownBy(() -> InnerMessageCodec.decode(Bytes.wrapOwned(encoded.clone())))
                .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.MALFORMED));
    }

    @Test
    void aTextMessageIsNotADistributionAndADistributionIsNotARoomMessage() throws Exception {
        assertThatThrownBy(() -> SenderKeyDistribution.from(Fixtures.text("hello", 1)))
                .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.MALFORMED));
        RoomWorld world = RoomWorld.create("content", "alice");
        RoomSession alice = world.sessions.get(new DeviceRef("alice", 1));
        alice.rekey(world.now, world.random);
        assertThatThrownBy(() -> alice.encrypt(DISTRIBUTION.asInnerMessage(Bytes.wrapOwned(new byte[16]), world.now),
                world.now)).isInstanceOf(IllegalArgumentException.class);
    }
}
