package org.parley.desktop.e2ee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.desktop.e2ee.SafetyComparison.Outcome;
import org.parley.e2ee.safety.SafetyNumber;

class SafetyComparisonTest {
    private final Bytes aliceKey = Bytes.fromHex("11".repeat(32));
    private final Bytes bobKey = Bytes.fromHex("22".repeat(32));
    private final SafetyNumber ours = SafetyNumber.of("alice", List.of(aliceKey), "bob", List.of(bobKey));
    private final SafetyNumber theirs = SafetyNumber.of("bob", List.of(bobKey), "alice", List.of(aliceKey));
    private final SafetyNumber ghost = SafetyNumber.of("bob", List.of(bobKey, Bytes.fromHex("33".repeat(32))),
            "alice", List.of(aliceKey));

    @Test
    void theOtherSidesDigitsMatchInAnyGrouping() {
        assertThat(SafetyComparison.pasted(ours, theirs.grouped())).isEqualTo(Outcome.MATCH);
        assertThat(SafetyComparison.pasted(ours, theirs.digits())).isEqualTo(Outcome.MATCH);
        assertThat(SafetyComparison.pasted(ours, " " + theirs.grouped().replace(' ', '\n') + " ")).isEqualTo(Outcome.MATCH);
    }

    @Test
    void aGhostDeviceOnTheOtherSideGivesNoMatchByDigitsPayloadOrScan() {
        assertThat(SafetyComparison.pasted(ours, ghost.digits())).isEqualTo(Outcome.NO_MATCH);
        assertThat(SafetyComparison.pasted(ours, ghost.qrPayload().toHex())).isEqualTo(Outcome.NO_MATCH);
        assertThat(SafetyComparison.scanned(ours, ghost.qrPayload())).isEqualTo(Outcome.NO_MATCH);
        assertThat(SafetyComparison.scanned(ours, theirs.qrPayload())).isEqualTo(Outcome.MATCH);
    }

    @Test
    void textThatIsNeitherDigitsNorAPayloadIsUnreadableNotANoMatch() {
        assertThat(SafetyComparison.pasted(ours, theirs.digits().substring(1))).isEqualTo(Outcome.UNREADABLE);
        assertThat(SafetyComparison.pasted(ours, "zz".repeat(65))).isEqualTo(Outcome.UNREADABLE);
        assertThat(SafetyComparison.pasted(ours, "1".repeat(SafetyComparison.MAX_PASTED_CHARS + 1)))
                .isEqualTo(Outcome.UNREADABLE);
        assertThat(SafetyComparison.scanned(ours, Bytes.fromHex("01"))).isEqualTo(Outcome.UNREADABLE);
    }
}
