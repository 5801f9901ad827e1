package org.parley.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.identity.TrustOnFirstUse;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.SuitePreferences;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.InsecureDeterministicRandom;
import org.parley.protocol.testing.TestCredentials;

/**
 * The published byte-exact handshake vectors in docs/test-vectors/ are what this implementation
 * produces today. Regenerate them deliberately (after a reviewed wire or key-schedule change) with
 * {@code -Dparley.vectors.update=true}.
 */
class HandshakeVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "PARLEY1_X25519MLKEM768_ED25519_AES256GCM_SHA384",
        "PARLEY1_X25519_ED25519_CHACHA20POLY1305_SHA256",
        "PARLEY1_P256_ECDSAP256_AES128GCM_SHA256",
        "PARLEY1_X448_ED448_AES256CTR+HMACSHA256_SHA512",
        "PARLEY1_X25519MLKEM768_MLDSA65_AES256GCM_SHA384"})
    void publishedVectorMatchesTheImplementationByteForByte(String suiteName) throws IOException {
        String generated = generate(CipherSuite.parse(suiteName).orElseThrow());
        Path file = vectorDirectory().resolve(suiteName.replace('+', '-') + ".json");

        if (Boolean.getBoolean("parley.vectors.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }

        assertThat(file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(generated);
    }

    private static Path vectorDirectory() {
        return Path.of(System.getProperty("parley.project.root", "..")).resolve("docs/test-vectors");
    }

    private static String generate(CipherSuite suite) throws IOException {
        String seed = "parley test vector " + suite.canonicalName();
        ServerCredentials credentials = TestCredentials.forAlgorithms(seed, suite.signature());
        SigningKey serverKey = credentials.keyFor(suite.signature()).orElseThrow();
        Map<String, String> secrets = new LinkedHashMap<>();
        InsecureSecretLog log = (label, secret) -> secrets.put(label, Bytes.wrapOwned(secret.revealCopy()).toHex());
        SuitePreferences only = SuitePreferences.only(suite);
        ChannelPair pair = new ChannelPair(
                SecureChannel.client(new ClientConfig(only, new TrustOnFirstUse(new InMemoryPinStore(), "vector", f -> true),
                        new InsecureDeterministicRandom(seed + " client"), RecordLimits.defaults(), log)),
                SecureChannel.server(new ServerConfig(only, credentials,
                        new InsecureDeterministicRandom(seed + " server"), RecordLimits.defaults(), InsecureSecretLog.NONE)))
                .pump();
        int handshakeToServer = pair.framesToServer().size();
        int handshakeToClient = pair.framesToClient().size();
        pair.client().send(Bytes.utf8("Hello, Parley! 你好"));
        pair.server().send(Bytes.utf8("Welcome. 欢迎"));
        pair.pump();
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.ESTABLISHED);

        Map<String, Object> vector = new LinkedHashMap<>();
        vector.put("suite", suite.canonicalName());
        vector.put("randomness", "client: InsecureDeterministicRandom(\"" + seed + " client\"), server: \"" + seed + " server\";"
                + " stream = SHA-256(seed || u64 counter) blocks; see parley-protocol test sources");
        vector.put("server_signature_algorithm", suite.signature().label());
        vector.put("server_public_key", serverKey.publicKey().toHex());
        vector.put("server_private_key", Bytes.wrapOwned(serverKey.encodedPrivateKey().revealCopy()).toHex());
        vector.put("server_fingerprint", pair.client().session().orElseThrow().serverFingerprint().toString());
        List<Map<String, String>> frames = new ArrayList<>();
        addFrames(frames, "client", pair.framesToServer().subList(0, 1));
        addFrames(frames, "server", pair.framesToClient().subList(0, handshakeToClient));
        addFrames(frames, "client", pair.framesToServer().subList(1, handshakeToServer));
        vector.put("handshake_frames", frames);
        vector.put("secrets", secrets);
        vector.put("channel_binding", pair.client().session().orElseThrow().channelBinding().toHex());
        List<Map<String, String>> application = new ArrayList<>();
        application.add(applicationFrame("client", "Hello, Parley! 你好", pair.framesToServer().get(handshakeToServer)));
        application.add(applicationFrame("server", "Welcome. 欢迎", pair.framesToClient().get(handshakeToClient)));
        vector.put("application_frames", application);
        return JSON.writeValueAsString(vector) + "\n";
    }

    private static Map<String, String> applicationFrame(String from, String plaintext, Bytes frame) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("from", from);
        entry.put("plaintext_utf8", plaintext);
        entry.put("frame", frame.toHex());
        return entry;
    }

    private static void addFrames(List<Map<String, String>> out, String from, List<Bytes> frames) {
        for (Bytes frame : frames) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("from", from);
            entry.put("hex", frame.toHex());
            out.add(entry);
        }
    }
}
