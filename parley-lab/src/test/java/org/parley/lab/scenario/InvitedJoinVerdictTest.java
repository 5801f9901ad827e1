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
 * e2e-invited-join has succeeded only when the ghost decrypted the secret or holds the room key that
 * opens it, and is defeated only when alice's client refused the log with the ghost's join
 * ({@code log_forbidden}) while her log holds bob's invitation bound to other keys than the ghost's,
 * and the honest member read the secret (docs/LAB.md). The real client always refuses, so what it
 * showed is built here, including what it would show without the defence.
 */
class InvitedJoinVerdictTest {
    private static final List<RoomError> FORBIDDEN = List.of(RoomError.LOG_FORBIDDEN);

    @Test
    void theGhostDecryptingTheSecretIsTheAttackSucceeding() throws Exception {
        assertThat(InvitedJoin.verdict(true, 0, List.of(), false, true).verdict()).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void aRoomKeyReachingTheGhostIsTheAttackSucceedingEvenIfTheLogWasRefused() throws Exception {
        assertThat(InvitedJoin.verdict(false, 1, FORBIDDEN, true, true).verdict()).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void aLogRefusedForAJoinTheBoundInvitationDoesNotNameWithTheRoomCarryingOnIsTheDefence() throws Exception {
        var outcome = InvitedJoin.verdict(false, 0, FORBIDDEN, true, true);

        assertThat(outcome.verdict()).isEqualTo(Verdict.DEFEATED);
        assertThat(outcome.check().orElseThrow().observed()).isEqualTo("e2e-bound-invitation");
        assertThat(outcome.check().orElseThrow().section()).isEqualTo("14.9; E2EE.md 19.2, 19.4");
        assertThat(outcome.check().orElseThrow().enforcer()).isEqualTo("VerifiedLog");
    }

    @Test
    void withoutTheRefusedLogTheDefenceIsNotShownEvenIfTheGhostGotNothing() {
        // Without the bound-invitation rule the log admits the ghost; a key withheld for the unaccepted
        // device change (another defence) then keeps the secret, and that is not this check.
        assertThatThrownBy(() -> InvitedJoin.verdict(false, 0, List.of(), true, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("log_forbidden")
                .hasMessageContaining("refused no log");
    }

    @Test
    void aLogRefusedForAnotherReasonIsNotTheCheck() {
        assertThatThrownBy(() -> InvitedJoin.verdict(false, 0, List.of(RoomError.LOG_FORKED), true, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("[log_forked]");
    }

    @Test
    void aRefusalWithoutABoundInvitationOfBobsIsNotTheCheck() {
        // An invitation of the old kind (or one naming the ghost's key) cannot be what refused the join.
        assertThatThrownBy(() -> InvitedJoin.verdict(false, 0, FORBIDDEN, false, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("holds no invitation");
    }

    @Test
    void aRoomThatStoppedWorkingIsNotTheAttackSucceedingNorTheDefence() {
        assertThatThrownBy(() -> InvitedJoin.verdict(false, 0, FORBIDDEN, true, false))
                .isInstanceOf(NotShownToSucceedException.class).hasMessageContaining("did not read the secret");
    }
}
