package org.parley.e2ee.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;

class SessionCodecTest {

    @Test
    void aStoredSessionWithSkippedKeysAndAnOpenPqOfferCarriesOnAfterRestoring() throws Exception {
        Pair pair = Pair.established(E2eSuite.PQ_RATCHET, "codec");
        pair.aliceSession.decrypt(pair.bobSession.encrypt(Fixtures.text("b1", 1), pair.random));
        pair.bobSession.decrypt(pair.aliceSession.encrypt(Fixtures.text("offer", 2), pair.random));
        Bytes late = pair.bobSession.encrypt(Fixtures.text("late", 3), pair.random);
        Bytes answer = pair.bobSession.encrypt(Fixtures.text("answer", 4), pair.random);
        assertThat(pair.aliceSession.view().pqOfferOutstanding()).isTrue();

        Session restored = SessionCodec.decode(SessionCodec.encode(pair.aliceSession));

        assertThat(Pair.state(restored)).isEqualTo(Pair.state(pair.aliceSession));
        assertThat(restored.view()).isEqualTo(pair.aliceSession.view());
        assertThat(restored.decrypt(answer).text()).isEqualTo("answer");
        assertThat(restored.decrypt(late).text()).isEqualTo("late");
        assertThat(restored.view().pqSteps()).isEqualTo(1);
        assertThat(pair.bobSession.decrypt(restored.encrypt(Fixtures.text("on", 5), pair.random)).text()).isEqualTo("on");
    }

    @Test
    void aDamagedStoredSessionIsMalformed() throws Exception {
        Pair pair = Pair.established(E2eSuite.CLASSIC, "codec damage");
        byte[] stored = SessionCodec.encode(pair.aliceSession).revealCopy();

        assertThatThrownBy(() -> SessionCodec.decode(SecretBytes.copyOf(stored, 0, stored.length - 1)))
                .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.MALFORMED));
    }
}
