package org.parley.protocol.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/**
 * The SCRAM logins and registrations of LOGIN_messages.json: each runs the real client against the
 * real server and lists every input, every value of RFC 5802 section 3 (from {@link ScramKeys}) and
 * every message; the login fails here unless both sides accept it.
 */
final class LoginScramVectors {
    private LoginScramVectors() {
    }

    /** One login: the name and password as typed, and the account's registered name. */
    private record Login(String vector, ScramMechanism mechanism, String typed, String password, String account) {
    }

    private static final List<Login> LOGINS = List.of(
            new Login("scram-sha-256 ascii", ScramMechanism.SCRAM_SHA_256, "user", "pencil", "user"),
            // Typed decomposed (E + U+0301) and in capitals: the client sends the NFC form, the
            // password is hashed in NFC, and the server answers with the registered spelling.
            new Login("scram-sha-256 non-ascii name and password typed decomposed", ScramMechanism.SCRAM_SHA_256,
                    "JOSE\u0301", "pa\u0301ssw\u006f\u0308rd \u5bc6\u8c08", "Jos\u00e9"),
            new Login("scram-sha-512 name with = and ,", ScramMechanism.SCRAM_SHA_512, "a=b,c", "correct horse battery staple",
                    "a=b,c"));

    static ArrayNode logins(Bytes binding) {
        ArrayNode out = LoginVectorFile.JSON.createArrayNode();
        for (Login login : LOGINS) {
            out.add(login(login, binding));
        }
        return out;
    }

    private static ObjectNode login(Login login, Bytes binding) {
        ScramMechanism mechanism = login.mechanism();
        SecretBytes password = Passwords.normalise(login.password().toCharArray());
        ScramVerifier verifier = ScramVerifier.create(mechanism, password, LoginVectorFile.random(login.vector(), "salt"));
        ScramClient client = ScramClient.start(mechanism, login.typed(), password, binding,
                LoginVectorFile.random(login.vector(), "client"));
        ScramServer server = ScramServer.create(binding, TestBindings.serverSecret(),
                LoginVectorFile.random(login.vector(), "server"));

        ScramClientFirst first = client.firstMessage();
        var lookUp = (ServerAuthStep.LookUpUser) server.receive(first);
        var serverFirst = (ServerAuthStep.Reply) server.userLookedUp(Optional.of(verifier));
        var clientFinal = (ScramClientStep.Send) client.receive(serverFirst.message());
        var verdict = (ServerAuthStep.Succeeded) server.receive(clientFinal.message());
        AuthMessage serverFinal = verdict.replies().getFirst();
        require(client.receive(serverFinal) instanceof ScramClientStep.ServerVerified, "server signature");
        // The server application answers with the account's registered spelling (13.7).
        AuthSucceeded succeeded = new AuthSucceeded(login.account(), mechanism.method());
        require(client.receive(succeeded).equals(new ScramClientStep.Authenticated(login.account(), mechanism.method())),
                "client accepts AuthSucceeded");
        require(lookUp.username().equals(Usernames.normalise(login.typed())), "looked-up name");

        String firstText = first.text();
        String serverFirstText = ((ScramServerFirst) serverFirst.message()).text();
        String finalText = ((ScramClientFinal) clientFinal.message()).text();
        String clientNonce = firstText.substring(firstText.lastIndexOf(",r=") + 3);
        String combined = serverFirstText.substring(2, serverFirstText.indexOf(','));
        String withoutProof = finalText.substring(0, finalText.lastIndexOf(",p="));
        String authMessage = firstText.substring(ScramClient.PARLEY_GS2_HEADER.length()) + "," + serverFirstText
                + "," + withoutProof;

        ScramKeys keys = new ScramKeys(mechanism);
        ObjectNode v = LoginVectorFile.JSON.createObjectNode();
        v.put("vector", login.vector());
        v.put("mechanism", LoginVectorFile.name(mechanism));
        v.put("username", login.typed());
        v.put("username_nfc", Usernames.normalise(login.typed()));
        v.put("password", login.password());
        v.put("account_name", login.account());
        v.put("salt", verifier.salt().toHex());
        v.put("iterations", verifier.iterations());
        v.put("client_nonce", clientNonce);
        v.put("server_nonce", combined.substring(clientNonce.length()));
        v.put("channel_binding", binding.toHex());
        try (SecretBytes salted = keys.saltedPassword(password, verifier.salt(), verifier.iterations());
             SecretBytes clientKey = keys.clientKey(salted)) {
            Bytes storedKey = keys.storedKey(clientKey);
            Bytes serverKey = keys.serverKey(salted);
            require(storedKey.equals(verifier.storedKey()) && serverKey.equals(verifier.serverKey()), "verifier");
            Bytes clientSignature = keys.signature(storedKey, authMessage);
            Bytes proof = Bytes.wrapOwned(ScramKeys.xor(clientKey.revealCopy(), clientSignature));
            Bytes serverSignature = keys.signature(serverKey, authMessage);
            require(finalText.equals(withoutProof + ",p=" + ScramText.base64(proof)), "proof in client-final");
            require(((ScramServerFinal) serverFinal).text().equals("v=" + ScramText.base64(serverSignature)), "server-final");
            v.put("salted_password", Bytes.wrapOwned(salted.revealCopy()).toHex());
            v.put("client_key", Bytes.wrapOwned(clientKey.revealCopy()).toHex());
            v.put("stored_key", storedKey.toHex());
            v.put("server_key", serverKey.toHex());
            v.put("auth_message", authMessage);
            v.put("client_signature", clientSignature.toHex());
            v.put("client_proof", proof.toHex());
            v.put("server_signature", serverSignature.toHex());
        }
        v.set("messages", LoginVectorFile.messages(List.of(first, serverFirst.message(), clientFinal.message(),
                serverFinal, succeeded)));
        return v;
    }

    /** One registration: the name, password and invite code. */
    private record Registration(String vector, ScramMechanism mechanism, String username, String password,
                                Optional<String> invite) {
    }

    static ArrayNode registrations() {
        ArrayNode out = LoginVectorFile.JSON.createArrayNode();
        for (Registration r : List.of(
                new Registration("register scram-sha-256 without invite", ScramMechanism.SCRAM_SHA_256, "\u674e\u534e",
                        "\u5bc6\u7801 secret", Optional.empty()),
                new Registration("register scram-sha-512 with invite", ScramMechanism.SCRAM_SHA_512, "carol",
                        "hunter2 hunter2", Optional.of("WELCOME-2026")))) {
            SecretBytes password = Passwords.normalise(r.password().toCharArray());
            ScramVerifier verifier = ScramVerifier.create(r.mechanism(), password, LoginVectorFile.random(r.vector(), "salt"));
            Register register = new Register(r.username(), verifier, r.invite());
            require(RegistrationValidator.check(register).isEmpty(), "registration accepted");
            ObjectNode v = out.addObject();
            v.put("vector", r.vector());
            v.put("mechanism", LoginVectorFile.name(r.mechanism()));
            v.put("username", r.username());
            v.put("password", r.password());
            v.put("salt", verifier.salt().toHex());
            v.put("iterations", verifier.iterations());
            try (SecretBytes salted = new ScramKeys(r.mechanism()).saltedPassword(password, verifier.salt(),
                    verifier.iterations())) {
                v.put("salted_password", Bytes.wrapOwned(salted.revealCopy()).toHex());
            }
            v.put("stored_key", verifier.storedKey().toHex());
            v.put("server_key", verifier.serverKey().toHex());
            v.put("invite_code", r.invite().orElse(null));
            v.set("messages", LoginVectorFile.messages(List.of(register,
                    new AuthSucceeded(r.username(), AuthMethod.REGISTRATION))));
        }
        return out;
    }

    static void require(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("login vector: " + what);
        }
    }
}
