package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SignatureScheme;
import org.parley.crypto.SigningKey;
import org.parley.crypto.VerificationKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The verifier keeps the keys of recent successful logins validated ({@link LoginKeyCache}): a
 * key is validated once while it stays cached, but its signature is always checked and it is
 * always looked up in the registry. Real Ed25519 keys; the scheme only counts validations.
 */
class RecentLoginKeysTest {
    private static final Bytes BINDING = TestBindings.binding(0xC3);
    private static final Bytes OTHER_BINDING = TestBindings.binding(0xD4);

    private final SecureRandom random = TestBindings.seededRandom(7);
    private final CountingScheme ed25519 = new CountingScheme(SignatureAlgorithm.ED25519.create());
    private final SigningKey aliceKey = ed25519.generate(random);
    private final Set<RegisteredPublicKey> registered = new HashSet<>(Set.of(registration(aliceKey)));

    @Test
    void aKeyThatLoggedInIsValidatedOnlyOnceForItsNextLogins() {
        PublicKeyLoginVerifier verifier = new PublicKeyLoginVerifier(algorithm -> ed25519, 8);

        for (int i = 0; i < 3; i++) {
            assertThat(verifier.verify(login(aliceKey, BINDING), BINDING, registered)).isInstanceOf(ServerAuthStep.Succeeded.class);
        }

        assertThat(ed25519.validations.get()).isEqualTo(1);
    }

    @Test
    void aCachedKeyStillNeedsAValidSignatureForThisConnection() {
        PublicKeyLoginVerifier verifier = new PublicKeyLoginVerifier(algorithm -> ed25519, 8);
        verifier.verify(login(aliceKey, BINDING), BINDING, registered);

        ServerAuthStep replayed = verifier.verify(login(aliceKey, OTHER_BINDING), BINDING, registered);

        assertThat(replayed).isInstanceOf(ServerAuthStep.Failed.class);
        assertThat(((ServerAuthStep.Failed) replayed).detail()).isEqualTo(ServerAuthStep.Detail.BAD_SIGNATURE);
    }

    @Test
    void aCachedKeyRemovedFromTheAccountIsRefused() {
        PublicKeyLoginVerifier verifier = new PublicKeyLoginVerifier(algorithm -> ed25519, 8);
        verifier.verify(login(aliceKey, BINDING), BINDING, registered);
        registered.clear();

        ServerAuthStep step = verifier.verify(login(aliceKey, BINDING), BINDING, registered);

        assertThat(step).isInstanceOf(ServerAuthStep.Failed.class);
        assertThat(((ServerAuthStep.Failed) step).detail()).isEqualTo(ServerAuthStep.Detail.KEY_NOT_REGISTERED);
    }

    @Test
    void aFailedLoginDoesNotKeepItsKey() {
        PublicKeyLoginVerifier verifier = new PublicKeyLoginVerifier(algorithm -> ed25519, 8);
        SigningKey mallory = ed25519.generate(random);

        verifier.verify(login(mallory, BINDING), BINDING, registered);
        verifier.verify(login(mallory, BINDING), BINDING, registered);
        verifier.verify(login(aliceKey, OTHER_BINDING), BINDING, registered);
        verifier.verify(login(aliceKey, OTHER_BINDING), BINDING, registered);

        assertThat(ed25519.validations.get()).isEqualTo(4);
    }

    @Test
    void theLeastRecentlyUsedKeyIsDroppedBeyondTheCapacity() {
        PublicKeyLoginVerifier verifier = new PublicKeyLoginVerifier(algorithm -> ed25519, 2);
        SigningKey bobKey = ed25519.generate(random);
        SigningKey carolKey = ed25519.generate(random);
        registered.add(registration(bobKey));
        registered.add(registration(carolKey));
        verifier.verify(login(aliceKey, BINDING), BINDING, registered);
        verifier.verify(login(bobKey, BINDING), BINDING, registered);
        verifier.verify(login(aliceKey, BINDING), BINDING, registered); // alice is now the most recent
        verifier.verify(login(carolKey, BINDING), BINDING, registered); // drops bob
        int afterFilling = ed25519.validations.get();

        verifier.verify(login(aliceKey, BINDING), BINDING, registered);
        verifier.verify(login(carolKey, BINDING), BINDING, registered);
        int afterHits = ed25519.validations.get();
        verifier.verify(login(bobKey, BINDING), BINDING, registered);

        assertThat(afterFilling).isEqualTo(3);
        assertThat(afterHits).isEqualTo(3);
        assertThat(ed25519.validations.get()).isEqualTo(4);
    }

    @Test
    void withNoCapacityEveryLoginValidatesItsKey() {
        PublicKeyLoginVerifier verifier = new PublicKeyLoginVerifier(algorithm -> ed25519, 0);

        verifier.verify(login(aliceKey, BINDING), BINDING, registered);
        ServerAuthStep second = verifier.verify(login(aliceKey, BINDING), BINDING, registered);

        assertThat(second).isInstanceOf(ServerAuthStep.Succeeded.class);
        assertThat(ed25519.validations.get()).isEqualTo(2);
    }

    private PublicKeyLogin login(SigningKey key, Bytes binding) {
        return PublicKeyLoginSigner.sign("alice", key, binding, random);
    }

    private static RegisteredPublicKey registration(SigningKey key) {
        return new RegisteredPublicKey(SignatureComponent.ED25519, key.publicKey());
    }

    /** The real scheme, counting how many keys it decoded and validated for verification. */
    private static final class CountingScheme implements SignatureScheme {
        private final SignatureScheme real;
        final AtomicInteger validations = new AtomicInteger();

        CountingScheme(SignatureScheme real) {
            this.real = real;
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return real.algorithm();
        }

        @Override
        public SigningKey generate(SecureRandom random) {
            return real.generate(random);
        }

        @Override
        public SigningKey restore(SecretBytes encodedPrivateKey) throws InvalidKeyMaterialException {
            return real.restore(encodedPrivateKey);
        }

        @Override
        public void checkPublicKey(Bytes publicKey) throws InvalidKeyMaterialException {
            real.checkPublicKey(publicKey);
        }

        @Override
        public boolean verify(Bytes publicKey, Bytes message, Bytes signature) throws InvalidKeyMaterialException {
            return real.verify(publicKey, message, signature);
        }

        @Override
        public VerificationKey verificationKey(Bytes publicKey) throws InvalidKeyMaterialException {
            validations.incrementAndGet();
            return real.verificationKey(publicKey);
        }
    }
}
