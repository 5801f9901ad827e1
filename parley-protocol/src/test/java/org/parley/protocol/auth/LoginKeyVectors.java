package org.parley.protocol.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.parley.crypto.Bytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The public-key logins of LOGIN_messages.json, one per algorithm section 13.5 allows: the key is
 * generated from a deterministic stream, signed by {@link PublicKeyLoginSigner} and accepted by
 * {@link PublicKeyLoginVerifier#usingCryptoModule()} with the key registered.
 */
final class LoginKeyVectors {
    private LoginKeyVectors() {
    }

    static ArrayNode logins(Bytes binding) {
        ArrayNode out = LoginVectorFile.JSON.createArrayNode();
        List<SignatureComponent> allowed = List.of(SignatureComponent.ED25519, SignatureComponent.ECDSA_P256_SHA256,
                SignatureComponent.ML_DSA_65);
        LoginScramVectors.require(Set.copyOf(allowed).equals(PublicKeyLoginSigner.ALLOWED_ALGORITHMS), "allowed algorithms");
        for (SignatureComponent algorithm : allowed) {
            out.add(login("public-key login " + algorithm.label(), algorithm, "\u5c0f\u660e", binding));
        }
        return out;
    }

    static SigningKey key(String vector, SignatureComponent algorithm) {
        return algorithm.algorithm().create()
                .generate(LoginVectorFile.random(vector, "key"));
    }

    private static ObjectNode login(String vector, SignatureComponent algorithm, String username, Bytes binding) {
        SigningKey key = key(vector, algorithm);
        PublicKeyLogin login = PublicKeyLoginSigner.sign(username, key, binding, LoginVectorFile.random(vector, "signature"));
        var verdict = PublicKeyLoginVerifier.usingCryptoModule().verify(login, binding,
                Set.of(new RegisteredPublicKey(algorithm, key.publicKey())));
        LoginScramVectors.require(verdict instanceof ServerAuthStep.Succeeded, "key login accepted");
        AuthSucceeded succeeded = new AuthSucceeded(username, AuthMethod.PUBLIC_KEY);
        ObjectNode v = LoginVectorFile.JSON.createObjectNode();
        v.put("vector", vector);
        v.put("algorithm", algorithm.label());
        v.put("algorithm_code", algorithm.code());
        v.put("username", username);
        v.put("account_name", username);
        v.put("private_key", Bytes.wrapOwned(key.encodedPrivateKey().revealCopy()).toHex());
        v.put("public_key", key.publicKey().toHex());
        v.put("channel_binding", binding.toHex());
        v.put("signed_content", PublicKeyLoginSigner.signedMessage(username, algorithm, key.publicKey(), binding).toHex());
        v.put("signature", login.signature().toHex());
        v.set("messages", LoginVectorFile.messages(List.of(login, succeeded)));
        return v;
    }
}
