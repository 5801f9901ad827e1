package org.parley.e2ee.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.Fixtures.Device;
import org.parley.e2ee.envelope.Envelope;
import org.parley.e2ee.envelope.EnvelopeCodec;
import org.parley.e2ee.envelope.MessageHeader;
import org.parley.e2ee.session.Session;
import org.parley.e2ee.session.SessionCodec;
import org.parley.e2ee.session.SessionStart;

/**
 * Fuzzes the envelope and header parsers and a live session with arbitrary bytes: they may fail
 * only with an {@link E2eeException}; whatever decodes re-encodes to exactly the input; a session
 * that refuses an input is byte for byte unchanged. In plain {@code mvn test} each target runs over
 * its seeds in {@code EnvelopeFuzzTestInputs/} (envelopes from docs/test-vectors); set
 * JAZZER_FUZZ=1 to fuzz (docs/FUZZING.md).
 */
class EnvelopeFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decodeEnvelopeFailsOnlyWithE2eeExceptionsAndRoundTrips(byte[] input) {
        Bytes encoded = Bytes.copyOf(input);
        try {
            Envelope envelope = EnvelopeCodec.decode(encoded);
            assertThat(EnvelopeCodec.encode(envelope)).isEqualTo(encoded);
        } catch (E2eeException expected) {
            assertThat(expected.error()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void decodeHeaderFailsOnlyWithE2eeExceptionsAndRoundTrips(byte[] input) {
        Bytes encoded = Bytes.copyOf(input);
        try {
            MessageHeader header = EnvelopeCodec.decodeHeader(encoded);
            assertThat(header.encode()).isEqualTo(encoded);
        } catch (E2eeException expected) {
            assertThat(expected.error()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void sessionRefusesHostileEnvelopesWithoutChangingState(byte[] input) throws E2eeException {
        SecureRandom random = Fixtures.random("fuzz session");
        Device alice = Fixtures.device("fuzz alice", List.of(E2eSuite.CLASSIC));
        Device bob = Fixtures.device("fuzz bob", List.of(E2eSuite.CLASSIC));
        Session aliceSession = SessionStart.initiate(alice.keys(), bob.verifiedBundle(), random);
        Bytes first = aliceSession.encrypt(Fixtures.text("first", 1), random);
        Session bobSession = SessionStart.accept(bob.keys(), bob.store(), (Envelope.Prekey) EnvelopeCodec.decode(first),
                Optional.empty()).session();
        Bytes before = Bytes.wrapOwned(SessionCodec.encode(bobSession).revealCopy());

        try {
            bobSession.decrypt(Bytes.copyOf(input));
        } catch (E2eeException refused) {
            assertThat(Bytes.wrapOwned(SessionCodec.encode(bobSession).revealCopy())).isEqualTo(before);
        }
    }
}
