package org.parley.protocol.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.handshake.ClientHello;
import org.parley.protocol.handshake.HandshakeCodec;
import org.parley.protocol.handshake.HandshakeMessage;
import org.parley.protocol.handshake.ServerHello;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameType;

/** Man-in-the-middle edits for {@link ChannelPair}: each counts frames in one direction. */
public final class Tamper {
    private Tamper() {
    }

    /** Applies {@code edit} to the frame with index {@code index} in this direction. */
    public static UnaryOperator<List<Bytes>> frame(int index, UnaryOperator<Bytes> edit) {
        AtomicInteger seen = new AtomicInteger();
        return batch -> {
            List<Bytes> out = new ArrayList<>();
            for (Bytes frame : batch) {
                out.add(seen.getAndIncrement() == index ? edit.apply(frame) : frame);
            }
            return out;
        };
    }

    /** Flips one bit of the frame's payload (the header is left alone). */
    public static UnaryOperator<List<Bytes>> flipPayloadBit(int index, int bit) {
        return frame(index, frame -> {
            byte[] bytes = frame.toByteArray();
            bytes[Frame.HEADER_LENGTH + bit / 8] ^= (byte) (1 << (bit % 8));
            return Bytes.wrapOwned(bytes);
        });
    }

    /** Drops the frame with this index. */
    public static UnaryOperator<List<Bytes>> drop(int index) {
        AtomicInteger seen = new AtomicInteger();
        return batch -> batch.stream().filter(frame -> seen.getAndIncrement() != index).toList();
    }

    /** Swaps two frames that travel in the same batch. */
    public static UnaryOperator<List<Bytes>> swapInFirstNonEmptyBatch(int a, int b) {
        AtomicInteger batches = new AtomicInteger();
        return batch -> {
            if (batch.isEmpty() || batches.getAndIncrement() > 0) {
                return batch;
            }
            List<Bytes> out = new ArrayList<>(batch);
            Bytes first = out.get(a);
            out.set(a, out.get(b));
            out.set(b, first);
            return out;
        };
    }

    /** Rewrites the ClientHello (frame 0 towards the server). */
    public static UnaryOperator<List<Bytes>> clientHello(UnaryOperator<ClientHello> edit) {
        return frame(0, frame -> plaintextFrame(edit.apply((ClientHello) decodePlaintext(frame))));
    }

    /** Rewrites the ServerHello (frame 0 towards the client). */
    public static UnaryOperator<List<Bytes>> serverHello(UnaryOperator<ServerHello> edit) {
        return frame(0, frame -> plaintextFrame(edit.apply((ServerHello) decodePlaintext(frame))));
    }

    public static HandshakeMessage decodePlaintext(Bytes frame) {
        try {
            return HandshakeCodec.decode(frame.slice(Frame.HEADER_LENGTH, frame.length()));
        } catch (WireFormatException e) {
            throw new IllegalStateException("test frame does not decode", e);
        }
    }

    public static Bytes plaintextFrame(HandshakeMessage message) {
        return new Frame(FrameType.HANDSHAKE, HandshakeCodec.encode(message)).encode();
    }
}
