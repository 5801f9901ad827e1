package org.parley.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.WireFormatException;

/** {@link FrameDecoder#decodeInPlace} reads a whole frame where it lies, with the checks of {@link FrameDecoder#decode}. */
class FrameDecoderInPlaceTest {

    private static ByteBuffer twoFrames() {
        Bytes a = new Frame(FrameType.ENCRYPTED, Bytes.utf8("first")).encode();
        Bytes b = new Frame(FrameType.ALERT, Bytes.fromHex("00")).encode();
        return Bytes.concat(a, b).asReadOnlyBuffer();
    }

    @Test
    void returnsEachWholeFramesPayloadAndTypeAndMovesPastIt() throws WireFormatException {
        FrameDecoder decoder = new FrameDecoder();
        ByteBuffer input = twoFrames();

        ByteBuffer first = decoder.decodeInPlace(input);
        FrameType firstType = decoder.inPlaceType();
        ByteBuffer second = decoder.decodeInPlace(input);

        assertThat(firstType).isEqualTo(FrameType.ENCRYPTED);
        assertThat(Bytes.copyOf(first)).isEqualTo(Bytes.utf8("first"));
        assertThat(decoder.inPlaceType()).isEqualTo(FrameType.ALERT);
        assertThat(Bytes.copyOf(second)).isEqualTo(Bytes.fromHex("00"));
        assertThat(input.hasRemaining()).isFalse();
        assertThat(decoder.decodeInPlace(input)).isNull();
    }

    @Test
    void consumesNothingFromAPartialFrameAndLeavesItToTheBufferingPath() throws WireFormatException {
        FrameDecoder decoder = new FrameDecoder();
        ByteBuffer partial = twoFrames().limit(6);

        ByteBuffer payload = decoder.decodeInPlace(partial);

        assertThat(payload).isNull();
        assertThat(partial.position()).isZero();
        assertThat(decoder.decode(partial)).isEmpty();
        assertThat(decoder.isAtFrameBoundary()).isFalse();
        assertThat(decoder.decodeInPlace(twoFrames())).as("a frame is buffered already").isNull();
    }

    @Test
    void rejectsAnOversizeLengthFromTheHeaderAloneAndStaysFailed() {
        FrameDecoder decoder = new FrameDecoder();
        int tooLong = Frame.MAX_PAYLOAD + 1;
        ByteBuffer header = ByteBuffer.wrap(new byte[] {(byte) FrameType.ENCRYPTED.code(), (byte) (tooLong >>> 8), (byte) tooLong});

        assertThatThrownBy(() -> decoder.decodeInPlace(header))
                .isInstanceOf(WireFormatException.class)
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.RECORD_OVERFLOW);
        assertThatThrownBy(() -> decoder.decodeInPlace(twoFrames())).hasMessageContaining("already failed");
        assertThatThrownBy(() -> decoder.decode(twoFrames())).hasMessageContaining("already failed");
    }

    @Test
    void rejectsAnUnknownFrameTypeBeforeItsPayloadArrives() {
        FrameDecoder decoder = new FrameDecoder();

        assertThatThrownBy(() -> decoder.decodeInPlace(ByteBuffer.wrap(new byte[] {(byte) 0xee, 0, 5})))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown frame type");
    }
}
