package org.parley.protocol.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The refused exchanges of LOGIN_messages.json. Each is run against the real side that must refuse
 * it, and the file states what that side does: the server's AuthFailed (hex), or the client's
 * {@link ScramClientStep.Reason} (the client sends nothing, 13.4). {@code case} names the step.
 */
final class LoginInvalidVectors {
    private static final ScramMechanism SHA_256 = ScramMechanism.SCRAM_SHA_256;
    private static final String USER = "user";
    private static final String PASSWORD = "pencil";

    private LoginInvalidVectors() {
    }

    static ArrayNode all(Bytes binding, Bytes other) {
        ArrayNode out = LoginVectorFile.JSON.createArrayNode();
        out.add(atFinal("scram wrong password", binding, binding, "pencil2"));
        out.add(atFinal("scram proof bound to another connection", binding, other, PASSWORD));
        out.add(unknownUser("scram-sha-256 unknown user", ScramMechanism.SCRAM_SHA_256, "NoBody", binding));
        out.add(unknownUser("scram-sha-512 unknown user", ScramMechanism.SCRAM_SHA_512, "nobody", binding));
        for (String[] c : new String[][] {
                {"scram gs2 flag n (no channel binding)", "n,,"},
                {"scram gs2 flag y", "y,,"},
                {"scram gs2 binding type tls-exporter", "p=tls-exporter,,"},
                {"scram authorization identity", "p=parley-exporter,a=bob,"}}) {
            out.add(clientFirst(c[0], c[1], binding));
        }
        String salt = "W22ZaJ0SNY7soEsUEjb6gQ==";
        String serverNonce = "3rfcNHYJY1ZVvWVs7j";
        out.add(serverFirst("scram server nonce does not extend the client's", "rOprNGfwEbeRWgbNEkqO", "", salt, "600000",
                binding));
        out.add(serverFirst("scram server nonce equal to the client's", "", "", salt, "600000", binding));
        out.add(serverFirst("scram server nonce with a space", "", "3rfc NHYJY1ZVvWVs7j", salt, "600000", binding));
        out.add(serverFirst("scram iterations below the minimum", "", serverNonce, salt, "599999", binding));
        out.add(serverFirst("scram iterations above 10,000,000", "", serverNonce, salt, "10000001", binding));
        out.add(serverFirst("scram iterations with a leading zero", "", serverNonce, salt, "0600000", binding));
        out.add(serverFirst("scram salt in non-canonical base64", "", serverNonce, "W22ZaJ0SNY7soEsUEjb6gR==", "600000",
                binding));
        out.add(wrongServerSignature("scram server signature of another key", binding));
        String xiaoming = "\u5c0f\u660e";
        out.add(keyLogin("public-key login signature over another connection's binding", SignatureComponent.ED25519,
                xiaoming, xiaoming, other, binding, AuthFailureCode.INVALID_CREDENTIALS));
        out.add(keyLogin("public-key login signature moved to another user name", SignatureComponent.ED25519,
                "\u5c0f\u7ea2", xiaoming, binding, binding, AuthFailureCode.INVALID_CREDENTIALS));
        out.add(keyLogin("public-key login with Ed448, not allowed for login", SignatureComponent.ED448,
                xiaoming, xiaoming, binding, binding, AuthFailureCode.UNSUPPORTED_METHOD));
        out.add(register("register iterations below the minimum", 16, 599_999));
        out.add(register("register salt of 8 bytes", 8, SHA_256.defaultIterations()));
        return out;
    }

    /** A client with {@code clientPassword} on a connection bound to {@code clientBinding} against the verifier of "pencil". */
    private static ObjectNode atFinal(String vector, Bytes serverBinding, Bytes clientBinding, String clientPassword) {
        ScramVerifier verifier = ScramVerifier.create(SHA_256, password(PASSWORD), LoginVectorFile.random(vector, "salt"));
        ScramClient client = ScramClient.start(SHA_256, USER, password(clientPassword), clientBinding,
                LoginVectorFile.random(vector, "client"));
        ScramServer server = ScramServer.create(serverBinding, TestBindings.serverSecret(), LoginVectorFile.random(vector, "server"));
        ScramClientFirst first = client.firstMessage();
        server.receive(first);
        AuthMessage serverFirst = ((ServerAuthStep.Reply) server.userLookedUp(Optional.of(verifier))).message();
        AuthMessage clientFinal = ((ScramClientStep.Send) client.receive(serverFirst)).message();
        var failed = (ServerAuthStep.Failed) server.receive(clientFinal);
        String text = ((ScramServerFirst) serverFirst).text();
        String clientNonce = first.text().substring(first.text().lastIndexOf(",r=") + 3);
        ObjectNode v = start(vector, "server_reads_client_final");
        v.put("mechanism", LoginVectorFile.name(SHA_256));
        v.put("username", USER);
        v.put("client_nonce", clientNonce);
        v.put("password", PASSWORD);
        v.put("client_password", clientPassword);
        v.put("salt", verifier.salt().toHex());
        v.put("iterations", verifier.iterations());
        v.put("stored_key", verifier.storedKey().toHex());
        v.put("server_key", verifier.serverKey().toHex());
        v.put("server_nonce", text.substring(2 + clientNonce.length(), text.indexOf(',')));
        v.put("channel_binding", serverBinding.toHex());
        v.put("client_channel_binding", clientBinding.toHex());
        return server(v, List.of(first, serverFirst, clientFinal), failed);
    }

    /** A login as {@code name}, which has no account: the server answers with its fake salt (13.4). */
    private static ObjectNode unknownUser(String vector, ScramMechanism mechanism, String name, Bytes binding) {
        ScramClient client = ScramClient.start(mechanism, name, password(PASSWORD), binding,
                LoginVectorFile.random(vector, "client"));
        ScramServer server = ScramServer.create(binding, TestBindings.serverSecret(), LoginVectorFile.random(vector, "server"));
        ScramClientFirst first = client.firstMessage();
        server.receive(first);
        AuthMessage serverFirst = ((ServerAuthStep.Reply) server.userLookedUp(Optional.empty())).message();
        AuthMessage clientFinal = ((ScramClientStep.Send) client.receive(serverFirst)).message();
        var failed = (ServerAuthStep.Failed) server.receive(clientFinal);
        String text = ((ScramServerFirst) serverFirst).text();
        String clientNonce = first.text().substring(first.text().lastIndexOf(",r=") + 3);
        ObjectNode v = start(vector, "server_reads_client_final");
        v.put("mechanism", LoginVectorFile.name(mechanism));
        v.put("username", name);
        v.put("client_nonce", clientNonce);
        v.put("server_secret", Bytes.wrapOwned(TestBindings.serverSecret().revealCopy()).toHex());
        v.put("client_password", PASSWORD);
        String salt = text.substring(text.indexOf(",s=") + 3, text.indexOf(",i="));
        v.put("salt", Bytes.wrapOwned(Base64.getDecoder().decode(salt)).toHex());
        v.put("iterations", Integer.parseInt(text.substring(text.indexOf(",i=") + 3)));
        v.put("server_nonce", text.substring(2 + clientNonce.length(), text.indexOf(',')));
        v.put("channel_binding", binding.toHex());
        return server(v, List.of(first, serverFirst, clientFinal), failed);
    }

    /** A client-first with {@code gs2Header} in place of Parley's, from an honest client's nonce. */
    private static ObjectNode clientFirst(String vector, String gs2Header, Bytes binding) {
        String honest = ScramClient.start(SHA_256, USER, password(PASSWORD), binding,
                LoginVectorFile.random(vector, "client")).firstMessage().text();
        ScramClientFirst first = new ScramClientFirst(SHA_256,
                gs2Header + honest.substring(ScramClient.PARLEY_GS2_HEADER.length()));
        var failed = (ServerAuthStep.Failed) ScramServer.create(binding, TestBindings.serverSecret(),
                LoginVectorFile.random(vector, "server")).receive(first);
        ObjectNode v = start(vector, "server_reads_client_first");
        v.put("mechanism", LoginVectorFile.name(SHA_256));
        v.put("gs2_header", gs2Header);
        v.put("username", USER);
        v.put("client_nonce", honest.substring(honest.lastIndexOf(",r=") + 3));
        return server(v, List.of(first), failed);
    }

    /**
     * A server-first "r=&lt;before&gt;&lt;c-nonce&gt;&lt;after&gt;,s=&lt;salt&gt;,i=&lt;iterations&gt;" with the
     * attribute values written as given, to the client that sent the c-nonce.
     */
    private static ObjectNode serverFirst(String vector, String before, String after, String salt, String iterations,
                                          Bytes binding) {
        ScramClient client = ScramClient.start(SHA_256, USER, password(PASSWORD), binding, LoginVectorFile.random(vector, "client"));
        ScramClientFirst first = client.firstMessage();
        String clientNonce = first.text().substring(first.text().lastIndexOf(",r=") + 3);
        String nonce = before + clientNonce + after;
        ScramServerFirst serverFirst = new ScramServerFirst("r=" + nonce + ",s=" + salt + ",i=" + iterations);
        var failed = (ScramClientStep.Failed) client.receive(serverFirst);
        ObjectNode v = start(vector, "client_reads_server_first");
        v.put("mechanism", LoginVectorFile.name(SHA_256));
        v.put("username", USER);
        v.put("client_nonce", clientNonce);
        v.put("server_first_nonce", nonce);
        v.put("server_first_salt", salt);
        v.put("server_first_iterations", iterations);
        return client(v, List.of(first, serverFirst), failed.reason());
    }

    /** A server that knows StoredKey (so the proof checks) but not the ServerKey of "pencil". */
    private static ObjectNode wrongServerSignature(String vector, Bytes binding) {
        ScramVerifier verifier = ScramVerifier.create(SHA_256, password(PASSWORD), LoginVectorFile.random(vector, "salt"));
        ScramVerifier forged = new ScramVerifier(SHA_256, verifier.salt(), verifier.iterations(), verifier.storedKey(),
                Bytes.wrapOwned(new byte[32]));
        ScramClient client = ScramClient.start(SHA_256, USER, password(PASSWORD), binding, LoginVectorFile.random(vector, "client"));
        ScramServer server = ScramServer.create(binding, TestBindings.serverSecret(), LoginVectorFile.random(vector, "server"));
        ScramClientFirst first = client.firstMessage();
        server.receive(first);
        AuthMessage serverFirst = ((ServerAuthStep.Reply) server.userLookedUp(Optional.of(forged))).message();
        AuthMessage clientFinal = ((ScramClientStep.Send) client.receive(serverFirst)).message();
        AuthMessage serverFinal = ((ServerAuthStep.Succeeded) server.receive(clientFinal)).replies().getFirst();
        var failed = (ScramClientStep.Failed) client.receive(serverFinal);
        String clientNonce = first.text().substring(first.text().lastIndexOf(",r=") + 3);
        String text = ((ScramServerFirst) serverFirst).text();
        ObjectNode v = start(vector, "client_reads_server_final");
        v.put("mechanism", LoginVectorFile.name(SHA_256));
        v.put("username", USER);
        v.put("client_nonce", clientNonce);
        v.put("password", PASSWORD);
        v.put("salt", verifier.salt().toHex());
        v.put("iterations", verifier.iterations());
        v.put("server_nonce", text.substring(2 + clientNonce.length(), text.indexOf(',')));
        v.put("channel_binding", binding.toHex());
        v.put("server_key_used", forged.serverKey().toHex());
        return client(v, List.of(first, serverFirst, clientFinal, serverFinal), failed.reason());
    }

    /**
     * A PublicKeyLogin for {@code username} carrying a signature (Ed25519 or Ed448, deterministic)
     * over the content of 13.5 for {@code signedName} and {@code signedBinding}, sent on the
     * connection bound to {@code binding}.
     */
    private static ObjectNode keyLogin(String vector, SignatureComponent algorithm, String username, String signedName,
                                       Bytes signedBinding, Bytes binding, AuthFailureCode code) {
        SigningKey key = LoginKeyVectors.key("public-key login " + algorithm.label(), algorithm);
        Bytes signature = key.sign(PublicKeyLoginSigner.signedMessage(signedName, algorithm, key.publicKey(), signedBinding),
                LoginVectorFile.random(vector, "signature"));
        PublicKeyLogin login = new PublicKeyLogin(username, algorithm, key.publicKey(), signature);
        AuthFailed expected = AuthFailed.of(code);
        // Even with the offered key registered for the name, the server refuses.
        ServerAuthStep verdict = PublicKeyLoginVerifier.usingCryptoModule().verify(login, binding,
                Set.of(new RegisteredPublicKey(login.algorithm(), login.publicKey())));
        LoginScramVectors.require(((ServerAuthStep.Failed) verdict).reply().equals(expected), vector + ": " + verdict);
        ObjectNode v = start(vector, "server_reads_public_key_login");
        v.put("username", username);
        v.put("algorithm", algorithm.label());
        v.put("private_key", Bytes.wrapOwned(key.encodedPrivateKey().revealCopy()).toHex());
        v.put("signed_username", signedName);
        v.put("signed_channel_binding", signedBinding.toHex());
        v.put("channel_binding", binding.toHex());
        return server(v, List.of(login), (ServerAuthStep.Failed) verdict);
    }

    private static ObjectNode register(String vector, int saltLength, int iterations) {
        Bytes salt = Bytes.wrapOwned(new byte[saltLength]);
        ScramVerifier verifier = ScramVerifier.insecureForTests(SHA_256, password(PASSWORD), salt, iterations);
        Register register = new Register("dave", verifier, Optional.empty());
        AuthFailed reply = RegistrationValidator.rejection(RegistrationValidator.check(register).orElseThrow());
        ObjectNode v = start(vector, "server_reads_register");
        v.put("mechanism", LoginVectorFile.name(SHA_256));
        v.put("username", register.username());
        v.put("password", PASSWORD);
        v.put("salt", salt.toHex());
        v.put("iterations", iterations);
        v.put("invite_code", (String) null);
        return server(v, List.of(register), reply, Optional.empty());
    }

    private static ObjectNode start(String vector, String step) {
        ObjectNode v = LoginVectorFile.JSON.createObjectNode();
        v.put("vector", vector);
        v.put("case", step);
        return v;
    }

    private static ObjectNode server(ObjectNode v, List<AuthMessage> messages, ServerAuthStep.Failed failed) {
        return server(v, messages, failed.reply(), Optional.of(failed.detail()));
    }

    /** {@code detail} is the server's own reason (its log's), which 13.4 and 13.5 name but the wire does not carry. */
    private static ObjectNode server(ObjectNode v, List<AuthMessage> messages, AuthFailed reply,
                                     Optional<ServerAuthStep.Detail> detail) {
        v.set("messages", LoginVectorFile.messages(messages));
        v.put("refused_by", "server");
        v.put("outcome", LoginVectorFile.name(reply.code()));
        reply.registrationRejection().ifPresent(r -> v.put("rejection", LoginVectorFile.name(r)));
        detail.ifPresent(d -> v.put("detail", LoginVectorFile.name(d)));
        v.put("server_answer", AuthCodec.encode(reply).toHex());
        return v;
    }

    private static ObjectNode client(ObjectNode v, List<AuthMessage> messages, ScramClientStep.Reason reason) {
        v.set("messages", LoginVectorFile.messages(messages));
        v.put("refused_by", "client");
        v.put("outcome", LoginVectorFile.name(reason));
        return v;
    }

    private static SecretBytes password(String text) {
        return Passwords.normalise(text.toCharArray());
    }
}
