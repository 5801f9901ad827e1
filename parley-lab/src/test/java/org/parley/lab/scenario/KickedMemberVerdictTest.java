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
 * e2e-kicked-member is defeated only when the kept state met unknown_chain on what was sent after the
 * kick (docs/LAB.md): reading nothing after the kick proves nothing if nothing sent after it was
 * collected. Which envelopes the server stores is not something the lab's server can be made to
 * drop, so the collected envelopes are given here.
 */
class KickedMemberVerdictTest {
    @Test
    void noEnvelopeSentAfterTheKickCollectedIsNotACaughtAttack() {
        assertThatThrownBy(() -> KickedMember.verdict(List.of(KickedMember.BEFORE), List.of(), true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("no envelope sent after the kick");
    }

    @Test
    void anEnvelopeRefusedForAnotherReasonIsNotTheNewChain() {
        assertThatThrownBy(() -> KickedMember.verdict(List.of(KickedMember.BEFORE), List.of(RoomError.AUTHENTICATION_FAILED),
                true)).isInstanceOf(NotCaughtByTheCheckException.class);
    }

    @Test
    void unknownChainOnEverythingAfterTheKickIsTheDefence() throws Exception {
        assertThat(KickedMember.verdict(List.of(KickedMember.BEFORE), List.of(RoomError.UNKNOWN_CHAIN,
                RoomError.UNKNOWN_CHAIN), true).verdict()).isEqualTo(Verdict.DEFEATED);
    }

    @Test
    void aRoomThatStoppedWorkingForItsMembersIsNotTheAttackSucceeding() {
        assertThatThrownBy(() -> KickedMember.verdict(List.of(KickedMember.BEFORE), List.of(RoomError.UNKNOWN_CHAIN,
                RoomError.UNKNOWN_CHAIN), false)).isInstanceOf(NotShownToSucceedException.class)
                .hasMessageContaining("the remaining members");
    }

    @Test
    void aMessageSentAfterTheKickThatTheKeptStateOpensIsTheAttackSucceeding() throws Exception {
        assertThat(KickedMember.verdict(List.of(KickedMember.BEFORE, KickedMember.AFTER), List.of(RoomError.UNKNOWN_CHAIN),
                false).verdict()).isEqualTo(Verdict.SUCCEEDED);
    }
}
