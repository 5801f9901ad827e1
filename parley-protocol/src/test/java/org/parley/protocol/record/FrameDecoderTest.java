package org.parley.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.WireFormatException;

class FrameDecoderTest {

    private static byte[] stream() {
        Bytes a = new Frame(FrameType.HANDSHAKE, Bytes.utf8("first")).encode();
        Bytes b = new Frame(FrameType.ENCRYPTED, Bytes.wrapOwned(new byte[300])).encode();
        Bytes c = new Frame(FrameType.ALERT, Bytes.empty()).encode();
        return Bytes.concat(a, b, c).toByteArray();
    }

    @Test
    void decodesTheSameFramesWhateverTheTransportSplits() throws WireFormatException {
        byte[] stream = stream();
        for (int chunk = 1; chunk <= stream.length; chunk++) {
            FrameDecoder decoder = new FrameDecoder();
            List<Frame> frames = new ArrayList<>();
            for (int offset = 0; offset < stream.length; offset += chunk) {
                ByteBuffer piece = ByteBuffer.wrap(stream, offset, Math.min(chunk, stream.length - offset));
                Optional<Frame> frame;
                while ((frame = decoder.decode(piece)).isPresent()) {
                    frames.add(frame.get());
                }
            }
            assertThat(frames).extracting(Frame::type).containsExactly(FrameType.HANDSHAKE, FrameType.ENCRYPTED, FrameType.ALERT);
            assertThat(frames.get(0).payload()).isEqualTo(Bytes.utf8("first"));
            assertThat(frames.get(1).payload().length()).isEqualTo(300);
            assertThat(decoder.isAtFrameBoundary()).isTrue();
        }
    }

    @Test
    void rejectsALengthAboveTheMaximumFromTheHeaderAloneBeforeAllocating() {
        FrameDecoder decoder = new FrameDecoder();
        ByteBuffer headerOnly = ByteBuffer.wrap(new byte[] {(byte) FrameType.ENCRYPTED.code(), (byte) 0xff, (byte) 0xff});

        assertThatThrownBy(() -> decoder.decode(headerOnly))
                .isInstanceOf(WireFormatException.class)
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.RECORD_OVERFLOW);
    }

    @Test
    void acceptsExactlyTheMaximumPayload() throws WireFormatException {
        Bytes frame = new Frame(FrameType.ENCRYPTED, Bytes.wrapOwned(new byte[Frame.MAX_PAYLOAD])).encode();

        assertThat(new FrameDecoder().decode(frame.asReadOnlyBuffer())).isPresent();
    }

    @Test
    void rejectsAnUnknownFrameType() {
        assertThatThrownBy(() -> new FrameDecoder().decode(ByteBuffer.wrap(new byte[] {0x42, 0, 1, 0})))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown frame type");
    }

    @Test
    void staysFailedAfterTheFirstError() {
        FrameDecoder decoder = new FrameDecoder();
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {0x42, 0, 0})))
                .isInstanceOf(WireFormatException.class);

        Bytes valid = new Frame(FrameType.ALERT, Bytes.wrapOwned(new byte[] {0})).encode();
        assertThatThrownBy(() -> decoder.decode(valid.asReadOnlyBuffer()))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("already failed");
    }

    @Test
    void reportsAPartialFrameAsNotAtABoundary() throws WireFormatException {
        FrameDecoder decoder = new FrameDecoder();

        assertThat(decoder.decode(ByteBuffer.wrap(new byte[] {(byte) FrameType.HANDSHAKE.code(), 0}))).isEmpty();
        assertThat(decoder.isAtFrameBoundary()).isFalse();
    }
}
