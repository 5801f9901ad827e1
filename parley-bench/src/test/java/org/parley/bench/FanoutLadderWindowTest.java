package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ladder's senders against a member whose server never answers: what the window lets out and holds back. */
class FanoutLadderWindowTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully();
    }

    /** A member whose messages are answered only when the test says so. */
    private final class Unanswered extends RecordingMember {
        final List<Runnable> listeners = new ArrayList<>();

        Unanswered() {
            super(loop);
        }

        @Override
        public boolean answersEachMessage() {
            return true;
        }

        @Override
        public void onAnswer(Runnable listener) {
            listeners.add(listener);
        }
    }

    private static FanoutSettings oneStep() {
        // 2 members, 1 sender, 20 messages a second for 1 s, 0.1 s of grace, no warm-up.
        return new FanoutSettings(2, 1, 100, 1, 0.1, 0, List.of(20.0), false);
    }

    @Test
    void aSenderWhoseMessagesAreNeverAnsweredSendsItsWindowQueuesTheNextAndHoldsTheRestBack() throws Exception {
        Unanswered member = new Unanswered();
        FanoutSink sink = new FanoutSink();

        List<FanoutStep> steps = new FanoutLadder(oneStep(), ProcessCpu.self(), List.of(member), sink, 0,
                ServerCounters.none(), null, new FanoutLadder.Pacing(4, 3, false)).run();

        FanoutStep step = steps.getFirst();
        assertThat(member.sent).hasSize(4);
        assertThat(step.held()).isEqualTo(20 - 4 - 3);
        assertThat(step.sent()).isEqualTo(4 + 3); // the queued ones are offered and not held back
        assertThat(step.expectedDeliveries()).isEqualTo(20); // held-back messages count against the step
        assertThat(step.sustained()).isFalse();
    }

    @Test
    void anAnswerLetsTheOldestQueuedMessageOut() throws Exception {
        Unanswered member = new Unanswered();
        FanoutSink sink = new FanoutSink();
        new FanoutLadder(oneStep(), ProcessCpu.self(), List.of(member), sink, 0, ServerCounters.none(), null,
                new FanoutLadder.Pacing(4, 3, false)).run();

        loop.submit(() -> member.listeners.forEach(Runnable::run)).sync();
        loop.submit(() -> { }).sync(); // the release runs after the answers of one read

        assertThat(member.sent).hasSize(5);
        byte[] fifth = member.sent.get(4);
        assertThat(new String(fifth, 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("1:");
        assertThat(sink.current().split(SocketQueues.Totals.UNKNOWN).windowed()).isTrue();
    }

    @Test
    void theOpenLoopSendsEveryMessageWhenItIsDueWhateverTheAnswers() throws Exception {
        Unanswered member = new Unanswered();
        FanoutSink sink = new FanoutSink();

        List<FanoutStep> steps = new FanoutLadder(oneStep(), ProcessCpu.self(), List.of(member), sink, 0,
                ServerCounters.none(), null, FanoutLadder.Pacing.OPEN_LOOP).run();

        assertThat(member.sent).hasSize(20);
        assertThat(steps.getFirst().held()).isZero();
        assertThat(steps.getFirst().split().windowed()).isFalse();
    }

    @Test
    void aBackToBackSequenceReportsEveryStepItOfferedInOrder() throws Exception {
        Unanswered member = new Unanswered();
        FanoutSink sink = new FanoutSink();
        FanoutSettings twoSteps = new FanoutSettings(2, 1, 100, 0.5, 0.1, 0, List.of(20.0, 10.0), false);

        List<FanoutStep> steps = new FanoutLadder(twoSteps, ProcessCpu.self(), List.of(member), sink, 0,
                ServerCounters.none(), null, FanoutLadder.Pacing.OPEN_LOOP.backToBackSteps()).run();

        assertThat(steps).extracting(FanoutStep::offeredPerSecond).containsExactly(20.0, 10.0);
        assertThat(member.sent).hasSize(10 + 5);
    }
}
