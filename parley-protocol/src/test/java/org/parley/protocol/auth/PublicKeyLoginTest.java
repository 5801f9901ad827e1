package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * Public-key login: signing on the client, verification against registered keys on the server,
 * with the crypto module's real signature schemes (Ed25519, ECDSA P-256, ML-DSA-65) through
 * {@link PublicKeyLoginVerifier#usingCryptoModule()}.
 */
class PublicKeyLoginTest {
    private static final Bytes BINDING_A = TestBindings.binding(0xA1);
    private static final Bytes BINDING_B = TestBindings.binding(0xB2);

    private final SecureRandom random = TestBindings.seededRandom(3);
    private final PublicKeyLoginVerifier verifier = PublicKeyLoginVerifier.usingCryptoModule();
    private final SigningKey aliceKey = SignatureAlgorithm.ED25519.create().generate(random);
    private final Set<RegisteredPublicKey> aliceKeys =
            Set.of(new RegisteredPublicKey(SignatureComponent.ED25519, aliceKey.publicKey()));

    @Test
    void loginWithRegisteredKeyAndMatchingBindingSucceeds() throws Exception {
        PublicKeyLogin login = PublicKeyLoginSigner.sign("alice", aliceKey, BINDING_A, random);

        ServerAuthStep step = verifier.verify((PublicKeyLogin) ScramExchangeTest.viaWire(login), BINDING_A, aliceKeys);

        assertThat(step).isEqualTo(new ServerAuthStep.Succeeded("alice", AuthMethod.PUBLIC_KEY,
                List.of(new AuthSucceeded("alice", AuthMethod.PUBLIC_KEY))));
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ML_DSA_65"})
    void otherAllowedAlgorithmsAreAccepted(SignatureAlgorithm algorithm) {
        SigningKey key = algorithm.create().generate(random);
        SignatureComponent component = SignatureComponent.valueOf(algorithm.name());
        PublicKeyLogin login = PublicKeyLoginSigner.sign("alice", key, BINDING_A, random);

        ServerAuthStep step = verifier.verify(login, BINDING_A, Set.of(new RegisteredPublicKey(component, key.publicKey())));

        assertThat(step).isInstanceOf(ServerAuthStep.Succeeded.class);
        assertThat(login.algorithm()).isEqualTo(component);
    }

    @Test
    void keyNotRegisteredForTheUserFails() {
        SigningKey mallory = SignatureAlgorithm.ED25519.create().generate(random);
        PublicKeyLogin login = PublicKeyLoginSigner.sign("alice", mallory, BINDING_A, random);

        ServerAuthStep step = verifier.verify(login, BINDING_A, aliceKeys);

        assertThat(step).isEqualTo(ScramExchangeTest.invalidCredentials(ServerAuthStep.Detail.KEY_NOT_REGISTERED));
    }

    @Test
    void signatureForAnotherConnectionFails() {
        PublicKeyLogin login = PublicKeyLoginSigner.sign("alice", aliceKey, BINDING_A, random);

        ServerAuthStep step = verifier.verify(login, BINDING_B, aliceKeys);

        assertThat(step).isEqualTo(ScramExchangeTest.invalidCredentials(ServerAuthStep.Detail.BAD_SIGNATURE));
    }

    @Test
    void signatureMovedToAnotherUsernameFails() {
        PublicKeyLogin signed = PublicKeyLoginSigner.sign("alice", aliceKey, BINDING_A, random);
        PublicKeyLogin renamed = new PublicKeyLogin("bob", signed.algorithm(), signed.publicKey(), signed.signature());
        // Even if the server had registered Alice's key for Bob too, the signature names Alice.
        ServerAuthStep step = verifier.verify(renamed, BINDING_A, aliceKeys);

        assertThat(step).isEqualTo(ScramExchangeTest.invalidCredentials(ServerAuthStep.Detail.BAD_SIGNATURE));
    }

    @Test
    void unknownUserWithNoKeysFailsWithTheSameReply() {
        PublicKeyLogin login = PublicKeyLoginSigner.sign("nobody", aliceKey, BINDING_A, random);

        ServerAuthStep step = verifier.verify(login, BINDING_A, Set.of());

        assertThat(step).isEqualTo(ScramExchangeTest.invalidCredentials(ServerAuthStep.Detail.KEY_NOT_REGISTERED));
    }

    @Test
    void algorithmNotAllowedForLoginFailsOnTheServerAsUnsupportedMethod() {
        SigningKey ed448 = SignatureAlgorithm.ED448.create().generate(random);
        Bytes signature = ed448.sign(PublicKeyLoginSigner.signedMessage("alice", SignatureComponent.ED448,
                ed448.publicKey(), BINDING_A), random);
        PublicKeyLogin login = new PublicKeyLogin("alice", SignatureComponent.ED448, ed448.publicKey(), signature);

        ServerAuthStep step = verifier.verify(login, BINDING_A,
                Set.of(new RegisteredPublicKey(SignatureComponent.ED448, ed448.publicKey())));

        assertThat(step).isEqualTo(new ServerAuthStep.Failed(AuthFailed.of(AuthFailureCode.UNSUPPORTED_METHOD),
                ServerAuthStep.Detail.UNSUPPORTED_ALGORITHM));
    }

    @ParameterizedTest
    @EnumSource(value = SignatureComponent.class, names = {"ED448", "ECDSA_P384_SHA384", "RSA_PSS_3072_SHA256"})
    void aDisallowedAlgorithmGetsTheSameAnswerWhateverTheAccountHolds(SignatureComponent algorithm) {
        SigningKey key = algorithm.algorithm().create().generate(random);
        Bytes signature = key.sign(PublicKeyLoginSigner.signedMessage("alice", algorithm, key.publicKey(), BINDING_A), random);
        PublicKeyLogin login = new PublicKeyLogin("alice", algorithm, key.publicKey(), signature);

        ServerAuthStep unknownUser = verifier.verify(login, BINDING_A, Set.of());
        ServerAuthStep knownUser = verifier.verify(login, BINDING_A, aliceKeys);
        ServerAuthStep keyOnRecord = verifier.verify(login, BINDING_A, Set.of(new RegisteredPublicKey(algorithm, key.publicKey())));

        assertThat(PublicKeyLoginVerifier.refuseAlgorithm(login)).contains((ServerAuthStep.Failed) unknownUser);
        assertThat(((ServerAuthStep.Failed) unknownUser).reply()).isEqualTo(AuthFailed.of(AuthFailureCode.UNSUPPORTED_METHOD));
        assertThat(knownUser).isEqualTo(unknownUser);
        assertThat(keyOnRecord).isEqualTo(unknownUser);
    }

    @Test
    void anAllowedAlgorithmIsNotRefusedBeforeTheAccountIsLookedUp() {
        PublicKeyLogin login = PublicKeyLoginSigner.sign("alice", aliceKey, BINDING_A, random);

        assertThat(PublicKeyLoginVerifier.refuseAlgorithm(login)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ED448", "ECDSA_P384_SHA384", "RSA_PSS_3072_SHA256"})
    void algorithmNotAllowedForLoginIsRefusedByTheSigner(SignatureAlgorithm algorithm) {
        SigningKey key = algorithm.create().generate(random);

        assertThatThrownBy(() -> PublicKeyLoginSigner.sign("alice", key, BINDING_A, random))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "ECDSA_P256_SHA256", "ML_DSA_65"})
    void signatureWithOneFlippedBitFails(SignatureAlgorithm algorithm) {
        SigningKey key = algorithm.create().generate(random);
        SignatureComponent component = SignatureComponent.valueOf(algorithm.name());
        PublicKeyLogin signed = PublicKeyLoginSigner.sign("alice", key, BINDING_A, random);
        byte[] tampered = signed.signature().toByteArray();
        tampered[tampered.length / 2] ^= 0x01;
        PublicKeyLogin login = new PublicKeyLogin("alice", component, key.publicKey(), Bytes.wrapOwned(tampered));

        ServerAuthStep step = verifier.verify(login, BINDING_A, Set.of(new RegisteredPublicKey(component, key.publicKey())));

        assertThat(step).isEqualTo(ScramExchangeTest.invalidCredentials(ServerAuthStep.Detail.BAD_SIGNATURE));
    }

    @Test
    void keyRegisteredUnderAnotherAlgorithmFails() {
        PublicKeyLogin signed = PublicKeyLoginSigner.sign("alice", aliceKey, BINDING_A, random);
        // Same key bytes registered as if they were an ECDSA key: the (algorithm, key) pair must match.
        Set<RegisteredPublicKey> wrongAlgorithm =
                Set.of(new RegisteredPublicKey(SignatureComponent.ECDSA_P256_SHA256, aliceKey.publicKey()));

        ServerAuthStep step = verifier.verify(signed, BINDING_A, wrongAlgorithm);

        assertThat(step).isEqualTo(ScramExchangeTest.invalidCredentials(ServerAuthStep.Detail.KEY_NOT_REGISTERED));
    }

    @Test
    void malformedPublicKeyFailsLikeABadSignature() {
        PublicKeyLogin signed = PublicKeyLoginSigner.sign("alice", aliceKey, BINDING_A, random);
        Bytes shortKey = signed.publicKey().slice(0, 31);
        PublicKeyLogin login = new PublicKeyLogin("alice", signed.algorithm(), shortKey, signed.signature());

        ServerAuthStep step = verifier.verify(login, BINDING_A, Set.of(new RegisteredPublicKey(SignatureComponent.ED25519, shortKey)));

        assertThat(step).isEqualTo(ScramExchangeTest.invalidCredentials(ServerAuthStep.Detail.BAD_SIGNATURE));
    }

    @Test
    void signedMessageHasTheDocumentedLayout() {
        Bytes key = Bytes.fromHex("0102");

        Bytes signed = PublicKeyLoginSigner.signedMessage("al", SignatureComponent.ED25519, key, BINDING_A);

        assertThat(signed).isEqualTo(Bytes.concat(Bytes.utf8("Parley v1 user login"), Bytes.fromHex("00"),
                Bytes.fromHex("02"), Bytes.utf8("al"), Bytes.fromHex("0101"), Bytes.fromHex("00020102"), BINDING_A));
    }
}
