package org.parley.e2ee.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.Kem;
import org.parley.crypto.KemKeyPair;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.envelope.PqField;
import org.parley.e2ee.envelope.RatchetMessage;

/**
 * The ML-KEM key pairs of the post-quantum step (docs/E2EE.md section 9.2) are destroyed once used:
 * the one generated for an offer once its seed is in the session state, the one restored from that
 * seed once the answer is decapsulated. Only the stored seed outlives the call.
 */
class PqKeyWipeTest {
    private final RecordingKem kem = new RecordingKem();
    private final Ratchet ratchet = new Ratchet(kem);

    @Test
    void theKeyPairOfAnOfferAndTheOneRestoredForItsAnswerAreDestroyedOnceUsed() throws Exception {
        Pair pair = Pair.established(E2eSuite.PQ_RATCHET, "pq key wipe");
        pair.aliceSession.decrypt(pair.bobSession.encrypt(Fixtures.text("b1", 1), pair.random));
        RatchetState alice = pair.aliceSession.state();
        RatchetState bob = pair.bobSession.state();

        RatchetMessage offer = ratchet.encrypt(alice, Bytes.utf8("offer"), pair.random);
        assertThat(offer.header().pq()).isInstanceOf(PqField.Offer.class);
        assertThat(kem.pairs).singleElement().satisfies(p -> assertThat(p.destroyed).isTrue());

        ratchet.decrypt(bob, offer);
        RatchetMessage answer = ratchet.encrypt(bob, Bytes.utf8("answer"), pair.random);
        assertThat(answer.header().pq()).isInstanceOf(PqField.Answer.class);
        assertThat(ratchet.decrypt(alice, answer)).isEqualTo(Bytes.utf8("answer"));

        assertThat(kem.pairs).hasSize(2).allSatisfy(p -> assertThat(p.destroyed).isTrue());
        assertThat(alice.pqSteps).isEqualTo(bob.pqSteps).isEqualTo(1);
    }

    /** ML-KEM-768 whose key pairs remember whether they were destroyed. */
    private static final class RecordingKem implements Kem {
        private final Kem real = Kem.mlKem768();
        final List<RecordedPair> pairs = new ArrayList<>();

        @Override
        public int encapsulationKeyLength() {
            return real.encapsulationKeyLength();
        }

        @Override
        public int ciphertextLength() {
            return real.ciphertextLength();
        }

        @Override
        public int seedLength() {
            return real.seedLength();
        }

        @Override
        public KemKeyPair generate(SecureRandom random) {
            return record(real.generate(random));
        }

        @Override
        public KemKeyPair restore(SecretBytes seed) throws InvalidKeyMaterialException {
            return record(real.restore(seed));
        }

        @Override
        public KeyExchange.Encapsulation encapsulate(Bytes encapsulationKey, SecureRandom random)
                throws InvalidKeyMaterialException {
            return real.encapsulate(encapsulationKey, random);
        }

        @Override
        public void checkEncapsulationKey(Bytes encapsulationKey) throws InvalidKeyMaterialException {
            real.checkEncapsulationKey(encapsulationKey);
        }

        @Override
        public SecretBytes decapsulate(KemKeyPair own, Bytes ciphertext) throws InvalidKeyMaterialException {
            return real.decapsulate(((RecordedPair) own).real, ciphertext);
        }

        private KemKeyPair record(KemKeyPair pair) {
            RecordedPair recorded = new RecordedPair(pair);
            pairs.add(recorded);
            return recorded;
        }
    }

    private static final class RecordedPair implements KemKeyPair {
        final KemKeyPair real;
        boolean destroyed;

        RecordedPair(KemKeyPair real) {
            this.real = real;
        }

        @Override
        public Bytes encapsulationKey() {
            return real.encapsulationKey();
        }

        @Override
        public SecretBytes seed() {
            return real.seed();
        }

        @Override
        public void destroy() {
            destroyed = true;
            real.destroy();
        }
    }
}
