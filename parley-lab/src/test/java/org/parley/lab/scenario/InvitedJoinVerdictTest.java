package org.parley.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.NotShownToSucceedException;
import org.parley.lab.Verdict;

/**
 * e2e-invited-join has succeeded only when the ghost decrypted the secret, and is defeated only when
 * alice's client withheld its key from the ghost for bob's unaccepted device change and the honest
 * member read the secret (docs/LAB.md). The real client always withholds, so what it showed is
 * built here.
 */
class InvitedJoinVerdictTest {
    private static final long GHOST = 3;
    private static final List<RoomEvent> WITHHELD = List.of(new RoomEvent.Notice("den", RoomNoticeKind.KEY_WITHHELD_UNACCEPTED,
            "bob", GHOST, "unaccepted_changes"));

    @Test
    void theGhostDecryptingTheSecretIsTheAttackSucceeding() throws Exception {
        assertThat(InvitedJoin.verdict(true, List.of(), GHOST, true).verdict()).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void aKeyWithheldForTheUnacceptedChangeWithTheRoomCarryingOnIsTheDefence() throws Exception {
        var outcome = InvitedJoin.verdict(false, WITHHELD, GHOST, true);

        assertThat(outcome.verdict()).isEqualTo(Verdict.DEFEATED);
        assertThat(outcome.check().orElseThrow().enforcer()).isEqualTo("RoomPairwise");
    }

    @Test
    void aKeyWithheldBecauseTheAccountDoesNotListTheDeviceIsNotTheCheck() {
        List<RoomEvent> notListed = List.of(new RoomEvent.Notice("den", RoomNoticeKind.KEY_WITHHELD_NOT_LISTED, "bob", GHOST,
                "not_listed"));

        assertThatThrownBy(() -> InvitedJoin.verdict(false, notListed, GHOST, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("key_withheld_not_listed");
    }

    @Test
    void aKeyWithheldFromAnotherDeviceIsNotTheCheck() {
        assertThatThrownBy(() -> InvitedJoin.verdict(false, WITHHELD, GHOST + 1, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("showed nothing");
    }

    @Test
    void aRoomThatStoppedWorkingIsNotTheAttackSucceedingNorTheDefence() {
        assertThatThrownBy(() -> InvitedJoin.verdict(false, WITHHELD, GHOST, false))
                .isInstanceOf(NotShownToSucceedException.class).hasMessageContaining("did not read the secret");
    }
}
