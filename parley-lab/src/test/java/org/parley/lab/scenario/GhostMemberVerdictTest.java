package org.parley.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.e2ee.group.RoomError;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.NotShownToSucceedException;
import org.parley.lab.Verdict;

/**
 * e2e-ghost-member has succeeded only when the ghost appears among the members or a room key reached
 * the operator's device, and is defeated only when both clients refused the served log with
 * log_forbidden and alice and bob kept reading each other (docs/LAB.md). The real clients always
 * refuse the log, so what they showed is given here.
 */
class GhostMemberVerdictTest {
    private static final List<RoomError> FORBIDDEN = List.of(RoomError.LOG_FORBIDDEN);

    @Test
    void aClientThatShowedNoProblemIsNotTheAttackSucceedingWithoutTheGhostGettingAnything() {
        assertThatThrownBy(() -> GhostMember.verdict(FORBIDDEN, List.of(), false, 0, true))
                .isInstanceOf(NotShownToSucceedException.class).hasMessageContaining("no key");
    }

    @Test
    void aRoomThatStoppedWorkingIsNotTheAttackSucceeding() {
        assertThatThrownBy(() -> GhostMember.verdict(FORBIDDEN, FORBIDDEN, false, 0, false))
                .isInstanceOf(NotShownToSucceedException.class).hasMessageContaining("no longer read each other");
    }

    @Test
    void aLogRefusedForAnotherReasonIsNotTheCheck() {
        assertThatThrownBy(() -> GhostMember.verdict(FORBIDDEN, List.of(RoomError.LOG_BROKEN), false, 0, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("log_forbidden");
    }

    @Test
    void theGhostAmongTheMembersIsTheAttackSucceeding() throws Exception {
        assertThat(GhostMember.verdict(List.of(), List.of(), true, 0, true).verdict()).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void aRoomKeyThatReachedTheOperatorIsTheAttackSucceeding() throws Exception {
        assertThat(GhostMember.verdict(FORBIDDEN, FORBIDDEN, false, 1, false).verdict()).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void logForbiddenByBothNoKeyForTheGhostAndARoomThatCarriesOnAreTheDefence() throws Exception {
        assertThat(GhostMember.verdict(FORBIDDEN, FORBIDDEN, false, 0, true).verdict()).isEqualTo(Verdict.DEFEATED);
    }
}
