package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/** Client-side verifier creation and the server's checks on a {@link Register} request. */
class RegistrationTest {
    private static final Bytes SALT16 = Bytes.fromHex("00112233445566778899aabbccddeeff");

    private final SecretBytes password = Passwords.normalise("a long enough passphrase".toCharArray());

    @Test
    void acceptsVerifierMadeByTheClientHelper() {
        ScramVerifier verifier = ScramVerifier.create(ScramMechanism.SCRAM_SHA_512, password, TestBindings.seededRandom(9));

        Optional<RegistrationRejection> verdict = RegistrationValidator.check(new Register("alice", verifier, Optional.of("INV-1")));

        assertThat(verdict).isEmpty();
        assertThat(verifier.iterations()).isEqualTo(210_000);
        assertThat(verifier.storedKey().length()).isEqualTo(64);
        assertThat(verifier.serverKey().length()).isEqualTo(64);
        assertThat(verifier.toString()).doesNotContain(verifier.storedKey().toHex().substring(0, 16));
    }

    @Test
    void rejectsIterationsBelowTheMechanismMinimum() {
        assertThat(check(ScramMechanism.SCRAM_SHA_256, SALT16, 599_999, 32)).contains(RegistrationRejection.VERIFIER_INVALID);
        assertThat(check(ScramMechanism.SCRAM_SHA_512, SALT16, 209_999, 64)).contains(RegistrationRejection.VERIFIER_INVALID);
        assertThat(check(ScramMechanism.SCRAM_SHA_256, SALT16, 600_000, 32)).isEmpty();
    }

    @Test
    void rejectsSaltsShorterThanSixteenBytes() {
        assertThat(check(ScramMechanism.SCRAM_SHA_256, SALT16.slice(0, 15), 600_000, 32)).contains(RegistrationRejection.VERIFIER_INVALID);
        assertThat(check(ScramMechanism.SCRAM_SHA_256, Bytes.concat(SALT16, SALT16, SALT16, SALT16), 600_000, 32)).isEmpty();
    }

    @Test
    void rejectsKeysNotOfTheHashLength() {
        assertThat(check(ScramMechanism.SCRAM_SHA_256, SALT16, 600_000, 64)).contains(RegistrationRejection.VERIFIER_INVALID);
        assertThat(check(ScramMechanism.SCRAM_SHA_512, SALT16, 210_000, 32)).contains(RegistrationRejection.VERIFIER_INVALID);
    }

    @Test
    void rejectionReplyCarriesTheReason() throws Exception {
        AuthFailed reply = RegistrationValidator.rejection(RegistrationRejection.VERIFIER_INVALID);

        assertThat(ScramExchangeTest.viaWire(reply)).isEqualTo(
                new AuthFailed(AuthFailureCode.REGISTRATION_REJECTED, Optional.of(RegistrationRejection.VERIFIER_INVALID)));
    }

    private static Optional<RegistrationRejection> check(ScramMechanism mechanism, Bytes salt, int iterations, int keyLength) {
        Bytes key = Bytes.wrapOwned(new byte[keyLength]);
        return RegistrationValidator.check(new Register("alice",
                new ScramVerifier(mechanism, salt, iterations, key, key), Optional.empty()));
    }
}
