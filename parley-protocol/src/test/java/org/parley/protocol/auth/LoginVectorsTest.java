package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/test-vectors/LOGIN_messages.json honest: the committed file is exactly what the real
 * SCRAM client and server, key-login signer and verifier and registration validator give today
 * (each vector is run through them while it is generated, and fails generation if a side does not
 * do what the vector says). Regenerate deliberately, after a reviewed change of section 13, with
 * {@code -Dparley.vectors.update=true}.
 */
class LoginVectorsTest {
    @Test
    void publishedLoginVectorsMatchTheImplementationByteForByte() throws Exception {
        String generated = LoginVectorFile.generate();
        Path file = LoginVectorFile.path();

        if (Boolean.getBoolean("parley.vectors.update")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }

        assertThat(file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(generated);
    }

    @Test
    void theLoginsUseTheChannelBindingsOfTheHandshakeVectors() throws Exception {
        for (String suite : new String[] {LoginVectorFile.CONNECTION, LoginVectorFile.OTHER_CONNECTION}) {
            Path handshake = LoginVectorFile.path().resolveSibling(suite + ".json");
            String published = LoginVectorFile.JSON.readTree(handshake.toFile()).get("channel_binding").asText();

            assertThat(LoginVectorFile.channelBinding(suite).toHex()).isEqualTo(published);
        }
    }
}
