package org.parley.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.ObservedFailure;
import org.parley.lab.Verdict;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.PeerAlertException;
import org.parley.protocol.alert.RecordException;

/**
 * Truncation is defeated only by the client's own truncation check (bad_record(20) raised in
 * SecureChannel, docs/LAB.md), never by an alert the server sent or one raised elsewhere, nor by a
 * ping that timed out. The scenario's tap cuts every server frame once the ping left, so on the wire
 * a server alert reaches the victim only in a race with the ping: these failures are built here.
 */
class TruncationVerdictTest {
    private static Optional<ObservedFailure> failed(Throwable e) {
        return Optional.of(ObservedFailure.of(new ExecutionException(e)));
    }

    @Test
    void anAlertTheServerSentIsNotTheClientsTruncationCheck() {
        assertThatThrownBy(() -> Truncation.verdict(failed(new PeerAlertException(Alert.BAD_RECORD))))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("by the server");
    }

    @Test
    void badRecordRaisedOutsideSecureChannelIsNotTheTruncationCheck() {
        assertThatThrownBy(() -> Truncation.verdict(failed(new RecordException("a bad tag, not a truncation"))))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("TruncationVerdictTest");
    }

    @Test
    void aPingThatTimedOutIsNeitherCaughtNorSucceeded() {
        assertThatThrownBy(() -> Truncation.verdict(Optional.of(ObservedFailure.of(new TimeoutException()))))
                .isInstanceOf(NotCaughtByTheCheckException.class);
    }

    @Test
    void aClientThatTookTheCutForANormalEndWasFooled() throws Exception {
        assertThat(Truncation.verdict(failed(new java.nio.channels.ClosedChannelException())).verdict())
                .isEqualTo(Verdict.SUCCEEDED);
    }
}
