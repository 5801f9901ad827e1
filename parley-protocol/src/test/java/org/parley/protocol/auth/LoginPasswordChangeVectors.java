package org.parley.protocol.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatEventType;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ChatRequestType;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.wire.WireWriter;

/**
 * The password changes of LOGIN_messages.json (PROTOCOL.md 14.5): the proof from
 * {@link PasswordChangeProof#create}, checked with {@link PasswordChangeProof#verify} and the
 * new verifier with {@link RegistrationValidator}, in the order and with the answers of the
 * server's AccountRequests (parley-server, which this module cannot reach; its refusal texts are
 * repeated here). The chat messages are encoded by {@link ChatCodec}.
 */
final class LoginPasswordChangeVectors {
    private static final ScramMechanism SHA_256 = ScramMechanism.SCRAM_SHA_256;
    private static final String CURRENT = "pencil";
    private static final String NEW = "new pencil \u65b0";
    private static final long GET_ID = 7;
    private static final long CHANGE_ID = 8;

    private LoginPasswordChangeVectors() {
    }

    static ArrayNode all(Bytes binding, Bytes other) {
        ArrayNode out = LoginVectorFile.JSON.createArrayNode();
        out.add(change("password change accepted", CURRENT, binding, binding, SHA_256.defaultIterations()));
        out.add(change("password change with a wrong current password", "pencil2", binding, binding,
                SHA_256.defaultIterations()));
        out.add(change("password change proof bound to another connection", CURRENT, other, binding,
                SHA_256.defaultIterations()));
        out.add(change("password change to a verifier with too few iterations", CURRENT, binding, binding, 599_999));
        return out;
    }

    /**
     * The account's password is "pencil"; the client proves {@code proving} for {@code proofBinding}
     * on a connection bound to {@code binding}, for a new verifier with {@code newIterations}.
     */
    private static ObjectNode change(String vector, String proving, Bytes proofBinding, Bytes binding, int newIterations) {
        ScramVerifier current = ScramVerifier.create(SHA_256, password(CURRENT), LoginVectorFile.random(vector, "salt"));
        byte[] newSalt = new byte[ScramVerifier.SALT_LENGTH];
        LoginVectorFile.random(vector, "new salt").nextBytes(newSalt);
        ScramVerifier fresh = ScramVerifier.insecureForTests(SHA_256, password(NEW), Bytes.wrapOwned(newSalt), newIterations);
        Bytes proof = PasswordChangeProof.create(SHA_256, password(proving), current.salt(), current.iterations(),
                proofBinding, fresh);
        ChatRequest.GetPasswordParams get = new ChatRequest.GetPasswordParams(GET_ID);
        ChatEvent.PasswordParams params = new ChatEvent.PasswordParams(GET_ID, current.mechanism(), current.salt(),
                current.iterations());
        ChatRequest.ChangePassword request = new ChatRequest.ChangePassword(CHANGE_ID, proof, fresh);
        ChatEvent answer;
        if (!PasswordChangeProof.verify(current, request.currentProof(), binding, request.newVerifier())) {
            answer = new ChatEvent.Rejected(CHANGE_ID, ErrorCode.WRONG_PASSWORD, "the current password is not correct");
        } else if (RegistrationValidator.check(new Register("user", request.newVerifier(), Optional.empty())).isPresent()) {
            answer = new ChatEvent.Rejected(CHANGE_ID, ErrorCode.WEAK_VERIFIER,
                    "the new password verifier has too few iterations or a bad salt");
        } else {
            answer = new ChatEvent.Accepted(CHANGE_ID, 0);
        }

        ScramKeys keys = new ScramKeys(SHA_256);
        ObjectNode v = LoginVectorFile.JSON.createObjectNode();
        v.put("vector", vector);
        v.put("mechanism", LoginVectorFile.name(SHA_256));
        v.put("current_password", CURRENT);
        v.put("salt", current.salt().toHex());
        v.put("iterations", current.iterations());
        v.put("channel_binding", binding.toHex());
        try (SecretBytes salted = keys.saltedPassword(password(CURRENT), current.salt(), current.iterations());
             SecretBytes clientKey = keys.clientKey(salted)) {
            v.put("salted_password", Bytes.wrapOwned(salted.revealCopy()).toHex());
            v.put("client_key", Bytes.wrapOwned(clientKey.revealCopy()).toHex());
        }
        v.put("stored_key", current.storedKey().toHex());
        if (!proving.equals(CURRENT)) {
            v.put("proving_password", proving);
        }
        v.put("new_password", NEW);
        ObjectNode n = v.putObject("new_verifier");
        n.put("mechanism", LoginVectorFile.name(fresh.mechanism()));
        n.put("salt", fresh.salt().toHex());
        n.put("iterations", fresh.iterations());
        n.put("stored_key", fresh.storedKey().toHex());
        n.put("server_key", fresh.serverKey().toHex());
        WireWriter encoded = new WireWriter();
        ScramVerifierCodec.write(encoded, fresh);
        v.put("new_verifier_encoded", encoded.toBytes().toHex());
        v.put("proof_channel_binding", proofBinding.toHex());
        v.put("transcript", PasswordChangeProof.transcript(proofBinding, fresh).toHex());
        v.put("current_proof", proof.toHex());
        v.putArray("request_ids").add(GET_ID).add(CHANGE_ID);
        v.put("outcome", answer instanceof ChatEvent.Rejected r ? LoginVectorFile.name(r.code()) : "accepted");
        v.put("rejected_detail", answer instanceof ChatEvent.Rejected r ? r.detail() : null);
        ArrayNode messages = v.putArray("messages");
        add(messages, "client", ChatRequestType.of(get).name(), ChatCodec.encode(get));
        add(messages, "server", ChatEventType.of(params).name(), ChatCodec.encode(params));
        add(messages, "client", ChatRequestType.of(request).name(), ChatCodec.encode(request));
        add(messages, "server", ChatEventType.of(answer).name(), ChatCodec.encode(answer));
        return v;
    }

    private static void add(ArrayNode messages, String from, String type, Bytes hex) {
        ObjectNode entry = messages.addObject();
        entry.put("from", from);
        entry.put("type", type.toLowerCase(Locale.ROOT));
        entry.put("hex", hex.toHex());
    }

    private static SecretBytes password(String text) {
        return Passwords.normalise(text.toCharArray());
    }
}
