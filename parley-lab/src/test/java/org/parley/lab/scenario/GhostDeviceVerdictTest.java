package org.parley.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.client.e2ee.DeviceNoticeKind;
import org.parley.client.e2ee.E2eEvent;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.NotShownToSucceedException;
import org.parley.lab.Verdict;

/**
 * e2e-ghost-device has succeeded only when the operator read the secret with the ghost, and is
 * defeated only when the safety number changed, the ghost was shown and sending was blocked
 * (docs/LAB.md). The real client always shows the ghost, so what it showed is built here.
 */
class GhostDeviceVerdictTest {
    private static final long GHOST = 2;
    private static final List<E2eEvent> BLOCKING_NOTICE = List.of(
            new E2eEvent.DeviceNotice("bob", GHOST, DeviceNoticeKind.ADDED, true));
    private static final Optional<String> BLOCKED = Optional.of("UnacceptedChangesException");

    @Test
    void aGhostNotShownIsNotTheAttackSucceedingUnlessTheOperatorReadTheSecret() {
        assertThatThrownBy(() -> GhostDevice.verdict(false, true, List.of(), Optional.empty(), GHOST))
                .isInstanceOf(NotShownToSucceedException.class).hasMessageContaining("the operator did not read");
    }

    @Test
    void anUnchangedSafetyNumberIsNotTheAttackSucceedingUnlessTheOperatorReadTheSecret() {
        assertThatThrownBy(() -> GhostDevice.verdict(false, false, BLOCKING_NOTICE, BLOCKED, GHOST))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("safety number");
    }

    @Test
    void theOperatorReadingTheSecretIsTheAttackSucceeding() throws Exception {
        assertThat(GhostDevice.verdict(true, true, List.of(new E2eEvent.DeviceNotice("bob", GHOST, DeviceNoticeKind.ADDED,
                false)), Optional.empty(), GHOST).verdict()).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void aChangedSafetyNumberTheGhostShownAndSendingBlockedAreTheDefence() throws Exception {
        assertThat(GhostDevice.verdict(false, true, BLOCKING_NOTICE, BLOCKED, GHOST).verdict()).isEqualTo(Verdict.DEFEATED);
    }
}
