package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateOptionsTest {

    @Test
    void aPrivateRoomIsEndToEndEncryptedByDefaultAndAPublicOneIsNot() {
        assertThat(ChatInputParser.parse("/create 密室 --private")).isEqualTo(new ChatInput.Create("密室", true, true));
        assertThat(ChatInputParser.parse("/create club --public")).isEqualTo(new ChatInput.Create("club", false, false));
        assertThat(ChatInputParser.parse("/create club")).isEqualTo(new ChatInput.Create("club", false, false));
    }

    @Test
    void encryptedAndPlainOverrideTheDefaultInEitherOrder() {
        assertThat(ChatInputParser.parse("/create club --encrypted")).isEqualTo(new ChatInput.Create("club", false, true));
        assertThat(ChatInputParser.parse("/create club --encrypted --public")).isEqualTo(new ChatInput.Create("club", false, true));
        assertThat(ChatInputParser.parse("/create team --plain --private")).isEqualTo(new ChatInput.Create("team", true, false));
        assertThat(ChatInputParser.parse("/create team private --plain")).isEqualTo(new ChatInput.Create("team", true, false));
    }

    @Test
    void contradictoryUnknownOrMisplacedOptionsAreRefusedWithTheUsage() {
        for (String line : new String[] {"/create team --encrypted --plain", "/create team --private --public",
                "/create team --secret", "/create --encrypted", "/create", "/create team --encrypted=yes"}) {
            assertThat(ChatInputParser.parse(line)).as(line)
                    .isEqualTo(new ChatInput.Invalid("create", CreateOptions.USAGE));
        }
    }

    @Test
    void repeatingAnOptionIsHarmless() {
        assertThat(ChatInputParser.parse("/create team --private private --encrypted --encrypted"))
                .isEqualTo(new ChatInput.Create("team", true, true));
    }

    @Test
    void roomSecurityNamesTheCurrentRoomByDefault() {
        assertThat(ChatInputParser.parse("/room-security")).isEqualTo(new ChatInput.RoomSecurity(Optional.empty()));
        assertThat(ChatInputParser.parse("/room-security 密室")).isEqualTo(new ChatInput.RoomSecurity(Optional.of("密室")));
    }
}
