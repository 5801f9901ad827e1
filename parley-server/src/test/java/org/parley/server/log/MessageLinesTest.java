package org.parley.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.parley.server.testing.ManualClock;

class MessageLinesTest {
    private static final Instant START = Instant.parse("2026-12-05T16:02:03.250Z");
    private final ManualClock clock = new ManualClock(START);
    private final Queue<Hidden> summaries = new ConcurrentLinkedQueue<>();
    private final MessageLines.Summary summary = (second, messages, bytes) -> summaries.add(new Hidden(second, messages, bytes));

    private record Hidden(long second, long messages, long bytes) {
    }

    @Test
    void givesEveryMessageItsOwnLineUpToTheLimitOfOneSecond() {
        MessageLines lines = new MessageLines(clock, 3);

        List<Boolean> own = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            own.add(lines.admit(100, summary));
        }

        assertThat(own).containsExactly(true, true, true, false, false);
        assertThat(summaries).isEmpty();
    }

    @Test
    void reportsTheHiddenMessagesOfASecondWithTheFirstMessageOfALaterOne() {
        MessageLines lines = new MessageLines(clock, 2);
        for (int i = 0; i < 7; i++) {
            lines.admit(100 + i, summary);
        }

        clock.advance(Duration.ofSeconds(5));
        boolean own = lines.admit(10, summary);

        assertThat(own).isTrue();
        assertThat(summaries).containsExactly(new Hidden(START.getEpochSecond(), 5, 102 + 103 + 104 + 105 + 106));
    }

    @Test
    void startsEachSecondWithAFreshAllowanceAndNoSummaryWhenNothingWasHidden() {
        MessageLines lines = new MessageLines(clock, 2);
        lines.admit(1, summary);
        lines.admit(1, summary);

        clock.advance(Duration.ofMillis(750));
        List<Boolean> own = List.of(lines.admit(1, summary), lines.admit(1, summary), lines.admit(1, summary));

        assertThat(own).containsExactly(true, true, false);
        assertThat(summaries).isEmpty();
    }

    @Test
    void summarizeReportsTheHiddenMessagesOnceAndCountsLaterOnesAfresh() {
        MessageLines lines = new MessageLines(clock, 1);
        lines.admit(1, summary);
        lines.admit(40, summary);
        lines.admit(2, summary);

        lines.summarize(summary);
        lines.summarize(summary);
        lines.admit(7, summary);
        clock.advance(Duration.ofSeconds(1));
        lines.admit(1, summary);

        assertThat(summaries).containsExactly(new Hidden(START.getEpochSecond(), 2, 42),
                new Hidden(START.getEpochSecond(), 1, 7));
    }

    @Test
    void countsEveryMessageOnceWhenSeveralLanesAdmitAtOnce() throws Exception {
        MessageLines lines = new MessageLines(clock, 20);
        int threads = 4;
        int each = 5_000;
        ExecutorService lanes = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> shown = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                shown.add(lanes.submit(() -> {
                    int own = 0;
                    for (int i = 0; i < each; i++) {
                        own += lines.admit(3, summary) ? 1 : 0;
                    }
                    return own;
                }));
            }
            int total = 0;
            for (Future<Integer> f : shown) {
                total += f.get();
            }
            lines.summarize(summary);

            assertThat(total).isEqualTo(20);
            assertThat(summaries).containsExactly(new Hidden(START.getEpochSecond(), threads * each - 20L, 3L * (threads * each - 20)));
        } finally {
            lanes.shutdownNow();
        }
    }
}
