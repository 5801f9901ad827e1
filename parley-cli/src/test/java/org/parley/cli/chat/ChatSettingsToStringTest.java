package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.client.ServerAddress;
import org.parley.protocol.suite.Preset;

/**
 * "No password in any log at any level" (SECURITY.md): the resolved settings of a chat session
 * print through {@code toString} wherever they are logged, so they show neither the password nor
 * the invite code (which admits whoever holds it).
 */
class ChatSettingsToStringTest {

    @Test
    void printsNeitherThePasswordNorTheInviteCode() {
        ChatSettings settings = new ChatSettings(new ServerAddress("chat.example.org", 7443), "alice",
                new LoginMethod.Password("hunter2-password".toCharArray()), true, Optional.of("invite-s3cr3t-code"),
                Path.of("known_servers"), false, Preset.MODERN, List.of("lobby"));

        assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("s3cr3t")
                .contains("alice").contains("chat.example.org:7443");
    }
}
