package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "No plaintext or password in any log at any level" (SECURITY.md): a typed line that carries a
 * message or a password prints through its {@code toString} wherever it is logged, so it shows
 * neither.
 */
class ChatInputToStringTest {
    static final String SECRET = "hunter2-the-launch-code";

    static Stream<Arguments> inputsHoldingTheSecret() {
        return Stream.of(
                Arguments.of(ChatInputParser.parse(SECRET)),
                Arguments.of(ChatInputParser.parse("/msg bob " + SECRET)),
                Arguments.of(ChatInputParser.parse("/passwd " + SECRET + " " + SECRET + "-new")),
                Arguments.of(new ChatInput.Passwd(Optional.of("old"), Optional.of(SECRET))));
    }

    @ParameterizedTest
    @MethodSource("inputsHoldingTheSecret")
    void printsNeitherTheMessageNorThePassword(ChatInput input) {
        assertThat(input.toString()).doesNotContain(SECRET.substring(0, 7));
    }
}
