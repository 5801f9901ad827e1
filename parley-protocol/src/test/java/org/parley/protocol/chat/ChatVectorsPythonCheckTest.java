package org.parley.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.testing.PythonChecker;

/**
 * The build runs the independent decoder docs/test-vectors/check/check_chat.py (written from
 * PROTOCOL.md section 14 alone) on CHAT_messages.json, so a change of the codec, the vectors or the
 * doc that the others do not follow fails here. Skipped, with the reason, where python3 is missing.
 */
class ChatVectorsPythonCheckTest {
    @Test
    void theIndependentDecoderAcceptsEveryChatVector() throws IOException {
        PythonChecker python = new PythonChecker();
        python.assumeRuns("import json, sys; assert sys.version_info >= (3, 8)", "Python 3.8 or later");
        Path file = PythonChecker.vectors().resolve(ChatVectorFile.NAME);

        String output = python.assertPasses("check_chat.py", List.of(file));

        assertThat(output).containsPattern("\\d+ valid and \\d+ invalid vectors checked, 0 failures");
    }
}
