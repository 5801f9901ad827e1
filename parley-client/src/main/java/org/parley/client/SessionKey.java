package org.parley.client;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The in-memory Ed25519 login key a {@link ParleySession} logs in again with after a lost
 * connection, so the password is never kept.
 *
 * <p><b>Security.</b> Generated after the first login and registered on the account
 * ({@code AddLoginKey}); the private half exists only in this process's memory and is never
 * written anywhere. A clean close removes the public half from the account again; if the process
 * dies first, the registered public key is useless to anyone else.
 */
final class SessionKey {
    private final SigningKey key = SignatureAlgorithm.ED25519.create().generate(new SecureRandom());

    /** Registers the public half on the account of {@code client}. */
    CompletableFuture<Void> register(ParleyClient client) {
        return client.addLoginKey(SignatureComponent.ED25519, key.publicKey());
    }

    /** The public half as the account lists it. */
    RegisteredPublicKey registered() {
        return new RegisteredPublicKey(SignatureComponent.ED25519, key.publicKey());
    }

    /** Removes the public half from the account again (at a clean close). */
    CompletableFuture<Void> unregister(ParleyClient client) {
        return client.removeLoginKey(SignatureComponent.ED25519, key.publicKey());
    }

    /** Logs a fresh connection in as {@code user}. */
    CompletableFuture<String> logIn(ParleyClient client, String user) {
        return client.loginWithKey(user, key);
    }
}
