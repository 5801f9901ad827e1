package org.parley.server.testing;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.handshake.InsecureSecretLog;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameDecoder;
import org.parley.protocol.record.InnerRecord;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.LabeledHkdf;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.record.RecordReader;
import org.parley.protocol.suite.CipherSuite;

/**
 * Counts the inner types of the records a server sends a {@link TestClient} after the handshake,
 * by opening a copy of every frame with a second reader under the server's application key
 * (captured through the client's test-only secret log): what a passive observer holding that key
 * would see, e.g. whether any batch record was sent. Test code only.
 */
final class InnerTypeTap implements InsecureSecretLog {
    private final Map<InnerType, AtomicLong> counts = new ConcurrentHashMap<>();
    private final FrameDecoder decoder = new FrameDecoder();
    private volatile SecretBytes serverSecret;
    private RecordReader reader;

    @Override
    public void log(String label, SecretBytes secret) {
        if (label.equals("s ap traffic")) {
            serverSecret = SecretBytes.copyOf(secret.revealCopy());
        }
    }

    /** Opens the frames in {@code bytes}, all sent by the server after the handshake; reader thread only. */
    void observe(CipherSuite suite, ByteBuffer bytes) throws ParleyException {
        if (reader == null) {
            reader = new RecordReader(new LabeledHkdf(suite.hash().algorithm().create()), suite.cipher().algorithm().create(),
                    serverSecret, RecordLimits.defaults());
            reader.acceptBatches(true);
        }
        Optional<Frame> frame;
        while ((frame = decoder.decode(bytes)).isPresent()) {
            InnerRecord record = reader.open(frame.get());
            counts.computeIfAbsent(record.type(), type -> new AtomicLong()).incrementAndGet();
            if (record.type() == InnerType.KEY_UPDATE) {
                reader.updateKeys();
            }
        }
    }

    long count(InnerType type) {
        AtomicLong count = counts.get(type);
        return count == null ? 0 : count.get();
    }
}
