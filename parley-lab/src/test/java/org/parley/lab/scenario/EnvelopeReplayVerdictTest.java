package org.parley.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.e2ee.E2eeError;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.NotShownToSucceedException;
import org.parley.lab.Verdict;

/**
 * e2e-envelope-replay has succeeded only when bob was shown the copy as a message (again, or twice in
 * his history), and is defeated only when the copy was a duplicate_message failure, the history
 * holds the message once and alice's next message arrived (docs/LAB.md). The real client always
 * drops the copy, so what bob saw is given here.
 */
class EnvelopeReplayVerdictTest {
    private static final List<E2eeError> DUPLICATE = List.of(E2eeError.DUPLICATE_MESSAGE);

    @Test
    void aConversationThatStoppedWorkingIsNotTheReplaySucceeding() {
        assertThatThrownBy(() -> EnvelopeReplay.verdict(false, 1, DUPLICATE, false))
                .isInstanceOf(NotShownToSucceedException.class).hasMessageContaining("next message");
    }

    @Test
    void theCopyShownAgainAsAMessageIsTheReplaySucceeding() throws Exception {
        assertThat(EnvelopeReplay.verdict(true, 1, List.of(), true).verdict()).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void theMessageTwiceInTheHistoryIsTheReplaySucceeding() throws Exception {
        assertThat(EnvelopeReplay.verdict(false, 2, List.of(), false).verdict()).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void aCopyNotShownAsADuplicateMessageFailureIsNotTheCheck() {
        assertThatThrownBy(() -> EnvelopeReplay.verdict(false, 1, List.of(), true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("duplicate_message");
        assertThatThrownBy(() -> EnvelopeReplay.verdict(false, 1, List.of(E2eeError.AUTHENTICATION_FAILED), true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("authentication_failed");
        assertThatThrownBy(() -> EnvelopeReplay.verdict(false, 1, List.of(E2eeError.DUPLICATE_MESSAGE,
                E2eeError.AUTHENTICATION_FAILED), true)).isInstanceOf(NotCaughtByTheCheckException.class);
    }

    @Test
    void aMessageGoneFromTheHistoryIsNotTheCheck() {
        assertThatThrownBy(() -> EnvelopeReplay.verdict(false, 0, DUPLICATE, true))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("history");
    }

    @Test
    void aDuplicateMessageFailureOnceInTheHistoryAndTheNextMessageArrivingAreTheDefence() throws Exception {
        assertThat(EnvelopeReplay.verdict(false, 1, DUPLICATE, true).verdict()).isEqualTo(Verdict.DEFEATED);
    }
}
