package org.parley.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.lab.Check;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.NotShownToSucceedException;
import org.parley.lab.Outcome;
import org.parley.lab.Verdict;

/**
 * dropped-answer is defeated only from the evidence that the repeat was answered and not stored
 * (docs/LAB.md): the order stored before the cut, alice's send completed with the id of the one
 * copy bob was shown, one copy in the history, and the room still working. Two copies anywhere is
 * the attack succeeding; anything else is neither.
 */
class DroppedAnswerVerdictTest {
    @Test
    void oneCopyUnderTheIdAlicesSendCompletedWithIsTheSendOnceCheck() throws Exception {
        Outcome outcome = DroppedAnswer.verdict(true, Optional.of(7L), List.of(7L), 1, true);
        assertThat(outcome.verdict()).isEqualTo(Verdict.DEFEATED);
        assertThat(outcome.check()).contains(new Check("send-once", "14.5", "SendOnce, Outbox"));
    }

    @Test
    void bobShownTheOrderTwiceIsTheAttackSucceeding() throws Exception {
        assertThat(DroppedAnswer.verdict(true, Optional.of(8L), List.of(7L, 8L), 2, true).verdict())
                .isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void twoCopiesInTheServersHistoryIsTheAttackSucceedingEvenIfBobWasShownOne() throws Exception {
        assertThat(DroppedAnswer.verdict(true, Optional.of(8L), List.of(7L), 2, true).verdict())
                .isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void withoutTheSingleCopyBobWasShownItIsNotDefeated() {
        assertThatThrownBy(() -> DroppedAnswer.verdict(true, Optional.of(7L), List.of(), 1, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("bob shown it under []");
        assertThatThrownBy(() -> DroppedAnswer.verdict(true, Optional.of(7L), List.of(7L), 0, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("0 cop(ies) in the history");
    }

    @Test
    void aSendThatFailedAlthoughTheOrderWasStoredIsNotDefeated() {
        // The behaviour before send ids: stored once, but alice told it failed, so she types it again.
        assertThatThrownBy(() -> DroppedAnswer.verdict(true, Optional.empty(), List.of(7L), 1, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("did not complete");
    }

    @Test
    void aSendCompletedWithAnotherIdThanTheCopyBobWasShownIsNotDefeated() {
        assertThatThrownBy(() -> DroppedAnswer.verdict(true, Optional.of(9L), List.of(7L), 1, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("completed with id 9");
    }

    @Test
    void anAnswerNotCutAfterTheOrderWasStoredIsALabError() {
        assertThatThrownBy(() -> DroppedAnswer.verdict(false, Optional.of(7L), List.of(7L), 1, true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRoomThatStoppedWorkingWithOneCopyShownIsNotShownToSucceed() {
        assertThatThrownBy(() -> DroppedAnswer.verdict(true, Optional.of(7L), List.of(7L), 1, false))
                .isInstanceOf(NotShownToSucceedException.class);
    }
}
