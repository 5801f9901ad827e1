package org.parley.protocol.record;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;

/**
 * Splits a byte stream into {@link Frame}s, whatever boundaries the transport delivers.
 *
 * <p><b>Security.</b> The declared length is checked against {@link Frame#MAX_PAYLOAD} as soon
 * as the 3 header bytes are present, before any payload is buffered; an unknown type is rejected
 * at the same point. After the first error the decoder is failed for good and rejects all later
 * input, so a caller cannot resynchronise on attacker-chosen bytes.
 */
public final class FrameDecoder {
    private final byte[] header = new byte[Frame.HEADER_LENGTH];
    private int headerFilled;
    private FrameType pendingType;
    private byte[] payload;
    private int payloadFilled;
    private boolean failed;

    /**
     * Consumes bytes from {@code input} until one frame is complete or the input is exhausted.
     *
     * @return the completed frame, or empty if more bytes are needed
     */
    public Optional<Frame> decode(ByteBuffer input) throws WireFormatException {
        if (failed) {
            throw new WireFormatException("frame decoder already failed");
        }
        try {
            return decodeChecked(input);
        } catch (WireFormatException e) {
            failed = true;
            payload = null;
            throw e;
        }
    }

    /** True when no partial frame is buffered: the stream may end here cleanly. */
    public boolean isAtFrameBoundary() {
        return headerFilled == 0;
    }

    private Optional<Frame> decodeChecked(ByteBuffer input) throws WireFormatException {
        while (headerFilled < Frame.HEADER_LENGTH) {
            if (!input.hasRemaining()) {
                return Optional.empty();
            }
            header[headerFilled++] = input.get();
        }
        if (payload == null) {
            int typeCode = header[0] & 0xff;
            pendingType = FrameType.fromCode(typeCode)
                    .orElseThrow(() -> new WireFormatException("unknown frame type " + typeCode));
            int length = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
            if (length > Frame.MAX_PAYLOAD) {
                throw WireFormatException.tooLong("frame", length, Frame.MAX_PAYLOAD);
            }
            payload = new byte[length];
            payloadFilled = 0;
        }
        int take = Math.min(input.remaining(), payload.length - payloadFilled);
        input.get(payload, payloadFilled, take);
        payloadFilled += take;
        if (payloadFilled < payload.length) {
            return Optional.empty();
        }
        Frame frame = new Frame(pendingType, Bytes.wrapOwned(payload));
        payload = null;
        headerFilled = 0;
        return Optional.of(frame);
    }
}
