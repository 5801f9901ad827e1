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
 *
 * <p>{@link #decodeInPlace} is the copy-free path for a frame that arrived whole: the same checks in
 * the same order, and the payload read where it lies; {@link #decode} buffers the rest.
 */
public final class FrameDecoder {
    private final byte[] header = new byte[Frame.HEADER_LENGTH];
    private int headerFilled;
    private FrameType pendingType;
    private byte[] payload;
    private int payloadFilled;
    private boolean failed;
    private FrameType inPlaceType;

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

    /**
     * If no partial frame is buffered and {@code input} holds a whole frame, moves past it and
     * returns its payload as a view into {@code input} (valid only until the caller's buffer is
     * reused: open it at once, never keep it), its type in {@link #inPlaceType()}. Otherwise
     * consumes nothing and returns null; {@link #decode} then buffers the frame. A bad header fails
     * the decoder exactly as {@link #decode} would.
     */
    public ByteBuffer decodeInPlace(ByteBuffer input) throws WireFormatException {
        if (failed) {
            throw new WireFormatException("frame decoder already failed");
        }
        if (headerFilled != 0 || input.remaining() < Frame.HEADER_LENGTH) {
            return null;
        }
        int at = input.position();
        try {
            int typeCode = input.get(at) & 0xff;
            inPlaceType = FrameType.fromCode(typeCode)
                    .orElseThrow(() -> new WireFormatException("unknown frame type " + typeCode));
            int length = (input.get(at + 1) & 0xff) << 8 | input.get(at + 2) & 0xff;
            if (length > Frame.MAX_PAYLOAD) {
                throw WireFormatException.tooLong("frame", length, Frame.MAX_PAYLOAD);
            }
            if (input.remaining() - Frame.HEADER_LENGTH < length) {
                return null;
            }
            ByteBuffer payload = input.slice(at + Frame.HEADER_LENGTH, length);
            input.position(at + Frame.HEADER_LENGTH + length);
            return payload;
        } catch (WireFormatException e) {
            failed = true;
            throw e;
        }
    }

    /** The type of the frame {@link #decodeInPlace} returned last. */
    public FrameType inPlaceType() {
        return inPlaceType;
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
