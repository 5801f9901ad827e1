package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.wire.WireWriter;

class PasswordChangeProofTest {
    private static final Bytes THIS_CONNECTION = TestBindings.binding(0x11);
    private static final Bytes OTHER_CONNECTION = TestBindings.binding(0x22);

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void aProofFromTheCurrentPasswordVerifiesForItsConnectionAndNewVerifierOnly(ScramMechanism mechanism) {
        ScramVerifier current = verifier(mechanism, "old password 1");
        ScramVerifier next = verifier(ScramMechanism.SCRAM_SHA_256, "new password 2");
        ScramVerifier otherNext = verifier(ScramMechanism.SCRAM_SHA_256, "attacker's choice");

        Bytes proof = proof(current, "old password 1", THIS_CONNECTION, next);

        assertThat(proof.length()).isEqualTo(mechanism.keyLength());
        assertThat(PasswordChangeProof.verify(current, proof, THIS_CONNECTION, next)).isTrue();
        assertThat(PasswordChangeProof.verify(current, proof, OTHER_CONNECTION, next)).as("replayed on another connection").isFalse();
        assertThat(PasswordChangeProof.verify(current, proof, THIS_CONNECTION, otherNext)).as("re-targeted").isFalse();
    }

    @Test
    void aProofFromAWrongPasswordDoesNotVerify() {
        ScramVerifier current = verifier(ScramMechanism.SCRAM_SHA_256, "old password 1");
        ScramVerifier next = verifier(ScramMechanism.SCRAM_SHA_256, "new password 2");

        Bytes proof = proof(current, "old password 2", THIS_CONNECTION, next);

        assertThat(PasswordChangeProof.verify(current, proof, THIS_CONNECTION, next)).isFalse();
    }

    @Test
    void aProofOfTheWrongLengthOrWithOneBitFlippedDoesNotVerify() {
        ScramVerifier current = verifier(ScramMechanism.SCRAM_SHA_256, "old password 1");
        ScramVerifier next = verifier(ScramMechanism.SCRAM_SHA_256, "new password 2");
        byte[] proof = proof(current, "old password 1", THIS_CONNECTION, next).toByteArray();
        proof[7] ^= 0x01;

        assertThat(PasswordChangeProof.verify(current, Bytes.wrapOwned(proof), THIS_CONNECTION, next)).isFalse();
        assertThat(PasswordChangeProof.verify(current, Bytes.copyOf(new byte[64]), THIS_CONNECTION, next)).isFalse();
        assertThat(PasswordChangeProof.verify(current, current.storedKey(), THIS_CONNECTION, next))
                .as("the stored key alone proves nothing").isFalse();
    }

    @Test
    void theTranscriptIsTheLabelTheChannelBindingAndTheEncodedNewVerifier() {
        ScramVerifier next = verifier(ScramMechanism.SCRAM_SHA_256, "new password 2");
        WireWriter encoded = new WireWriter();
        ScramVerifierCodec.write(encoded, next);

        Bytes transcript = PasswordChangeProof.transcript(THIS_CONNECTION, next);

        assertThat(transcript.slice(0, 25)).isEqualTo(Bytes.utf8("parley change-password v1"));
        assertThat(transcript.slice(25, 57)).isEqualTo(THIS_CONNECTION);
        assertThat(transcript.slice(57, transcript.length())).isEqualTo(encoded.toBytes());
    }

    @Test
    void aClientRefusesToDeriveAProofWithFewerIterationsThanTheMinimum() {
        ScramVerifier next = verifier(ScramMechanism.SCRAM_SHA_256, "new password 2");
        try (SecretBytes password = Passwords.normalise("old password 1".toCharArray())) {
            assertThatThrownBy(() -> PasswordChangeProof.create(ScramMechanism.SCRAM_SHA_256, password,
                    Bytes.fromHex("00".repeat(16)), 4096, THIS_CONNECTION, next))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iteration");
        }
    }

    private static ScramVerifier verifier(ScramMechanism mechanism, String password) {
        try (SecretBytes secret = Passwords.normalise(password.toCharArray())) {
            return ScramVerifier.create(mechanism, secret, TestBindings.seededRandom(password.hashCode()));
        }
    }

    private static Bytes proof(ScramVerifier current, String password, Bytes binding, ScramVerifier next) {
        try (SecretBytes secret = Passwords.normalise(password.toCharArray())) {
            return PasswordChangeProof.create(current.mechanism(), secret, current.salt(), current.iterations(), binding, next);
        }
    }
}
