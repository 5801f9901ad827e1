package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FanoutSinkTest {

    @Test
    void aBodyCarriesItsHeaderAndIsPaddedToTheRequestedSize() {
        byte[] body = FanoutSink.body(3, 7, 123456789L, 100);
        assertThat(body).hasSize(100);
        assertThat(new String(body, StandardCharsets.US_ASCII)).startsWith("3:7:123456789:x");
    }

    @Test
    void aDeliveryToAnotherMemberOfTheCurrentStepIsCountedWithItsLatency() {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1);
        long sent = 1_000_000_000L;
        byte[] body = FanoutSink.body(1, 0, sent, 60);
        sink.received(5, body, 0, body.length, sent + 2_000_000L);
        assertThat(sink.delivered()).isEqualTo(1);
        assertThat(sink.latencies().percentile(1.0)).isBetween(2_000L, 2_020L);
    }

    @Test
    void refusalsAreCountedByTheirErrorCodeAndStartAgainWithEachStep() {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1);
        sink.refused("server_busy");
        sink.refused("rate_limited");
        sink.refused("server_busy");
        sink.acknowledged();
        assertThat(sink.refusals()).containsExactly(entry("rate_limited", 1L), entry("server_busy", 2L));
        assertThat(sink.rejected()).isEqualTo(3);
        assertThat(sink.accepted()).isEqualTo(1);
        sink.startStep(2);
        assertThat(sink.refusals()).isEmpty();
        assertThat(sink.rejected()).isZero();
    }

    @Test
    void theSendersOwnEchoAndEarlierStepsAndForeignTextAreNotCounted() {
        FanoutSink sink = new FanoutSink();
        sink.startStep(2);
        byte[] echo = FanoutSink.body(2, 4, 1, 60);
        byte[] straggler = FanoutSink.body(1, 0, 1, 60);
        byte[] foreign = "hello: not a benchmark message".getBytes(StandardCharsets.US_ASCII);
        sink.received(4, echo, 0, echo.length, 10);
        sink.received(5, straggler, 0, straggler.length, 10);
        sink.received(5, foreign, 0, foreign.length, 10);
        assertThat(sink.delivered()).isZero();
    }

    @Test
    void aHeaderFoundInsideALineIsReadFromItsOffset() {
        byte[] line = (":b1!b1@127.0.0.1 PRIVMSG #bench :" + new String(FanoutSink.body(1, 1, 5, 50), StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);
        FanoutSink sink = new FanoutSink();
        sink.startStep(1);
        int offset = line.length - 50;
        sink.received(2, line, offset, 50, 5_000);
        assertThat(sink.delivered()).isEqualTo(1);
    }

    @Test
    void waitingForDeliveriesEndsWhenTheLastOneArrivesFromAnotherThread() throws Exception {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1);
        byte[] body = FanoutSink.body(1, 0, 1, 60);
        sink.received(5, body, 0, body.length, 10);
        Thread deliverer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 99; i++) {
                sink.received(5, body, 0, body.length, 10);
            }
        });

        sink.awaitDelivered(100, TimeUnit.MINUTES.toNanos(1));
        long seenWhenTheWaitEnded = sink.delivered();
        deliverer.join();

        assertThat(seenWhenTheWaitEnded).isEqualTo(100);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void waitingForDeliveriesDoesNotWaitForThoseOfRefusedMessages() throws Exception {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1);
        byte[] body = FanoutSink.body(1, 0, 1, 60);
        // Three messages sent to two receivers each; one was refused, the other two reached both.
        sink.refused("server_busy");
        for (int i = 0; i < 4; i++) {
            sink.received(1 + i % 2, body, 0, body.length, 10);
        }

        sink.awaitReachable(3, 2, TimeUnit.HOURS.toNanos(1));

        assertThat(sink.delivered()).isEqualTo(4);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRefusalArrivingDuringTheWaitEndsItOnceTheOthersAreDelivered() throws Exception {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1);
        byte[] body = FanoutSink.body(1, 0, 1, 60);
        sink.received(1, body, 0, body.length, 10);
        Thread refuser = Thread.ofPlatform().start(() -> sink.refused("server_busy"));

        sink.awaitReachable(2, 1, TimeUnit.HOURS.toNanos(1));
        refuser.join();

        assertThat(sink.rejected()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWaitForDeliveriesThatNeverComeEndsAtItsTimeout() throws Exception {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1);
        byte[] body = FanoutSink.body(1, 0, 1, 60);
        sink.received(1, body, 0, body.length, 10);

        sink.awaitReachable(2, 1, TimeUnit.MILLISECONDS.toNanos(20));

        assertThat(sink.delivered()).isEqualTo(1);
    }

    @Test
    void aLadderBodyCarriesHowLateItsSenderWasAfterItsSendTime() {
        byte[] body = FanoutSink.body(3, 7, 123456789L, 2_500, 100);
        assertThat(body).hasSize(100);
        assertThat(new String(body, StandardCharsets.US_ASCII)).startsWith("3:7:123456789:2500:x");
    }

    @Test
    void aSampledDeliveryIsSplitAtTheSendersLagAndTheServersStamp() {
        FanoutSink sink = new FanoutSink();
        long wallMinusNanoTime = 1_700_000_000_000_000_000L;
        sink.startStep(1, wallMinusNanoTime);
        long sent = 5_000_000_000L;
        // Scheduled 4 ms before it was sent; stamped by the server 3 ms after; read 10 ms after it was sent.
        byte[] body = FanoutSink.body(1, 0, sent, 4_000, 100);
        long serverMillis = (sent + 3_000_000L + wallMinusNanoTime) / 1_000_000L;
        for (int i = 0; i < FanoutSink.SPLIT_SAMPLE; i++) {
            sink.received(5, body, 0, FanoutSettings.MIN_SIZE, sent + 10_000_000L, serverMillis);
        }

        LatencySplit split = sink.split();

        assertThat(sink.latencies().percentile(0.99)).isBetween(10_000L, 10_080L);
        assertThat(split.fromScheduleP99()).isBetween(14_000L, 14_120L);
        assertThat(split.toServerP50()).isBetween(3_000L, 3_030L);
        assertThat(split.fromServerP99()).isBetween(7_000L, 7_060L);
        assertThat(split.hasServerTime()).isTrue();
    }

    @Test
    void deliveriesBetweenTheSampledOnesAreNotSplit() {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1, 0);
        byte[] body = FanoutSink.body(1, 0, 1_000_000L, 4_000, 100);
        for (int i = 0; i < FanoutSink.SPLIT_SAMPLE - 1; i++) {
            sink.received(5, body, 0, body.length, 2_000_000L, 1);
        }

        assertThat(sink.split()).isEqualTo(LatencySplit.NONE);
        assertThat(sink.delivered()).isEqualTo(FanoutSink.SPLIT_SAMPLE - 1);
    }

    @Test
    void aThreeFieldHeaderAndAServerWithoutStampsSplitOnlyTheTimeFromSchedule() {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1, 0);
        byte[] body = FanoutSink.body(1, 0, 1_000_000L, 100);
        for (int i = 0; i < FanoutSink.SPLIT_SAMPLE; i++) {
            sink.received(5, body, 0, body.length, 3_000_000L);
        }

        LatencySplit split = sink.split();

        assertThat(split.fromScheduleP99()).isBetween(2_000L, 2_016L);
        assertThat(split.hasServerTime()).isFalse();
        assertThat(split.toServerP99()).isEqualTo(-1);
    }

    @Test
    void theSendersLagIsCountedPerMessageSentWithItsMaximum() {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1, 0);
        for (int i = 0; i < 98; i++) {
            sink.sent(500_000L);
        }
        sink.sent(40_000_000L);
        sink.sent(3_000_000_000L);

        LatencySplit split = sink.split();

        assertThat(split.sendLagP50()).isBetween(500L, 504L);
        assertThat(split.sendLagP99()).isBetween(40_000L, 40_320L);
        assertThat(split.sendLagMax()).isBetween(3_000_000L, 3_024_000L);
        sink.startStep(2, 0);
        assertThat(sink.split().sendLagMax()).isZero();
    }

    @Test
    void theMostBytesOneSenderHadUnsentIsKeptForTheStepAndUnknownUntilReported() {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1, 0);
        assertThat(sink.split().senderUnsentMax()).isEqualTo(-1);
        sink.senderUnsent(0);
        sink.senderUnsent(70_000);
        sink.senderUnsent(-1);
        sink.senderUnsent(2_000);

        assertThat(sink.split().senderUnsentMax()).isEqualTo(70_000);
        sink.startStep(2, 0);
        assertThat(sink.split().senderUnsentMax()).isEqualTo(-1);
    }

    @Test
    void aStragglerOfTheLastStepStillCountsForItWhileTheNextStepRuns() {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1);
        StepTally first = sink.current();
        sink.startStep(2);
        long sent = 1_000_000_000L;
        byte[] late = FanoutSink.body(1, 0, sent, 60);
        byte[] current = FanoutSink.body(2, 0, sent, 60);

        sink.received(5, late, 0, late.length, sent + 30_000_000L);
        sink.received(5, current, 0, current.length, sent + 1_000_000L);

        assertThat(first.delivered()).isEqualTo(1);
        assertThat(first.latencies().percentile(1.0)).isBetween(30_000L, 30_240L);
        assertThat(sink.delivered()).isEqualTo(1);
        sink.startStep(3);
        sink.received(5, late, 0, late.length, sent + 40_000_000L);
        assertThat(first.delivered()).isEqualTo(1); // two steps back: no longer counted
    }

    @Test
    void aTimelineKeepsTheP99OfEachHundredMillisecondsByWhenTheMessagesWereStamped() {
        FanoutSink sink = new FanoutSink();
        long start = 10_000_000_000L;
        sink.startStep(1, 0, start, true);
        byte[] early = FanoutSink.body(1, 0, start + 50_000_000L, 60); // stamped in slot 0
        byte[] later = FanoutSink.body(1, 0, start + 250_000_000L, 60); // stamped in slot 2

        sink.received(5, early, 0, early.length, start + 50_000_000L + 80_000_000L); // 80 ms
        sink.received(5, later, 0, later.length, start + 250_000_000L + 2_000_000L); // 2 ms

        long[] p99s = sink.current().timelineP99s();
        assertThat(p99s).hasSize(3);
        assertThat(p99s[0]).isBetween(80_000L, 80_640L);
        assertThat(p99s[1]).isEqualTo(-1);
        assertThat(p99s[2]).isBetween(2_000L, 2_016L);
    }

    @Test
    void aStepWithoutATimelineKeepsNone() {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1);
        byte[] body = FanoutSink.body(1, 0, 1_000L, 60);
        sink.received(5, body, 0, body.length, 2_000_000L);
        assertThat(sink.current().timelineP99s()).isEmpty();
    }

    @Test
    void heldBackMessagesAndWindowWaitsAreCountedForTheirStep() {
        FanoutSink sink = new FanoutSink();
        sink.startStep(1, 0);
        assertThat(sink.split().windowed()).isFalse();
        sink.held();
        sink.held();
        sink.windowWait(1, 3_000_000L);
        sink.windowWait(7, 90_000_000L); // a step long gone: ignored

        assertThat(sink.current().held()).isEqualTo(2);
        assertThat(sink.split().windowed()).isTrue();
        assertThat(sink.split().windowWaitMax()).isBetween(3_000L, 3_024L);
    }
}
