package org.parley.protocol.channel;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.record.BatchRecords;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.record.RecordWriter;

/**
 * The sending half of a {@link SecureChannel}: the queue of frames waiting for the transport
 * (handshake flights, KeyUpdates, alerts, messages sent with {@link #send(Bytes)}) and, once the
 * channel is established, the record writer that seals application messages, straight into a
 * transport's buffer when one is given. Whether the channel may send at all is the channel's
 * decision; this class only knows how.
 *
 * <p>Before every record it checks the write key's budget and sends a KeyUpdate first when it is
 * due, so a long message may have KeyUpdates between its fragments.
 *
 * <p>Not thread-safe, like its channel.
 */
final class ChannelOutbound {
    /** Sized for the common case: a flush drains it, so it rarely holds more than a few frames. */
    private final ArrayDeque<Bytes> queue = new ArrayDeque<>(4);
    private final int maxMessageSize;
    /** Null until the handshake completed. */
    private RecordWriter writer;
    private int keyUpdatesSent;

    ChannelOutbound(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** The handshake completed: application records are sealed by {@code established} from now on. */
    void established(RecordWriter established) {
        this.writer = established;
    }

    boolean hasKeys() {
        return writer != null;
    }

    void queue(Bytes frame) {
        queue.add(frame);
    }

    void queueAll(List<Bytes> frames) {
        queue.addAll(frames);
    }

    /** Frames to write to the transport, oldest first; the queue is empty afterwards. */
    List<Bytes> drain() {
        List<Bytes> frames = new ArrayList<>(queue);
        queue.clear();
        return frames;
    }

    /** Queues one application message, split into records of at most 16 KiB. */
    void send(Bytes message) {
        checkLength(message.length());
        ByteBuffer remaining = message.asReadOnlyBuffer();
        do {
            int chunk = Math.min(remaining.remaining(), RecordLimits.MAX_RECORD_CONTENT);
            boolean last = chunk == remaining.remaining();
            if (writer.keyUpdateDue()) {
                keyUpdate(false);
            }
            ByteBuffer fragment = remaining.slice(remaining.position(), chunk);
            remaining.position(remaining.position() + chunk);
            queue.add(writer.seal(last ? InnerType.APPLICATION_FINAL : InnerType.APPLICATION_CONTINUED, fragment));
        } while (remaining.hasRemaining());
    }

    /** See {@link SecureChannel#send(Bytes, ByteBuffer)}. */
    void send(Bytes message, ByteBuffer out) {
        if (out.remaining() < bound(message.length())) {
            throw new IllegalArgumentException("output buffer too small for a message of " + message.length() + " bytes");
        }
        moveQueued(out);
        ByteBuffer remaining = message.asReadOnlyBuffer();
        do {
            int chunk = Math.min(remaining.remaining(), RecordLimits.MAX_RECORD_CONTENT);
            boolean last = chunk == remaining.remaining();
            if (writer.keyUpdateDue()) {
                keyUpdate(false);
                moveQueued(out);
            }
            // The last (usually the only) record is sealed from the message's own view: no slice.
            ByteBuffer fragment = last ? remaining : remaining.slice(remaining.position(), chunk);
            if (!last) {
                remaining.position(remaining.position() + chunk);
            }
            writer.sealInto(last ? InnerType.APPLICATION_FINAL : InnerType.APPLICATION_CONTINUED, fragment, out);
        } while (remaining.hasRemaining());
    }

    /** See {@link SecureChannel#send(List, ByteBuffer)}. */
    void send(List<Bytes> messages, ByteBuffer out) {
        if (out.remaining() < bound(messages)) {
            throw new IllegalArgumentException("output buffer too small for a batch of " + messages.size() + " messages");
        }
        int from = 0;
        while (from < messages.size()) {
            int to = BatchRecords.runEnd(messages, from);
            if (to - from == 1) {
                send(messages.get(from), out);
            } else {
                moveQueued(out);
                if (writer.keyUpdateDue()) {
                    keyUpdate(false);
                    moveQueued(out);
                }
                writer.sealBatchInto(messages, from, to, out);
            }
            from = to;
        }
    }

    /** See {@link SecureChannel#sendBound(List)}. */
    int bound(List<Bytes> messages) {
        long bound = queuedBytes();
        int keyUpdateFrame = writer.frameLength(1);
        int from = 0;
        while (from < messages.size()) {
            int to = BatchRecords.runEnd(messages, from);
            if (to - from == 1) {
                // The queued frames are counted once above; the message's own records follow.
                bound += bound(messages.get(from).length()) - queuedBytes();
            } else {
                for (int i = from; i < to; i++) {
                    checkLength(messages.get(i).length());
                }
                bound += writer.frameLength(BatchRecords.contentLength(messages, from, to)) + keyUpdateFrame;
            }
            from = to;
        }
        return Math.toIntExact(bound);
    }

    /** See {@link SecureChannel#sendBound(int)}. */
    int bound(int messageLength) {
        checkLength(messageLength);
        long bound = queuedBytes();
        int keyUpdateFrame = writer.frameLength(1);
        int remaining = messageLength;
        do {
            int chunk = Math.min(remaining, RecordLimits.MAX_RECORD_CONTENT);
            bound += writer.frameLength(chunk) + keyUpdateFrame;
            remaining -= chunk;
        } while (remaining > 0);
        return Math.toIntExact(bound);
    }

    /** Queues a KeyUpdate (asking the peer to update too if {@code requestPeerUpdate}) and ratchets the write key. */
    void keyUpdate(boolean requestPeerUpdate) {
        queue.add(writer.seal(InnerType.KEY_UPDATE, Bytes.wrapOwned(new byte[] {(byte) (requestPeerUpdate ? 1 : 0)})));
        writer.updateKeys();
        keyUpdatesSent++;
    }

    /** Queues {@code alert} sealed under the current write key. */
    void alert(Alert alert) {
        queue.add(writer.seal(InnerType.ALERT, Bytes.wrapOwned(new byte[] {(byte) alert.code()})));
    }

    /** Wipes the write key; nothing can be sealed any more. */
    void destroy() {
        writer.destroy();
    }

    int keyUpdatesSent() {
        return keyUpdatesSent;
    }

    private void checkLength(int messageLength) {
        if (messageLength > maxMessageSize) {
            throw new IllegalArgumentException("message of " + messageLength + " bytes exceeds " + maxMessageSize);
        }
    }

    private long queuedBytes() {
        long bytes = 0;
        for (Bytes frame : queue) {
            bytes += frame.length();
        }
        return bytes;
    }

    private void moveQueued(ByteBuffer out) {
        Bytes frame;
        while ((frame = queue.poll()) != null) {
            frame.writeTo(out);
        }
    }
}
