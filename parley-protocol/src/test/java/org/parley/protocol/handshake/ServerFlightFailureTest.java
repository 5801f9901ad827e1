package org.parley.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.PeerAlertException;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.suite.SuitePreferences;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.TestCredentials;

/**
 * A server that fails while it answers the ClientHello has sent nothing yet, so the client has no
 * handshake keys: the alert is the plaintext frame {@code 15 00 01 <code>} (docs/PROTOCOL.md 5.10),
 * which the client can read, not a record under a key the client does not have.
 */
class ServerFlightFailureTest {

    @Test
    void aSigningFailureWhileAnsweringTheClientHelloIsAPlaintextInternalError() throws ParleyException {
        SigningKey real = TestCredentials.forAlgorithms("flight failure", SignatureComponent.ED25519)
                .keyFor(SignatureComponent.ED25519).orElseThrow();
        SigningKey failing = new SigningKey() {
            @Override
            public SignatureAlgorithm algorithm() {
                return real.algorithm();
            }

            @Override
            public Bytes publicKey() {
                return real.publicKey();
            }

            @Override
            public Bytes sign(Bytes message, SecureRandom random) {
                throw new IllegalStateException("signing device unavailable");
            }

            @Override
            public SecretBytes encodedPrivateKey() {
                return real.encodedPrivateKey();
            }
        };
        SuitePreferences prefs = SuitePreferences.only(CipherSuite.parse("PARLEY1_X25519_ED25519_AES256GCM_SHA256").orElseThrow());
        ChannelPair pair = new Connections(new ServerCredentials(Map.of(SignatureComponent.ED25519, failing)))
                .pair(prefs, prefs, RecordLimits.defaults(), "flight failure");
        Bytes clientHello = pair.client().drainOutbound().getFirst();

        assertThatThrownBy(() -> pair.server().receive(ByteBuffer.wrap(clientHello.toByteArray())))
                .isInstanceOf(IllegalStateException.class);
        List<Bytes> answer = pair.server().drainOutbound();

        assertThat(answer).containsExactly(Bytes.fromHex("150001" + "50"));
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThatThrownBy(() -> pair.client().receive(ByteBuffer.wrap(answer.getFirst().toByteArray())))
                .isInstanceOfSatisfying(PeerAlertException.class, e -> assertThat(e.alert()).isEqualTo(Alert.INTERNAL_ERROR));
    }
}
