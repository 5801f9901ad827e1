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
 * dropped-answer-restart is defeated only from the evidence that the restarted server answered the
 * repeat and stored nothing (docs/LAB.md): the order stored before the crash, alice's send completed
 * with the id of the one copy bob was shown, one copy in the history, and the room still working
 * after the restart. Two copies anywhere is the attack succeeding; anything else is neither.
 */
class DroppedAnswerRestartVerdictTest {
    @Test
    void oneCopyUnderTheIdAlicesSendCompletedWithIsTheDurableSendOnceCheck() throws Exception {
        Outcome outcome = DroppedAnswerRestart.verdict(true, Optional.of(7L), List.of(7L), 1, true);
        assertThat(outcome.verdict()).isEqualTo(Verdict.DEFEATED);
        assertThat(outcome.check()).contains(new Check("send-once-restart", "14.5", "SendIdRows, SendOnce, Outbox"));
    }

    @Test
    void bobShownTheOrderBeforeTheCrashAndAgainAfterTheRestartIsTheAttackSucceeding() throws Exception {
        assertThat(DroppedAnswerRestart.verdict(true, Optional.of(8L), List.of(7L, 8L), 2, true).verdict())
                .isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void twoCopiesInTheHistoryIsTheAttackSucceedingEvenIfBobWasShownOne() throws Exception {
        // Bob back in the room only after the repeat was stored: it is in the history, not shown live.
        assertThat(DroppedAnswerRestart.verdict(true, Optional.of(8L), List.of(7L), 2, true).verdict())
                .isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void aSendThatDidNotCompleteAfterTheRestartIsNotDefeated() {
        assertThatThrownBy(() -> DroppedAnswerRestart.verdict(true, Optional.empty(), List.of(7L), 1, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("did not complete")
                .hasMessageContaining("stored before the crash: true");
    }

    @Test
    void aSendCompletedWithAnotherIdThanTheCopyBobWasShownIsNotDefeated() {
        assertThatThrownBy(() -> DroppedAnswerRestart.verdict(true, Optional.of(9L), List.of(7L), 1, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("completed with id 9");
    }

    @Test
    void noCopyShownOrNoneInTheHistoryIsNotDefeated() {
        assertThatThrownBy(() -> DroppedAnswerRestart.verdict(true, Optional.of(7L), List.of(), 1, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("bob shown it under []");
        assertThatThrownBy(() -> DroppedAnswerRestart.verdict(true, Optional.of(7L), List.of(7L), 0, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("0 cop(ies) in the history");
    }

    @Test
    void aCrashBeforeTheOrderWasStoredIsALabError() {
        assertThatThrownBy(() -> DroppedAnswerRestart.verdict(false, Optional.of(7L), List.of(7L), 1, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lost to the crash");
    }

    @Test
    void aRoomThatStoppedWorkingAfterTheRestartWithOneCopyShownIsNotShownToSucceed() {
        assertThatThrownBy(() -> DroppedAnswerRestart.verdict(true, Optional.of(7L), List.of(7L), 1, false))
                .isInstanceOf(NotShownToSucceedException.class);
    }
}
