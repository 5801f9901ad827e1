package org.parley.lab.net;

import java.security.SecureRandom;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;

/**
 * The attacker's trick for a pinned client: present the real server's public key (anyone who ever
 * connected has seen it) but sign with the attacker's own private key, since the real one is not
 * at hand. The pin then matches; only the signature over the transcript can tell.
 */
public final class BorrowedPublicKey implements SigningKey {
    private final Bytes borrowed;
    private final SigningKey own;

    /** Claims {@code borrowed} while signing with a fresh key of {@code algorithm}. */
    public BorrowedPublicKey(SignatureAlgorithm algorithm, Bytes borrowed) {
        this.borrowed = borrowed;
        this.own = algorithm.create().generate(new SecureRandom());
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return own.algorithm();
    }

    @Override
    public Bytes publicKey() {
        return borrowed;
    }

    @Override
    public Bytes sign(Bytes message, SecureRandom random) {
        return own.sign(message, random);
    }

    @Override
    public SecretBytes encodedPrivateKey() {
        return own.encodedPrivateKey();
    }

    @Override
    public String toString() {
        return "BorrowedPublicKey[" + own.algorithm() + "]";
    }
}
