package org.parley.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.HandshakeException;
import org.parley.protocol.alert.PeerAlertException;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.ServerKeyVerifier;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.InsecureDeterministicRandom;
import org.parley.protocol.testing.TestCredentials;

/**
 * A {@link ServerKeyVerifier} whose {@code handshakeCompleted} throws (trust on first use whose pin
 * store cannot write its file): the client's handshake fails like any local failure, typed
 * {@code internal_error}, with the alert sent under the handshake key, every secret wiped, and its
 * Finished never sent (docs/PROTOCOL.md 5.10).
 */
class VerifierCompletionFailureTest {

    /** Accepts every key; fails where trust on first use would write its pin. */
    private static final class FailingToPin implements ServerKeyVerifier {
        @Override
        public void verify(SignatureComponent algorithm, Bytes publicKey) {
        }

        @Override
        public void handshakeCompleted(SignatureComponent algorithm, Bytes publicKey) {
            throw new UncheckedIOException(new IOException("known_servers: no space left on device"));
        }
    }

    @Test
    void aVerifierThatFailsOnCompletionFailsTheHandshakeWithInternalError() {
        RecordLimits limits = RecordLimits.defaults();
        ChannelPair pair = new ChannelPair(
                SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(), new FailingToPin(),
                        new InsecureDeterministicRandom("pin fails client"), limits)),
                SecureChannel.server(new ServerConfig(Preset.MODERN.preferences(), TestCredentials.all("pin fails"),
                        new InsecureDeterministicRandom("pin fails server"), limits)));

        pair.pump();

        assertThat(pair.clientFailure()).isInstanceOfSatisfying(HandshakeException.class,
                e -> assertThat(e.alert()).isEqualTo(Alert.INTERNAL_ERROR));
        assertThat(pair.client().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(pair.client().holdsHandshake()).isFalse();
        assertThat(pair.client().session()).isEmpty();
        // The server got the client's alert, sealed under the client's handshake key, and never its Finished.
        assertThat(pair.serverFailure()).isInstanceOfSatisfying(PeerAlertException.class,
                e -> assertThat(e.alert()).isEqualTo(Alert.INTERNAL_ERROR));
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(pair.serverEvents()).isEmpty();
    }
}
