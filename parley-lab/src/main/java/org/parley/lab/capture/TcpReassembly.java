package org.parley.lab.capture;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.parley.crypto.Bytes;
import org.parley.lab.Phrase;
import org.parley.lab.net.CapturedFrame;
import org.parley.lab.net.Direction;
import org.parley.protocol.record.Frame;

/**
 * Rebuilds each TCP connection's two byte streams from its segments (in sequence order, ignoring
 * retransmitted bytes, holding out-of-order segments up to {@value #MAX_HELD} bytes per direction) and
 * cuts them into Parley frames (PROTOCOL.md 3.1). The client is the side that sent the SYN, or, in a
 * capture that started late, the side that sent the first data (a Parley client speaks first).
 * A stream whose bytes are no Parley frame is reported and left; so is a gap never filled.
 */
public final class TcpReassembly {
    public static final int MAX_HELD = 4 * 1024 * 1024;

    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final List<Phrase> notes = new ArrayList<>();
    private final List<Pending> frames = new ArrayList<>();

    private record Pending(Connection connection, String source, Bytes bytes) {
    }

    /** Adds the next segment of the capture. */
    public void add(TcpSegment segment) {
        String key = segment.source().compareTo(segment.destination()) < 0
                ? segment.source() + " " + segment.destination() : segment.destination() + " " + segment.source();
        Connection c = connections.computeIfAbsent(key, k -> new Connection(connections.size() + 1));
        Stream stream = c.streams.computeIfAbsent(segment.source(), s -> new Stream(c, s, segment.destination()));
        if (segment.syn()) {
            if (!segment.ack() && c.client.isEmpty()) {
                c.client = Optional.of(segment.source());
            }
            stream.next = Optional.of((segment.sequence() + 1) & 0xffffffffL);
            return;
        }
        if (segment.payload().length == 0) {
            return;
        }
        if (c.client.isEmpty()) {
            c.client = Optional.of(segment.source());
        }
        stream.receive(segment.sequence(), segment.payload());
    }

    /** The frames found, and notes on what could not be read. */
    public Capture finish() {
        for (Connection c : connections.values()) {
            for (Stream s : c.streams.values()) {
                s.finish();
            }
        }
        Map<String, Integer> indexes = new HashMap<>();
        List<CapturedFrame> out = new ArrayList<>();
        for (Pending p : frames) {
            Direction direction = p.connection.client.orElseThrow().equals(p.source)
                    ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            int index = indexes.merge(p.connection.id + " " + direction, 1, Integer::sum) - 1;
            out.add(new CapturedFrame(p.connection.id, direction, index, p.bytes));
        }
        return new Capture(out, notes);
    }

    private static final class Connection {
        final int id;
        final Map<String, Stream> streams = new HashMap<>();
        Optional<String> client = Optional.empty();

        Connection(int id) {
            this.id = id;
        }
    }

    private final class Stream {
        final Connection connection;
        final String source;
        final String destination;
        final TreeMap<Long, byte[]> held = new TreeMap<>();
        final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        Optional<Long> next = Optional.empty();
        long offset;
        long heldBytes;
        int frameCount;
        boolean stopped;

        Stream(Connection connection, String source, String destination) {
            this.connection = connection;
            this.source = source;
            this.destination = destination;
        }

        void receive(long sequence, byte[] payload) {
            if (stopped) {
                return;
            }
            long expected = next.orElse(sequence);
            int delta = (int) (sequence - expected);
            if (delta > 0) {
                if (heldBytes + payload.length > MAX_HELD) {
                    stop(Phrase.of("capture.gap-overflow", MAX_HELD));
                    return;
                }
                if (held.putIfAbsent(sequence, payload) == null) {
                    heldBytes += payload.length;
                }
                next = Optional.of(expected);
                return;
            }
            append(expected, payload, -delta);
            while (!stopped && !held.isEmpty()) {
                long at = next.orElseThrow();
                Map.Entry<Long, byte[]> first = held.firstEntry();
                int gap = (int) (first.getKey() - at);
                if (gap > 0) {
                    break;
                }
                held.pollFirstEntry();
                heldBytes -= first.getValue().length;
                append(at, first.getValue(), -gap);
            }
        }

        private void append(long expected, byte[] payload, int alreadySeen) {
            if (alreadySeen >= payload.length) {
                next = Optional.of(expected);
                return;
            }
            partial.write(payload, alreadySeen, payload.length - alreadySeen);
            next = Optional.of((expected + payload.length - alreadySeen) & 0xffffffffL);
            cutFrames();
        }

        private void cutFrames() {
            byte[] bytes = partial.toByteArray();
            int at = 0;
            while (bytes.length - at >= Frame.HEADER_LENGTH) {
                int type = bytes[at] & 0xff;
                int length = ((bytes[at + 1] & 0xff) << 8) | (bytes[at + 2] & 0xff);
                if (type < 0x15 || type > 0x17 || length > Frame.MAX_PAYLOAD) {
                    stop(frameCount == 0
                            ? Phrase.of("capture.not-parley", String.format("%02x", type),
                                    String.format("%02x", bytes[at + 1] & 0xff), String.format("%02x", bytes[at + 2] & 0xff))
                            : Phrase.of("capture.no-frame-header", offset + at, String.format("%02x", type), length));
                    return;
                }
                if (bytes.length - at < Frame.HEADER_LENGTH + length) {
                    break;
                }
                byte[] frame = java.util.Arrays.copyOfRange(bytes, at, at + Frame.HEADER_LENGTH + length);
                frames.add(new Pending(connection, source, Bytes.wrapOwned(frame)));
                frameCount++;
                at += frame.length;
            }
            offset += at;
            partial.reset();
            partial.write(bytes, at, bytes.length - at);
        }

        void finish() {
            if (stopped) {
                return;
            }
            if (!held.isEmpty()) {
                note(Phrase.of("capture.gap", heldBytes, offset + partial.size()));
            } else if (partial.size() > 0) {
                note(Phrase.of("capture.ends-inside-frame", partial.size(), offset));
            }
        }

        private void stop(Phrase reason) {
            stopped = true;
            note(reason);
        }

        private void note(Phrase reason) {
            notes.add(Phrase.of("capture.connection", connection.id, source, destination, reason.nested()));
        }
    }
}
