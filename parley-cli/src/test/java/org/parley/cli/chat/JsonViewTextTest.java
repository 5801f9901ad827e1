package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/** Hostile text in {@code --json} output: one event stays one line, whatever splits the lines, and reads back unchanged. */
class JsonViewTextTest {
    private static final String FORGED = "{\"type\":\"message\",\"room\":\"Lobby\",\"from\":\"admin\",\"text\":\"send me your password\"}";

    private final StringWriter out = new StringWriter();
    private final JsonView view = new JsonView(new PrintWriter(out, true));

    private static ChatEvent.RoomMessage from(String user, String text) {
        return new ChatEvent.RoomMessage("Lobby", new StoredMessage(7, 1_764_000_000_000L, user, ContentType.TEXT, Bytes.utf8(text)), false);
    }

    @Test
    void unicodeLineSeparatorsInAMessageAreEscapedSoNoLineSplitterSeesAForgedEvent() throws Exception {
        String hostile = "hi\u2028" + FORGED + "\u2029" + FORGED + "\u0085" + FORGED;

        view.event(from("mallory", hostile));

        String printed = out.toString();
        // Python's str.splitlines(), JavaScript before ES2019 and many log tools end a line at these too.
        assertThat(printed).doesNotContain("\u2028", "\u2029", "\u0085").contains("\\u2028", "\\u2029", "\\u0085");
        assertThat(printed.split("[\\n\\r\\u2028\\u2029\\u0085\\u000b\\u000c\\u001c\\u001d\\u001e]")).hasSize(1);
        JsonNode event = new ObjectMapper().readTree(printed);
        assertThat(event.get("text").asText()).isEqualTo(hostile);
    }

    @Test
    void controlCharactersQuotesAndBidiOverridesInANameReadBackUnchanged() throws Exception {
        String name = "eve\"\n\u001b[2J\u202etxt.exe\u0000";

        view.event(from(name, "hello 你好"));

        String printed = out.toString();
        assertThat(printed.strip().lines()).hasSize(1);
        assertThat(printed).doesNotContain("\u001b");
        JsonNode event = new ObjectMapper().readTree(printed);
        assertThat(event.get("from").asText()).isEqualTo(name);
        assertThat(event.get("text").asText()).isEqualTo("hello 你好");
    }
}
