package org.parley.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.identity.TrustOnFirstUse;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameDecoder;
import org.parley.protocol.record.FrameType;
import org.parley.protocol.record.InnerRecord;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.RecordReader;
import org.parley.protocol.record.LabeledHkdf;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.record.RecordWriter;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.InsecureDeterministicRandom;
import org.parley.protocol.testing.TestCredentials;

/**
 * Established channel pairs for the batch-record tests, with the server's application traffic
 * secret captured from the client's secret log, so a test can also play a server that seals
 * malformed batch records under the right key ({@link #evilServer}). Test code only.
 */
final class BatchChannels {
    private final ChannelPair pair;
    private final CipherSuite suite;
    private SecretBytes serverSecret;

    BatchChannels(RecordLimits clientLimits, RecordLimits serverLimits, String seed) {
        var verifier = new TrustOnFirstUse(new InMemoryPinStore(), "test", fingerprint -> true);
        SecureChannel client = SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(), verifier,
                new InsecureDeterministicRandom(seed + " client"), clientLimits, (label, secret) -> {
                    if (label.equals("s ap traffic")) {
                        serverSecret = SecretBytes.copyOf(secret.revealCopy());
                    }
                }));
        SecureChannel server = SecureChannel.server(new ServerConfig(Preset.MODERN.preferences(),
                TestCredentials.all("batch-records"), new InsecureDeterministicRandom(seed + " server"), serverLimits));
        pair = new ChannelPair(client, server).pump();
        assertThat(client.state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        assertThat(server.state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        suite = client.session().orElseThrow().suite();
    }

    ChannelPair pair() {
        return pair;
    }

    SecureChannel client() {
        return pair.client();
    }

    SecureChannel server() {
        return pair.server();
    }

    /**
     * A second writer under the server's application key, at sequence 0: it plays the server for a
     * client that has not received an application record yet (the real server must not send then).
     */
    RecordWriter evilServer() {
        return new RecordWriter(new LabeledHkdf(suite.hash().algorithm().create()), suite.cipher().algorithm().create(),
                SecretBytes.copyOf(serverSecret.revealCopy()), RecordLimits.defaults());
    }

    /**
     * The inner types of {@code frames} (the server's first application records), read like a
     * passive observer holding the server's key would.
     */
    List<InnerType> innerTypes(List<Bytes> frames) throws org.parley.protocol.alert.ParleyException {
        return records(frames).stream().map(InnerRecord::type).toList();
    }

    /** The records in {@code frames}, opened as {@link #innerTypes} does. */
    List<InnerRecord> records(List<Bytes> frames) throws org.parley.protocol.alert.ParleyException {
        RecordReader reader = new RecordReader(new LabeledHkdf(suite.hash().algorithm().create()),
                suite.cipher().algorithm().create(), SecretBytes.copyOf(serverSecret.revealCopy()), RecordLimits.defaults());
        reader.acceptBatches(true);
        List<InnerRecord> records = new ArrayList<>();
        for (Bytes frame : frames) {
            InnerRecord record = reader.open(new Frame(FrameType.ENCRYPTED, frame.slice(Frame.HEADER_LENGTH, frame.length())));
            records.add(record);
            if (record.type() == InnerType.KEY_UPDATE) {
                reader.updateKeys();
            }
        }
        return records;
    }

    /** Seals {@code messages} with the server's {@link SecureChannel#send(List, ByteBuffer)}; returns its frames. */
    List<Bytes> serverSendsBatched(List<Bytes> messages) {
        int bound = server().sendBound(messages);
        ByteBuffer out = ByteBuffer.allocate(bound);
        server().send(messages, out);
        out.flip();
        return frames(out);
    }

    /** The frames in {@code wire}, whole. */
    static List<Bytes> frames(ByteBuffer wire) {
        FrameDecoder decoder = new FrameDecoder();
        List<Bytes> frames = new ArrayList<>();
        try {
            java.util.Optional<Frame> frame;
            while ((frame = decoder.decode(wire)).isPresent()) {
                frames.add(frame.get().encode());
            }
        } catch (org.parley.protocol.alert.ParleyException e) {
            throw new AssertionError("the sender wrote a malformed frame", e);
        }
        assertThat(wire.hasRemaining()).as("bytes after the last whole frame").isFalse();
        return frames;
    }

    /** Feeds {@code frames} to the client and returns the messages it delivered, in order. */
    List<Bytes> clientReceives(List<Bytes> frames) throws org.parley.protocol.alert.ParleyException {
        List<ChannelEvent> events = new ArrayList<>();
        for (Bytes frame : frames) {
            events.addAll(client().receive(frame.asReadOnlyBuffer()));
        }
        return ChannelPair.messages(events);
    }

    /** Channels whose client accepts batch records (the server may send them). */
    static BatchChannels acceptingBatches(String name) {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults(), RecordLimits.defaults(), name);
        channels.client().acceptBatchRecords();
        return channels;
    }

    /** {@code count} messages of {@code length} bytes, the i-th filled with the byte i + 1. */
    static List<Bytes> numberedMessages(int count, int length) {
        List<Bytes> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[length];
            java.util.Arrays.fill(bytes, (byte) (i + 1));
            messages.add(Bytes.wrapOwned(bytes));
        }
        return messages;
    }
}
