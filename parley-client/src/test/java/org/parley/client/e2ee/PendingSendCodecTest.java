package org.parley.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.client.e2ee.OutboxFormatException.Reason;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eSuite;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.SendId;

/** The outbox file format of docs/E2EE.md 20.1: exact round trips, and a typed error for every bad file. */
class PendingSendCodecTest {
    private static final PendingSend SEND = new PendingSend("bob",
            List.of(new EnvelopeTarget("bob", 3, Bytes.wrapOwned(new byte[] {2, 9, 9})),
                    new EnvelopeTarget("alice", 7, Sender.UNREADABLE)),
            new SendId(Bytes.fromHex("00112233445566778899aabbccddeeff")),
            new E2eMessage("bob", "alice", 5, true, E2eSuite.PQ_RATCHET, "0a0b0c0d0e0f10111213141516171819",
                    Instant.ofEpochMilli(1_700_000_000_123L), "héllo 密谈\nsecond line"),
            Instant.ofEpochMilli(1_700_000_000_456L));

    @Test
    void aSendRoundTripsExactly() throws Exception {
        PendingSendCodec.Decoded decoded = PendingSendCodec.decode(PendingSendCodec.encode(SEND, List.of()));

        assertThat(decoded.send()).isEqualTo(SEND);
        assertThat(decoded.redo()).isEmpty();
    }

    private static final PendingRoomSend ROOM_SEND = new PendingRoomSend("den", Bytes.wrapOwned(new byte[] {1, 2, 3, 4}),
            new SendId(Bytes.fromHex("ffeeddccbbaa99887766554433221100")),
            new org.parley.client.e2ee.room.E2eRoomMessage("den", "alice", 5, true, "0a0b", 0, 7,
                    Instant.ofEpochMilli(1_700_000_000_123L), "in the den 密谈"),
            Instant.ofEpochMilli(1_700_000_000_456L));

    @Test
    void aRoomSendRoundTripsExactlyAndEveryCutOfItIsTruncated() throws Exception {
        byte[] whole = PendingSendCodec.encode(ROOM_SEND);
        PendingSendCodec.Decoded decoded = PendingSendCodec.decode(whole);

        assertThat(decoded.send()).isEqualTo(ROOM_SEND);
        assertThat(decoded.redo()).isEmpty();
        for (int length = 2; length < whole.length; length++) {
            assertThat(reason(Arrays.copyOf(whole, length))).as("cut at %d", length).isEqualTo(Reason.TRUNCATED);
        }
        assertThat(reason(Arrays.copyOf(whole, whole.length + 1))).isEqualTo(Reason.TRAILING_BYTES);
    }

    private static final PendingPlainSend PLAIN_SEND = new PendingPlainSend("lobby", "plain 密谈\nsecond line",
            new SendId(Bytes.fromHex("0f0e0d0c0b0a09080706050403020100")), Instant.ofEpochMilli(1_700_000_000_789L));

    @Test
    void aPlaintextRoomSendRoundTripsExactlyAndEveryCutOfItIsTruncated() throws Exception {
        byte[] whole = PendingSendCodec.encode(PLAIN_SEND);
        PendingSendCodec.Decoded decoded = PendingSendCodec.decode(whole);

        assertThat(decoded.send()).isEqualTo(PLAIN_SEND);
        assertThat(decoded.redo()).isEmpty();
        assertThat(whole[1]).isEqualTo((byte) PendingSendCodec.KIND_PLAIN_ROOM);
        for (int length = 2; length < whole.length; length++) {
            assertThat(reason(Arrays.copyOf(whole, length))).as("cut at %d", length).isEqualTo(Reason.TRUNCATED);
        }
        assertThat(reason(Arrays.copyOf(whole, whole.length + 1))).isEqualTo(Reason.TRAILING_BYTES);
    }

    @Test
    void aPlaintextRoomSendWhoseTextOrRoomIsOverItsBoundIsRefusedOnReadAndNeverWritten() {
        byte[] longText = PendingSendCodec.encode(PLAIN_SEND);
        // The text's length follows version, kind, send id, first try and the room ("lobby").
        ByteBuffer.wrap(longText).putInt(2 + SendId.LENGTH + 8 + 2 + 5, PendingSendCodec.MAX_PLAIN_TEXT_BYTES + 1);
        byte[] longRoom = PendingSendCodec.encode(PLAIN_SEND);
        ByteBuffer.wrap(longRoom).putShort(2 + SendId.LENGTH + 8, (short) (PendingSendCodec.MAX_NAME_BYTES + 1));
        byte[] badText = PendingSendCodec.encode(PLAIN_SEND);
        badText[badText.length - 1] = (byte) 0xff;

        assertThat(reason(longText)).isEqualTo(Reason.OVER_LIMIT);
        assertThat(reason(longRoom)).isEqualTo(Reason.OVER_LIMIT);
        assertThat(reason(badText)).isEqualTo(Reason.BAD_VALUE);
        assertThatThrownBy(() -> PendingSendCodec.encode(new PendingPlainSend("lobby",
                "x".repeat(PendingSendCodec.MAX_PLAIN_TEXT_BYTES + 1), PLAIN_SEND.sendId(), PLAIN_SEND.firstTry())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PendingSendCodec.encode(new PendingPlainSend("r".repeat(PendingSendCodec.MAX_NAME_BYTES + 1),
                "hi", PLAIN_SEND.sendId(), PLAIN_SEND.firstTry()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPlaintextRoomSendAtItsBoundRoundTrips() throws Exception {
        PendingPlainSend largest = new PendingPlainSend("r".repeat(PendingSendCodec.MAX_NAME_BYTES),
                "x".repeat(PendingSendCodec.MAX_PLAIN_TEXT_BYTES), PLAIN_SEND.sendId(), PLAIN_SEND.firstTry());

        assertThat(PendingSendCodec.decode(PendingSendCodec.encode(largest)).send()).isEqualTo(largest);
    }

    @Test
    void aPlaintextRoomSendNeverShowsItsText() {
        assertThat(PLAIN_SEND.toString()).doesNotContain("plain").contains("lobby");
    }

    @Test
    void theSessionsToStoreRoundTrip() throws Exception {
        byte[] state = {4, 5, 6};
        PendingSendCodec.Decoded decoded = PendingSendCodec.decode(PendingSendCodec.encode(SEND,
                List.of(new PendingSendCodec.Redo("sessions/bob.3", SecretBytes.copyOf(state)))));

        assertThat(decoded.redo()).singleElement().satisfies(redo -> {
            assertThat(redo.file()).isEqualTo("sessions/bob.3");
            assertThat(redo.state().revealCopy()).containsExactly(state);
        });
    }

    @Test
    void everyCutShortFileIsTruncated() {
        byte[] whole = PendingSendCodec.encode(SEND, List.of());
        for (int length = 2; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> PendingSendCodec.decode(cut)).as("cut at %d", length)
                    .isInstanceOfSatisfying(OutboxFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
        }
    }

    @Test
    void aFileOverTheMaximumIsRefusedBeforeItIsRead() {
        assertThatThrownBy(() -> PendingSendCodec.decode(new byte[PendingSendCodec.MAX_BYTES + 1]))
                .isInstanceOfSatisfying(OutboxFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void anotherVersionTrailingBytesAndALengthOverItsMaximumAreRefused() {
        byte[] whole = PendingSendCodec.encode(SEND, List.of());
        byte[] version = whole.clone();
        version[0] = 2;
        byte[] trailing = Arrays.copyOf(whole, whole.length + 1);
        byte[] longPeer = whole.clone();
        // The peer's length follows version, kind, send id and first try.
        ByteBuffer.wrap(longPeer).putShort(2 + SendId.LENGTH + 8, (short) (PendingSendCodec.MAX_NAME_BYTES + 1));

        assertThat(reason(version)).isEqualTo(Reason.UNKNOWN_VERSION);
        assertThat(reason(trailing)).isEqualTo(Reason.TRAILING_BYTES);
        assertThat(reason(longPeer)).isEqualTo(Reason.OVER_LIMIT);
    }

    @Test
    void aSessionToStoreOutsideTheSessionsFolderIsRefused() {
        for (String file : List.of("device.keys", "sessions/../device.keys", "sessions/a/b")) {
            byte[] encoded = PendingSendCodec.encode(SEND, List.of(new PendingSendCodec.Redo(file, SecretBytes.copyOf(new byte[] {1}))));
            assertThat(reason(encoded)).as(file).isEqualTo(Reason.BAD_VALUE);
        }
    }

    private static Reason reason(byte[] content) {
        try {
            PendingSendCodec.decode(content);
        } catch (OutboxFormatException e) {
            return e.reason();
        }
        throw new AssertionError("decoded");
    }
}
