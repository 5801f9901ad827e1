package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    private static List<Integer> numbers(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @Test
    void aSenderSendsAtMostItsWindowBeforeItsAnswersAndQueuesTheNext() {
        SendWindow<Integer> window = new SendWindow<>(64, 64);
        List<Integer> now = new ArrayList<>();

        int held = window.offer(numbers(0, 100), now);

        assertThat(now).isEqualTo(numbers(0, 64));
        assertThat(window.unanswered()).isEqualTo(64);
        assertThat(window.queued()).isEqualTo(36);
        assertThat(held).isZero();
    }

    @Test
    void aMessageThatFindsTheWindowAndTheQueueFullIsHeldBack() {
        SendWindow<Integer> window = new SendWindow<>(4, 2);
        List<Integer> now = new ArrayList<>();

        int held = window.offer(numbers(0, 10), now);

        assertThat(now).isEqualTo(numbers(0, 4));
        assertThat(window.queued()).isEqualTo(2);
        assertThat(held).isEqualTo(4);
    }

    @Test
    void eachAnswerLetsOutTheOldestQueuedMessage() {
        SendWindow<Integer> window = new SendWindow<>(2, 3);
        window.offer(numbers(0, 5), new ArrayList<>());
        List<Integer> now = new ArrayList<>();

        window.answered();
        window.release(now);
        assertThat(now).containsExactly(2);
        window.answered();
        window.answered();
        window.release(now);

        assertThat(now).containsExactly(2, 3, 4);
        assertThat(window.queued()).isZero();
        assertThat(window.unanswered()).isEqualTo(2);
    }

    @Test
    void aNewMessageNeverOvertakesAQueuedOneEvenWhenTheWindowHasRoom() {
        SendWindow<Integer> window = new SendWindow<>(1, 4);
        window.offer(numbers(0, 2), new ArrayList<>()); // 0 sent, 1 queued
        window.answered(); // the window has room, but 1 has not been released yet
        List<Integer> now = new ArrayList<>();

        window.offer(List.of(2), now);

        assertThat(now).isEmpty();
        window.release(now);
        assertThat(now).containsExactly(1);
        assertThat(window.queued()).isEqualTo(1);
    }

    @Test
    void anAnswerToAMessageSentBeforeTheWindowDoesNotOpenItBeyondItsSize() {
        SendWindow<Integer> window = new SendWindow<>(2, 0);
        window.answered();
        List<Integer> now = new ArrayList<>();

        int held = window.offer(numbers(0, 3), now);

        assertThat(now).containsExactly(0, 1);
        assertThat(held).isEqualTo(1);
    }

    @Test
    void theOpenLoopSendsEverythingAndHoldsNothingBack() {
        SendWindow<Integer> window = SendWindow.openLoop();
        List<Integer> now = new ArrayList<>();

        int held = window.offer(numbers(0, 1_000), now);

        assertThat(now).hasSize(1_000);
        assertThat(held).isZero();
        assertThat(window.open()).isTrue();
    }

    @Test
    void aQueueWithoutAWindowOrANegativeSizeIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SendWindow<>(0, 4));
        assertThatIllegalArgumentException().isThrownBy(() -> new SendWindow<>(-1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new SendWindow<>(4, -1));
    }
}
