package org.parley.protocol.handshake;

import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.record.RecordReader;
import org.parley.protocol.record.RecordWriter;
import org.parley.protocol.suite.CipherSuite;

/**
 * The result of a completed handshake: the suite, the application record layer for both
 * directions, the channel-binding value for user authentication, and what the server proved.
 *
 * @param channelBinding 32 bytes unique to this connection, for SCRAM and public-key login
 * @param steps every handshake message with its size, encryption and transcript hash (teaching view)
 */
public record Established(
        CipherSuite suite,
        RecordWriter writer,
        RecordReader reader,
        Bytes channelBinding,
        ServerIdentity serverIdentity,
        Fingerprint serverFingerprint,
        List<HandshakeStep> steps) {
}
