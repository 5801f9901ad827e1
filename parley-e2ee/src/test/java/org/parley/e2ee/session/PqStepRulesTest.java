package org.parley.e2ee.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.Kem;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.envelope.EnvelopeCodec;
import org.parley.e2ee.envelope.PqField;

/**
 * The post-quantum step's rules (docs/E2EE.md section 9.2), driven by a peer that breaks them:
 * each breach is a PROTOCOL_VIOLATION that leaves the receiving session unchanged.
 */
class PqStepRulesTest {

    @Test
    void anOfferRidesOnEveryMessageOfItsChainAndTheAnswerCompletesOneStepOnEachSide() throws Exception {
        Pair pair = Pair.established(E2eSuite.PQ_RATCHET, "pq rules");
        pair.aliceSession.decrypt(pair.bobSession.encrypt(Fixtures.text("b1", 1), pair.random));
        Bytes offer1 = pair.aliceSession.encrypt(Fixtures.text("a offers", 2), pair.random);
        Bytes offer2 = pair.aliceSession.encrypt(Fixtures.text("a offers again", 3), pair.random);

        assertThat(EnvelopeCodec.decode(offer1).message().header().pq()).isInstanceOf(PqField.Offer.class);
        assertThat(EnvelopeCodec.decode(offer2).message().header().pq()).isEqualTo(
                EnvelopeCodec.decode(offer1).message().header().pq());
        pair.bobSession.decrypt(offer2);
        pair.bobSession.decrypt(offer1);
        Bytes answer = pair.bobSession.encrypt(Fixtures.text("b answers", 4), pair.random);
        assertThat(EnvelopeCodec.decode(answer).message().header().pq()).isInstanceOf(PqField.Answer.class);
        pair.aliceSession.decrypt(answer);
        assertThat(pair.aliceSession.view().pqSteps()).isEqualTo(1);
        assertThat(pair.bobSession.view().pqSteps()).isEqualTo(1);
        assertThat(pair.aliceSession.view().pqOfferOutstanding()).isFalse();
    }

    @Test
    void aNewChainThatIgnoresAnOutstandingOfferIsAProtocolViolation() throws Exception {
        Pair pair = Pair.established(E2eSuite.PQ_RATCHET, "ignored offer");
        pair.aliceSession.decrypt(pair.bobSession.encrypt(Fixtures.text("b1", 1), pair.random));
        pair.bobSession.decrypt(pair.aliceSession.encrypt(Fixtures.text("a offers", 2), pair.random));
        pair.bobSession.state().peerOffer = null; // a peer that drops the offer

        Bytes unanswered = pair.bobSession.encrypt(Fixtures.text("no answer", 3), pair.random);

        refused(pair.aliceSession, unanswered, E2eeError.PROTOCOL_VIOLATION);
    }

    @Test
    void aPqFieldInTheClassicSuiteIsAProtocolViolation() throws Exception {
        Pair pair = Pair.established(E2eSuite.CLASSIC, "classic pq field");
        Bytes normal = pair.bobSession.encrypt(Fixtures.text("b1", 1), pair.random);
        pair.bobSession.state().sendPq = new PqField.Offer(Kem.mlKem768().generate(pair.random).encapsulationKey());
        Bytes withOffer = pair.bobSession.encrypt(Fixtures.text("b2", 2), pair.random);
        Pair fresh = Pair.established(E2eSuite.CLASSIC, "classic pq field");
        Bytes first = fresh.bobSession.encrypt(Fixtures.text("b1", 1), fresh.random);

        assertThat(first).isEqualTo(normal);
        refused(fresh.aliceSession, withOffer, E2eeError.PROTOCOL_VIOLATION);
        assertThat(fresh.aliceSession.decrypt(first).text()).isEqualTo("b1");
    }

    @Test
    void anOfferOfAnInvalidMlKemKeyIsRefusedOnArrivalSoItCannotStopTheReceiverFromSending() throws Exception {
        // A peer that offers an encapsulation key failing the FIPS 203 key check (a coefficient
        // >= q): kept, it would make every later send of the receiver on this session fail, and a
        // room member could so stop another member from sending its sender keys, hence from sending.
        Pair pair = Pair.established(E2eSuite.PQ_RATCHET, "invalid offer");
        pair.bobSession.encrypt(Fixtures.text("b1, lost", 1), pair.random);
        byte[] invalid = Kem.mlKem768().generate(pair.random).encapsulationKey().toByteArray();
        invalid[0] = (byte) 0xff;
        invalid[1] = (byte) 0x0f; // the first 12-bit coefficient is 4095
        pair.bobSession.state().sendPq = new PqField.Offer(Bytes.wrapOwned(invalid));
        Bytes withInvalidOffer = pair.bobSession.encrypt(Fixtures.text("b2", 2), pair.random);

        refused(pair.aliceSession, withInvalidOffer, E2eeError.INVALID_KEY);
        pair.aliceSession.encrypt(Fixtures.text("alice still sends", 3), pair.random);
    }

    private static void refused(Session session, Bytes envelope, E2eeError expected) {
        Bytes before = Pair.state(session);

        assertThatThrownBy(() -> session.decrypt(envelope)).isInstanceOfSatisfying(E2eeException.class,
                e -> assertThat(e.error()).isEqualTo(expected));
        assertThat(Pair.state(session)).isEqualTo(before);
    }
}
