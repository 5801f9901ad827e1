package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatInputParserTest {

    @Test
    void plainTextIsSaidInTheCurrentRoom() {
        assertThat(ChatInputParser.parse("你好，世界")).isEqualTo(new ChatInput.Say("你好，世界"));
        assertThat(ChatInputParser.parse("//not a command")).isEqualTo(new ChatInput.Say("/not a command"));
    }

    @Test
    void commandsTakeTheirArguments() {
        assertThat(ChatInputParser.parse("/join 张伟的房间")).isEqualTo(new ChatInput.Join("张伟的房间"));
        assertThat(ChatInputParser.parse("/msg bob see you at 5")).isEqualTo(new ChatInput.Msg("bob", "see you at 5"));
        assertThat(ChatInputParser.parse("/leave")).isEqualTo(new ChatInput.Leave(Optional.empty()));
        assertThat(ChatInputParser.parse("/who *")).isEqualTo(new ChatInput.Who(Optional.of("*")));
        assertThat(ChatInputParser.parse("/history @bob 5")).isEqualTo(new ChatInput.History(Optional.of("bob"), 5));
        assertThat(ChatInputParser.parse("/QUIT")).isEqualTo(new ChatInput.Quit());
        assertThat(ChatInputParser.parse("/rekey")).isEqualTo(new ChatInput.Rekey());
    }

    @Test
    void endToEndCommandsTakeAUserOrADeviceId() {
        assertThat(ChatInputParser.parse("/verify bob")).isEqualTo(new ChatInput.Verify("bob", false));
        assertThat(ChatInputParser.parse("/verify bob --mark")).isEqualTo(new ChatInput.Verify("bob", true));
        assertThat(ChatInputParser.parse("/accept bob")).isEqualTo(new ChatInput.Accept("bob"));
        assertThat(ChatInputParser.parse("/devices")).isEqualTo(new ChatInput.Devices());
        assertThat(ChatInputParser.parse("/devices remove 42")).isEqualTo(new ChatInput.RemoveDevice(42));
        assertThat(ChatInputParser.parse("/verify")).isInstanceOf(ChatInput.Invalid.class);
        assertThat(ChatInputParser.parse("/verify bob --marks")).isInstanceOf(ChatInput.Invalid.class);
        assertThat(ChatInputParser.parse("/verify --mark")).isInstanceOf(ChatInput.Invalid.class);
        assertThat(ChatInputParser.parse("/devices remove")).isInstanceOf(ChatInput.Invalid.class);
        assertThat(ChatInputParser.parse("/devices remove 9999999999999999999")).isInstanceOf(ChatInput.Invalid.class);
        assertThat(ChatInputParser.parse("/accept bob carol")).isInstanceOf(ChatInput.Invalid.class);
    }

    @Test
    void banTakesAnOptionalDurationBeforeTheReason() {
        assertThat(ChatInputParser.parse("/ban mallory 2h spam")).isEqualTo(new ChatInput.Ban("mallory", Duration.ofHours(2), "spam"));
        assertThat(ChatInputParser.parse("/ban mallory spam again"))
                .isEqualTo(new ChatInput.Ban("mallory", Duration.ZERO, "spam again"));
    }

    @Test
    void missingArgumentsAndUnknownCommandsAreInvalid() {
        assertThat(ChatInputParser.parse("/msg bob")).isInstanceOf(ChatInput.Invalid.class);
        assertThat(ChatInputParser.parse("/join")).isInstanceOf(ChatInput.Invalid.class);
        assertThat(ChatInputParser.parse("/history 0")).isInstanceOf(ChatInput.Invalid.class);
        assertThat(ChatInputParser.parse("/frobnicate")).isEqualTo(new ChatInput.Invalid("frobnicate", ""));
    }

    @Test
    void moderationCommandsParseTheirUserAndCreateTakesAnOptionalPrivateFlag() {
        assertThat(ChatInputParser.parse("/create 密室 private")).isEqualTo(new ChatInput.Create("密室", true, true));
        assertThat(ChatInputParser.parse("/create lobby2")).isEqualTo(new ChatInput.Create("lobby2", false, false));
        assertThat(ChatInputParser.parse("/create x secret")).isInstanceOf(ChatInput.Invalid.class);
        assertThat(ChatInputParser.parse("/uninvite bob")).isEqualTo(new ChatInput.Uninvite("bob"));
        assertThat(ChatInputParser.parse("/unban bob")).isEqualTo(new ChatInput.Unban("bob"));
        assertThat(ChatInputParser.parse("/op bob")).isEqualTo(new ChatInput.Op("bob", true));
        assertThat(ChatInputParser.parse("/deop bob")).isEqualTo(new ChatInput.Op("bob", false));
        assertThat(ChatInputParser.parse("/unban")).isInstanceOf(ChatInput.Invalid.class);
    }

    @Test
    void passwdPromptsWithoutArgumentsAndTakesTheCurrentAndTheNewPasswordOnTheLine() {
        assertThat(ChatInputParser.parse("/passwd")).isEqualTo(new ChatInput.Passwd(Optional.empty(), Optional.empty()));
        assertThat(ChatInputParser.parse("/passwd old-one new one")).isEqualTo(
                new ChatInput.Passwd(Optional.of("old-one"), Optional.of("new one")));
        assertThat(ChatInputParser.parse("/passwd only-one")).isInstanceOf(ChatInput.Invalid.class);
    }
}
