package org.parley.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.Verdict;
import org.parley.protocol.alert.Alert;

/**
 * slow-loris is defeated on the lab's own server only when its audit log has the handshake_timeout
 * event of the attacker's connection, and with --server (no audit log) by a close without an alert no
 * sooner than the deadline (docs/LAB.md). The real server always writes the event, so whether it did
 * is given here.
 */
class SlowLorisVerdictTest {
    private static final Duration EARLIEST = Duration.ofMillis(2750);
    private static final Duration LATE = Duration.ofSeconds(3);

    @Test
    void aCloseAtTheDeadlineWithoutTheAuditEventOfThisConnectionIsNotTheDeadlineOnTheLabsServer() {
        assertThatThrownBy(() -> ServerLimitAttack.slowLorisVerdict(EARLIEST, LATE, Optional.empty(), Optional.of(false)))
                .isInstanceOf(NotCaughtByTheCheckException.class).hasMessageContaining("handshake_timeout");
    }

    @Test
    void theAuditEventOfThisConnectionIsTheDeadlineOnTheLabsServer() throws Exception {
        assertThat(ServerLimitAttack.slowLorisVerdict(EARLIEST, LATE, Optional.empty(), Optional.of(true)).verdict())
                .isEqualTo(Verdict.DEFEATED);
    }

    @Test
    void aCloseWithAnAlertIsARefusalNotTheDeadline() {
        assertThatThrownBy(() -> ServerLimitAttack.slowLorisVerdict(EARLIEST, LATE, Optional.of(Alert.LIMIT_EXCEEDED),
                Optional.of(true))).isInstanceOf(NotCaughtByTheCheckException.class);
    }

    @Test
    void withoutAnAuditLogACloseNoSoonerThanTheDeadlineIsTheDeadline() throws Exception {
        assertThat(ServerLimitAttack.slowLorisVerdict(EARLIEST, LATE, Optional.empty(), Optional.empty()).verdict())
                .isEqualTo(Verdict.DEFEATED);
        assertThatThrownBy(() -> ServerLimitAttack.slowLorisVerdict(EARLIEST, Duration.ofMillis(100), Optional.empty(),
                Optional.empty())).isInstanceOf(NotCaughtByTheCheckException.class);
    }
}
