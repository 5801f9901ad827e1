package org.parley.protocol.auth;

import java.util.Objects;
import org.parley.crypto.Bytes;
import org.parley.protocol.suite.SignatureComponent;

/** A public key the server has on record for a user, with its algorithm; input to {@link PublicKeyLoginVerifier}. */
public record RegisteredPublicKey(SignatureComponent algorithm, Bytes publicKey) {
    public RegisteredPublicKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
