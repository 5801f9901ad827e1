package org.parley.protocol.auth;

import java.security.SecureRandom;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.HashFunction;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SignatureScheme;
import org.parley.crypto.SigningKey;

/**
 * A test-only stand-in for a signature scheme, used because the crypto module's signature
 * implementations were not available in this branch yet ({@code SignatureAlgorithm.create()}
 * threw {@link UnsupportedOperationException}).
 *
 * <p>NOT a signature scheme: a "signature" is SHA-256(public key || message) and the public key
 * is SHA-256 of the private key, so anyone can forge one. It is deterministic and binds the
 * public key and message, which is all the login protocol tests need (a wrong key, message or
 * binding gives a different value). Public keys must be 32 bytes, mimicking Ed25519's check.
 */
final class FakeSignatureSchemeForTests implements SignatureScheme {
    private final SignatureAlgorithm algorithm;
    private final HashFunction sha256 = HashAlgorithm.SHA256.create();

    FakeSignatureSchemeForTests(SignatureAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public SigningKey generate(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new FakeKey(SecretBytes.wrapOwned(secret));
    }

    @Override
    public SigningKey restore(SecretBytes encodedPrivateKey) {
        return new FakeKey(encodedPrivateKey);
    }

    @Override
    public void checkPublicKey(Bytes publicKey) throws InvalidKeyMaterialException {
        if (publicKey.length() != 32) {
            throw new InvalidKeyMaterialException("fake public keys are 32 bytes");
        }
    }

    @Override
    public boolean verify(Bytes publicKey, Bytes message, Bytes signature) throws InvalidKeyMaterialException {
        checkPublicKey(publicKey);
        return sha256.digest(Bytes.concat(publicKey, message)).constantTimeEquals(signature);
    }

    private final class FakeKey implements SigningKey {
        private final SecretBytes secret;
        private final Bytes publicKey;

        FakeKey(SecretBytes secret) {
            this.secret = secret;
            this.publicKey = sha256.digest(Bytes.wrapOwned(secret.revealCopy()));
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return algorithm;
        }

        @Override
        public Bytes publicKey() {
            return publicKey;
        }

        @Override
        public Bytes sign(Bytes message, SecureRandom random) {
            return sha256.digest(Bytes.concat(publicKey, message));
        }

        @Override
        public SecretBytes encodedPrivateKey() {
            return SecretBytes.copyOf(secret.revealCopy());
        }
    }
}
