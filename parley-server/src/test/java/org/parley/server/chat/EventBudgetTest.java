package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.protocol.chat.ChatLimits;

class EventBudgetTest {

    @Test
    void cutsAListOfShortNamesAtTheProtocolsEntryLimit() {
        List<String> names = IntStream.range(0, 1500).mapToObj(i -> "u" + i).toList();

        List<String> kept = EventBudget.prefix(10_000_000, EventBudget::text, names);

        assertThat(kept).hasSize(ChatLimits.MAX_LIST_ENTRIES).startsWith("u0", "u1");
    }

    @Test
    void cutsAListOfLongNamesAtTheByteBudget() {
        List<String> names = IntStream.range(0, 100).mapToObj(i -> "x".repeat(60)).toList();

        List<String> kept = EventBudget.prefix(EventBudget.HEADER_RESERVE + 10 * (60 * 3 + 2), EventBudget::text, names);

        assertThat(kept).hasSize(10);
    }

    @Test
    void keepsAListThatFits() {
        List<String> names = List.of("alice", "张伟");

        assertThat(EventBudget.prefix(66_560, EventBudget::text, names)).isSameAs(names);
    }
}
