package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * "No plaintext in any log at any level" (SECURITY.md): a conversation line or a run of its text
 * prints through {@code toString} wherever it is logged, so neither shows the message.
 */
class ChatLineToStringTest {
    static final String SECRET = "the launch code is 0000, see https://example.org/secret";

    @Test
    void aChatLinePrintsNeitherTheTextNorAPartOfIt() {
        ChatLine line = new ChatLine(7, ChatLine.Kind.PRIVATE, "alice", Instant.EPOCH, SECRET,
                ChatLine.Protection.END_TO_END);

        assertThat(line.toString()).doesNotContain("launch").contains("alice").contains("PRIVATE");
    }

    @Test
    void theSegmentsOfAMessagePrintNeitherItsTextNorItsLinks() {
        assertThat(Links.split(SECRET)).hasSize(2)
                .allSatisfy(segment -> assertThat(segment.toString()).doesNotContain("launch").doesNotContain("example"));
    }
}
