package org.parley.protocol.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.parley.crypto.Bytes;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.InsecureSecretLog;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.identity.TrustOnFirstUse;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.SuitePreferences;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.InsecureDeterministicRandom;
import org.parley.protocol.testing.TestCredentials;

/**
 * Writes docs/test-vectors/LOGIN_messages.json: complete logins of PROTOCOL.md section 13 as the
 * real {@link ScramClient}, {@link ScramServer}, {@link PublicKeyLoginSigner} and
 * {@link PublicKeyLoginVerifier} run them ({@link LoginScramVectors}, {@link LoginKeyVectors}), and
 * exchanges they refuse ({@link LoginInvalidVectors}), and password changes of section 14.5
 * ({@link LoginPasswordChangeVectors}). All randomness comes from
 * {@link InsecureDeterministicRandom} streams handed to the public constructors; the channel
 * bindings are those of two handshake vectors of section 16.1.
 */
final class LoginVectorFile {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String NAME = "LOGIN_messages.json";
    /** The handshake whose channel binding the logins use, and the one standing in for another connection. */
    static final String CONNECTION = "PARLEY1_X25519_ED25519_CHACHA20POLY1305_SHA256";
    static final String OTHER_CONNECTION = "PARLEY1_P256_ECDSAP256_AES128GCM_SHA256";

    private LoginVectorFile() {
    }

    static Path path() {
        return Path.of(System.getProperty("parley.project.root", "..")).resolve("docs/test-vectors").resolve(NAME);
    }

    static String generate() throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("description", "docs/PROTOCOL.md section 13: complete logins (SCRAM-SHA-256 and SCRAM-SHA-512"
                + " with the parley-exporter channel binding, public-key login with each allowed algorithm,"
                + " registration), the password change of section 14.5, with every input and intermediate value,"
                + " then exchanges that one side must refuse."
                + " Generated and checked by LoginVectorsTest (parley-protocol), checked independently by"
                + " docs/test-vectors/check/check_login.py. Section 16.4 describes the fields.");
        root.put("messages", "each auth message of section 13.2 in wire order: 'hex' is the whole AuthMessage (type byte"
                + " and body), the plaintext of one application message of the secure channel (section 13.1), with no"
                + " record or length prefix around it; 'text' is the SCRAM text it carries.");
        Bytes binding = channelBinding(CONNECTION);
        Bytes other = channelBinding(OTHER_CONNECTION);
        ObjectNode connections = root.putObject("connections");
        connections.put("description", "every channel binding below is one of these two, the channel_binding of a"
                + " handshake vector of section 16.1: 'this' is the connection the logins run on, 'other' another one");
        connections.putObject("this").put("handshake_vector", CONNECTION + ".json").put("channel_binding", binding.toHex());
        connections.putObject("other").put("handshake_vector", OTHER_CONNECTION + ".json").put("channel_binding", other.toHex());
        root.set("scram", LoginScramVectors.logins(binding));
        root.set("public_key", LoginKeyVectors.logins(binding));
        root.set("registration", LoginScramVectors.registrations());
        root.set("password_change", LoginPasswordChangeVectors.all(binding, other));
        root.set("invalid", LoginInvalidVectors.all(binding, other));
        return JSON.writeValueAsString(root) + "\n";
    }

    /** The channel binding of the handshake vector {@code suiteName}, run as HandshakeVectorsTest runs it. */
    static Bytes channelBinding(String suiteName) {
        CipherSuite suite = CipherSuite.parse(suiteName).orElseThrow();
        String seed = "parley test vector " + suite.canonicalName();
        SuitePreferences only = SuitePreferences.only(suite);
        ChannelPair pair = new ChannelPair(
                SecureChannel.client(new ClientConfig(only, new TrustOnFirstUse(new InMemoryPinStore(), "vector", f -> true),
                        new InsecureDeterministicRandom(seed + " client"), RecordLimits.defaults(), InsecureSecretLog.NONE)),
                SecureChannel.server(new ServerConfig(only, TestCredentials.forAlgorithms(seed, suite.signature()),
                        new InsecureDeterministicRandom(seed + " server"), RecordLimits.defaults(), InsecureSecretLog.NONE)))
                .pump();
        return pair.client().session().orElseThrow().channelBinding();
    }

    /** A deterministic stream for one role of one vector. */
    static InsecureDeterministicRandom random(String vector, String role) {
        return new InsecureDeterministicRandom("parley login vector " + vector + " " + role);
    }

    /** The auth messages in wire order, each encoded by {@link AuthCodec} (and decoded back to itself). */
    static ArrayNode messages(List<AuthMessage> messages) {
        ArrayNode out = JSON.createArrayNode();
        for (AuthMessage message : messages) {
            Bytes encoded = AuthCodec.encode(message);
            try {
                if (!AuthCodec.decode(encoded).equals(message)) {
                    throw new AssertionError("does not decode to itself: " + message.type());
                }
            } catch (org.parley.protocol.alert.WireFormatException e) {
                throw new AssertionError(e);
            }
            ObjectNode entry = out.addObject();
            entry.put("from", switch (message.type()) {
                case SCRAM_CLIENT_FIRST, SCRAM_CLIENT_FINAL, PUBLIC_KEY_LOGIN, REGISTER -> "client";
                case SCRAM_SERVER_FIRST, SCRAM_SERVER_FINAL, AUTH_SUCCEEDED, AUTH_FAILED -> "server";
            });
            entry.put("type", message.type().name().toLowerCase(Locale.ROOT));
            switch (message) {
                case ScramClientFirst m -> entry.put("text", m.text());
                case ScramServerFirst m -> entry.put("text", m.text());
                case ScramClientFinal m -> entry.put("text", m.text());
                case ScramServerFinal m -> entry.put("text", m.text());
                case PublicKeyLogin _, Register _, AuthSucceeded _, AuthFailed _ -> { }
            }
            entry.put("hex", encoded.toHex());
        }
        return out;
    }

    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
