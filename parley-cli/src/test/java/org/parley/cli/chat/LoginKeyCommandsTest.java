package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.LoginKeyFile;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.ParleyServer;
import org.parley.server.ServerSettings;

/** {@code /keys}, {@code /removekey} and {@code parley users keys} against a real server and its data directory. */
class LoginKeyCommandsTest {
    @TempDir
    Path temp;

    @Test
    void theTerminalListsItsLoginKeysByFingerprintAndRemovesOneByAPrefix() throws Exception {
        Path data = temp.resolve("data");
        LoginKeyFile.LoginKey key = LoginKeyFile.create(temp.resolve("alice.key"), SignatureComponent.ED25519, new SecureRandom());
        String fingerprint = Fingerprint.of(key.algorithm(), key.key().publicKey()).toString();
        try (ParleyServer server = ParleyServer.start(ServerSettings.defaults(data).withBind(new InetSocketAddress("127.0.0.1", 0)));
                JsonChatClient alice = new JsonChatClient(server.address().getPort(), "alice", "a long enough password", true,
                        temp.resolve("known"), true)) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            alice.send("/addkey " + temp.resolve("alice.key"));
            alice.awaitEvent(e -> e.path("command").asText().equals("addkey"));

            alice.send("/keys");
            JsonNode listed = alice.awaitEvent(JsonChatClient.type("keys"));
            assertThat(listed.path("keys")).singleElement().satisfies(k -> {
                assertThat(k.path("fingerprint").asText()).isEqualTo(fingerprint);
                assertThat(k.path("algorithm").asText()).isEqualTo(SignatureComponent.ED25519.label());
            });

            alice.send("/removekey 0000");
            alice.awaitEvent(e -> e.path("type").asText().equals("error") && e.path("code").asText().equals("USAGE"));
            alice.send("/removekey " + fingerprint.substring("SHA256:".length(), "SHA256:".length() + 9));
            alice.awaitEvent(e -> e.path("command").asText().equals("removekey"));
            alice.send("/keys");
            alice.awaitEvent(e -> e.path("type").asText().equals("keys") && e.path("keys").isEmpty());
        }
    }
}
