package org.parley.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.client.e2ee.DeviceNoticeKind;
import org.parley.client.e2ee.E2eEvent;
import org.parley.e2ee.E2eeError;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.NotShownToSucceedException;
import org.parley.lab.Verdict;
import org.parley.lab.e2e.E2eCast;

/**
 * e2e-prekey-substitution has succeeded only when the operator read the secret, and is defeated only
 * by the refused bundle (bad_signature) and the identity change blocking sending (docs/LAB.md). The
 * real client does not send past a forged prekey, so what it showed is built here.
 */
class PrekeySubstitutionVerdictTest {
    private static final long BOB_DEVICE = 1;

    private static final E2eCast.Attempt REFUSED_BUNDLE = new E2eCast.Attempt(Optional.of("EndToEndException"),
            List.of(new E2eEvent.BundleRefused("bob", BOB_DEVICE, E2eeError.BAD_SIGNATURE, "bad signature")));
    private static final E2eCast.Attempt BLOCKED_SECRET = new E2eCast.Attempt(Optional.of("UnacceptedChangesException"),
            List.of(new E2eEvent.DeviceNotice("bob", BOB_DEVICE, DeviceNoticeKind.IDENTITY_CHANGED, true)));

    @Test
    void aFirstMessageThatLeftDespiteTheForgedPrekeyIsNotTheAttackSucceedingUnlessTheOperatorReadTheSecret() {
        E2eCast.Attempt left = new E2eCast.Attempt(Optional.empty(), List.of());

        assertThatThrownBy(() -> PrekeySubstitution.verdict(false, left, BLOCKED_SECRET, "bob", BOB_DEVICE))
                .isInstanceOf(NotShownToSucceedException.class).hasMessageContaining("the operator did not read");
    }

    @Test
    void aSecretThatLeftButWasNotReadIsNotTheAttackSucceeding() {
        E2eCast.Attempt left = new E2eCast.Attempt(Optional.empty(), List.of());

        assertThatThrownBy(() -> PrekeySubstitution.verdict(false, REFUSED_BUNDLE, left, "bob", BOB_DEVICE))
                .isInstanceOf(NotShownToSucceedException.class);
    }

    @Test
    void aBundleRefusedForAnotherReasonThanItsSignatureIsNotTheCheck() {
        E2eCast.Attempt wrongIdentity = new E2eCast.Attempt(Optional.of("EndToEndException"),
                List.of(new E2eEvent.BundleRefused("bob", BOB_DEVICE, E2eeError.WRONG_IDENTITY, "wrong identity")));

        assertThatThrownBy(() -> PrekeySubstitution.verdict(false, wrongIdentity, BLOCKED_SECRET, "bob", BOB_DEVICE))
                .isInstanceOf(NotCaughtByTheCheckException.class);
    }

    @Test
    void theOperatorReadingTheSecretIsTheAttackSucceeding() throws Exception {
        E2eCast.Attempt left = new E2eCast.Attempt(Optional.empty(), List.of());

        assertThat(PrekeySubstitution.verdict(true, REFUSED_BUNDLE, left, "bob", BOB_DEVICE).verdict())
                .isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void theRefusedBundleAndTheBlockedSecretAreTheDefence() throws Exception {
        assertThat(PrekeySubstitution.verdict(false, REFUSED_BUNDLE, BLOCKED_SECRET, "bob", BOB_DEVICE).verdict())
                .isEqualTo(Verdict.DEFEATED);
    }
}
