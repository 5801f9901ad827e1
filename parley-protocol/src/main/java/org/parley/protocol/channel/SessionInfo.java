package org.parley.protocol.channel;

import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.handshake.HandshakeStep;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.SignatureComponent;

/**
 * What a completed handshake established, for display and for the layers above.
 *
 * @param channelBinding 32 bytes unique to this connection; user authentication signs or MACs it
 * @param steps the handshake messages with sizes, encryption flags and transcript hashes (the teaching
 *     view of the client; a server channel keeps them only in its {@link ChannelEvent.HandshakeCompleted}
 *     event, see {@link SecureChannel#session()})
 */
public record SessionInfo(
        CipherSuite suite,
        SignatureComponent serverKeyAlgorithm,
        Bytes serverPublicKey,
        Fingerprint serverFingerprint,
        Bytes channelBinding,
        List<HandshakeStep> steps) {

    public SessionInfo {
        steps = List.copyOf(steps);
    }

    /** The same session facts without the handshake steps. */
    public SessionInfo withoutSteps() {
        return new SessionInfo(suite, serverKeyAlgorithm, serverPublicKey, serverFingerprint, channelBinding, List.of());
    }
}
