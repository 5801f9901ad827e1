package org.parley.protocol.auth;

import java.util.Objects;
import org.parley.crypto.Bytes;
import org.parley.protocol.suite.SignatureComponent;

/**
 * A login by signature: the client signs {@link PublicKeyLoginSigner#signedMessage} (user name,
 * algorithm, public key and this connection's channel binding) with a key registered for the user.
 *
 * <p>Field maxima: user name {@value Usernames#MAX_UTF8_LENGTH} bytes, public key
 * {@value AuthCodec#MAX_PUBLIC_KEY} bytes, signature {@value AuthCodec#MAX_SIGNATURE} bytes.
 */
public record PublicKeyLogin(String username, SignatureComponent algorithm, Bytes publicKey, Bytes signature)
        implements AuthMessage {
    public PublicKeyLogin {
        Usernames.requireValid(username);
        Objects.requireNonNull(algorithm, "algorithm");
        requireLength(publicKey, AuthCodec.MAX_PUBLIC_KEY, "public key");
        requireLength(signature, AuthCodec.MAX_SIGNATURE, "signature");
    }

    private static void requireLength(Bytes value, int max, String field) {
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(field + " must be 1.." + max + " bytes");
        }
    }

    @Override
    public AuthMessageType type() {
        return AuthMessageType.PUBLIC_KEY_LOGIN;
    }
}
