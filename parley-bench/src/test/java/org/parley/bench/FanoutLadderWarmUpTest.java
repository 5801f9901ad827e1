package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netty.channel.DefaultEventLoop;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ladder's warm-up: one unreported step per warm-up rate, in order, before the measured steps. */
class FanoutLadderWarmUpTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully();
    }

    /** How many messages each step sent, by the step number in their header ("step:sender:nanos:lag:"). */
    private static Map<Integer, Integer> sentByStep(List<byte[]> bodies) {
        Map<Integer, Integer> byStep = new TreeMap<>();
        for (byte[] body : bodies) {
            String header = new String(body, 0, 12, StandardCharsets.US_ASCII);
            byStep.merge(Integer.parseInt(header.substring(0, header.indexOf(':'))), 1, Integer::sum);
        }
        return byStep;
    }

    @Test
    void eachWarmUpRateIsAStepOfTheWarmUpsLengthRunBeforeTheMeasuredOnesAndNotReported() throws Exception {
        RecordingMember member = new RecordingMember(loop);
        // 2 members, 1 sender; warm-up steps of 0.5 s at 10 then 30 messages a second, then 1 s at 20.
        FanoutSettings settings = new FanoutSettings(2, 1, 100, 1, 0.1, 0.5, List.of(20.0), false);

        List<FanoutStep> steps = new FanoutLadder(settings, ProcessCpu.self(), List.of(member), new FanoutSink(),
                List.of(10.0, 30.0), ServerCounters.none(), null, FanoutLadder.Pacing.OPEN_LOOP).run();

        assertThat(sentByStep(member.sent)).containsExactly(Map.entry(1, 5), Map.entry(2, 15), Map.entry(3, 20));
        assertThat(steps).singleElement().satisfies(step -> assertThat(step.offeredPerSecond()).isEqualTo(20.0));
    }

    @Test
    void aWarmUpRateOfZeroIsTheFirstStepsRate() throws Exception {
        RecordingMember member = new RecordingMember(loop);
        FanoutSettings settings = new FanoutSettings(2, 1, 100, 1, 0.1, 0.5, List.of(20.0), false);

        new FanoutLadder(settings, ProcessCpu.self(), List.of(member), new FanoutSink(), List.of(0.0),
                ServerCounters.none(), null, FanoutLadder.Pacing.OPEN_LOOP).run();

        assertThat(sentByStep(member.sent)).containsExactly(Map.entry(1, 10), Map.entry(2, 20));
    }

    @Test
    void aWarmUpWithoutARateOrWithANegativeOneIsRefused() {
        FanoutSettings settings = new FanoutSettings(2, 1, 100, 1, 0.1, 0.5, List.of(20.0), false);
        RecordingMember member = new RecordingMember(loop);

        assertThatIllegalArgumentException().isThrownBy(() -> new FanoutLadder(settings, ProcessCpu.self(), List.of(member),
                new FanoutSink(), List.of(), ServerCounters.none(), null, FanoutLadder.Pacing.OPEN_LOOP));
        assertThatIllegalArgumentException().isThrownBy(() -> new FanoutLadder(settings, ProcessCpu.self(), List.of(member),
                new FanoutSink(), List.of(100.0, -1.0), ServerCounters.none(), null, FanoutLadder.Pacing.OPEN_LOOP));
    }
}
