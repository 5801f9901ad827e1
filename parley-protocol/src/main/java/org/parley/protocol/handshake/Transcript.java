package org.parley.protocol.handshake;

import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashFunction;
import org.parley.crypto.IncrementalHash;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.wire.WireWriter;

/**
 * The running hash of the handshake, the one place every message is added.
 *
 * <pre>
 *   TranscriptHash(.. M) = Hash( vector8(canonical suite name) || ClientHello || ServerHello || .. || M )
 * </pre>
 *
 * <p>The hash is only known once the ServerHello chooses it, so messages before that are buffered.
 * Mixing in the canonical suite name binds both sides to one reading of the negotiated suite.
 */
final class Transcript {
    private final List<Bytes> buffered = new ArrayList<>(2);
    private final List<HandshakeStep> steps = new ArrayList<>();
    private IncrementalHash running;

    /** Adds a whole encoded handshake message (header included). */
    void add(HandshakeType type, Bytes encodedMessage, boolean encrypted) {
        if (running == null) {
            buffered.add(encodedMessage);
            steps.add(new HandshakeStep(type, encodedMessage.length(), encrypted, Bytes.empty()));
        } else {
            running.update(encodedMessage);
            steps.add(new HandshakeStep(type, encodedMessage.length(), encrypted, running.snapshot()));
        }
    }

    /** Fixes the hash once the suite is known and feeds it everything buffered so far. */
    void begin(HashFunction hash, CipherSuite suite) {
        running = hash.start();
        running.update(new WireWriter().utf8Vector8(suite.canonicalName()).toBytes());
        List<HandshakeStep> earlier = new ArrayList<>(steps);
        steps.clear();
        for (int i = 0; i < buffered.size(); i++) {
            running.update(buffered.get(i));
            HandshakeStep step = earlier.get(i);
            steps.add(new HandshakeStep(step.type(), step.size(), step.encrypted(), running.snapshot()));
        }
        buffered.clear();
    }

    Bytes currentHash() {
        if (running == null) {
            throw new IllegalStateException("transcript hash not chosen yet");
        }
        return running.snapshot();
    }

    List<HandshakeStep> steps() {
        return List.copyOf(steps);
    }
}
