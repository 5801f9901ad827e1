package org.parley.e2ee.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.Fixtures.Device;
import org.parley.e2ee.envelope.Envelope;
import org.parley.e2ee.envelope.EnvelopeCodec;
import org.parley.e2ee.prekey.PrekeyKind;

class ConversationTest {
    private final SecureRandom random = Fixtures.random("conversation");

    @Test
    void aliceAndBobTalkBothWaysInEverySuiteAndTheRatchetTurns() throws Exception {
        for (E2eSuite suite : E2eSuite.values()) {
            Device alice = Fixtures.device("alice " + suite, List.of(suite));
            Device bob = Fixtures.device("bob " + suite, List.of(suite));
            Session aliceSession = SessionStart.initiate(alice.keys(), bob.verifiedBundle(), random);

            Bytes first = aliceSession.encrypt(Fixtures.text("hello bob", 1), random);
            SessionStart.Accepted accepted = SessionStart.accept(bob.keys(), bob.store(),
                    (Envelope.Prekey) EnvelopeCodec.decode(first), Optional.empty());
            Session bobSession = accepted.session();

            assertThat(accepted.firstMessage().text()).isEqualTo("hello bob");
            assertThat(accepted.info().suite()).isEqualTo(suite);
            assertThat(accepted.info().oneTimePrekeyUsed()).isTrue();
            for (int round = 0; round < 6; round++) {
                Bytes reply = bobSession.encrypt(Fixtures.text("bob " + round, 100 + round), random);
                assertThat(aliceSession.decrypt(reply).text()).isEqualTo("bob " + round);
                Bytes again = aliceSession.encrypt(Fixtures.text("alice " + round, 200 + round), random);
                assertThat(EnvelopeCodec.decode(again)).isInstanceOf(Envelope.Message.class);
                assertThat(bobSession.decrypt(again).text()).isEqualTo("alice " + round);
            }
            assertThat(aliceSession.view().dhSteps()).isGreaterThanOrEqualTo(12);
            assertThat(aliceSession.view().pqSteps()).isEqualTo(suite.postQuantumRatchet() ? 3 : 0);
            assertThat(bob.store().count(PrekeyKind.ONE_TIME_X25519)).isZero();
            assertThat(bob.store().count(PrekeyKind.ONE_TIME_MLKEM768)).isEqualTo(suite.postQuantumStart() ? 0 : 1);
        }
    }

    @Test
    void withEmptyPoolsTheSessionStillStartsAndBothSidesShowThatNoOneTimeKeyWasUsed() throws Exception {
        Device alice = Fixtures.device("alice empty pools");
        Device bob = Fixtures.device("bob empty pools");
        Session aliceSession = SessionStart.initiate(alice.keys(),
                org.parley.e2ee.prekey.VerifiedBundle.verify(bob.bundle(false, false), Optional.empty()), random);

        SessionStart.Accepted accepted = SessionStart.accept(bob.keys(), bob.store(),
                (Envelope.Prekey) EnvelopeCodec.decode(aliceSession.encrypt(Fixtures.text("hi", 1), random)),
                Optional.empty());

        assertThat(aliceSession.view().oneTimePrekeyUsed()).isFalse();
        assertThat(accepted.info().oneTimePrekeyUsed()).isFalse();
        assertThat(accepted.info().kemPrekey()).contains(PrekeyKind.LAST_RESORT_MLKEM768);
        assertThat(accepted.session().view().oneTimePrekeyUsed()).isFalse();
        assertThat(bob.store().count(PrekeyKind.LAST_RESORT_MLKEM768)).isEqualTo(1);
        assertThat(bob.store().count(PrekeyKind.ONE_TIME_X25519)).isEqualTo(1);
    }
}
