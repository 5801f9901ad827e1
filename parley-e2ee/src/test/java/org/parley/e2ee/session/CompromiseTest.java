package org.parley.e2ee.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.envelope.InnerMessage;

/**
 * Forward secrecy and post-compromise security (issue 8 section 7), with the thief holding a copy
 * of the device's stored session state.
 */
class CompromiseTest {

    @Test
    void aStateStolenAfterAMessageWasReadCannotReadThatRecordedMessageAgain() throws Exception {
        Pair pair = Pair.established(E2eSuite.PQ_RATCHET, "forward secrecy");
        Bytes recorded = pair.bobSession.encrypt(Fixtures.text("secret", 1), pair.random);
        Bytes later = pair.bobSession.encrypt(Fixtures.text("later", 2), pair.random);
        pair.aliceSession.decrypt(recorded);

        Session stolen = Pair.stolen(pair.aliceSession);

        assertThatThrownBy(() -> stolen.decrypt(recorded)).isInstanceOfSatisfying(E2eeException.class,
                e -> assertThat(e.error()).isEqualTo(E2eeError.DUPLICATE_MESSAGE));
        assertThat(stolen.decrypt(later).text()).as("the stolen copy is a working state").isEqualTo("later");
    }

    @Test
    void aStolenStateReadsTheCurrentChainButNothingAfterOneDhRoundTrip() throws Exception {
        Pair pair = Pair.established(E2eSuite.CLASSIC, "post-compromise");
        pair.aliceSession.decrypt(pair.bobSession.encrypt(Fixtures.text("b1", 1), pair.random));
        Session stolen = Pair.stolen(pair.aliceSession);

        Bytes sameChain = pair.bobSession.encrypt(Fixtures.text("same chain", 2), pair.random);
        pair.aliceSession.decrypt(sameChain);
        pair.bobSession.decrypt(pair.aliceSession.encrypt(Fixtures.text("alice turns", 3), pair.random));
        Bytes afterRoundTrip = pair.bobSession.encrypt(Fixtures.text("healed", 4), pair.random);

        assertThat(stolen.decrypt(sameChain).text()).isEqualTo("same chain");
        assertThatThrownBy(() -> stolen.decrypt(afterRoundTrip)).isInstanceOfSatisfying(E2eeException.class,
                e -> assertThat(e.error()).isEqualTo(E2eeError.AUTHENTICATION_FAILED));
        assertThat(pair.aliceSession.decrypt(afterRoundTrip).text()).isEqualTo("healed");
    }

    @Test
    void anAttackerWhoBreaksX25519FollowsTheClassicRatchetButNotAPostQuantumStep() throws Exception {
        assertThat(attackerReadsAfterTurns(E2eSuite.PQ_START, 6)).as("pq-start: X25519 breaker keeps reading")
                .isEqualTo(6);
        // Alice's first turn after the theft offers an ML-KEM key (her 2nd sending chain); Bob's reply answers it.
        assertThat(attackerReadsAfterTurns(E2eSuite.PQ_RATCHET, 6)).as("pq-ratchet: lost at the first PQ step")
                .isZero();
    }

    /**
     * The attacker steals Alice's state, then learns every X25519 ratchet key Alice draws (but none
     * of her ML-KEM randomness) and replays Alice's life on its copy. Returns how many of Bob's
     * replies (one per round trip) it still decrypts.
     */
    private static int attackerReadsAfterTurns(E2eSuite suite, int turns) throws Exception {
        Pair pair = Pair.established(suite, "x25519 breaker " + suite);
        SecureRandom unrelated = Fixtures.random("attacker's guesses");
        pair.aliceSession.decrypt(pair.bobSession.encrypt(Fixtures.text("b0", 0), pair.random));
        Session attacker = Pair.stolen(pair.aliceSession);
        int read = 0;
        for (int turn = 1; turn <= turns; turn++) {
            InnerMessage fromAlice = Fixtures.text("a" + turn, 10 + turn);
            RecordingRandom aliceRandom = new RecordingRandom(pair.random);
            pair.bobSession.decrypt(pair.aliceSession.encrypt(fromAlice, aliceRandom));
            attacker.encrypt(fromAlice, aliceRandom.x25519PartOnly(unrelated));
            Bytes reply = pair.bobSession.encrypt(Fixtures.text("b" + turn, 20 + turn), pair.random);
            pair.aliceSession.decrypt(reply);
            try {
                attacker.decrypt(reply);
                read++;
            } catch (E2eeException lost) {
                return read;
            }
        }
        return read;
    }
}
