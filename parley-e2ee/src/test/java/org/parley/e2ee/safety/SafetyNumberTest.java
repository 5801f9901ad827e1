package org.parley.e2ee.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;

class SafetyNumberTest {
    private final Bytes alice = Bytes.fromHex("11".repeat(32));
    private final Bytes bobPhone = Bytes.fromHex("22".repeat(32));
    private final Bytes bobLaptop = Bytes.fromHex("33".repeat(32));

    @Test
    void bothSidesComputeTheSameSixtyDigitsAndQrBytes() {
        SafetyNumber seenByAlice = SafetyNumber.of("alice", List.of(alice), "bob", List.of(bobPhone, bobLaptop));
        SafetyNumber seenByBob = SafetyNumber.of("bob", List.of(bobLaptop, bobPhone), "alice", List.of(alice));

        assertThat(seenByBob).isEqualTo(seenByAlice);
        assertThat(seenByAlice.digits()).hasSize(60).containsOnlyDigits();
        assertThat(seenByAlice.grouped().split(" ")).hasSize(12);
        assertThat(seenByAlice.qrPayload().length()).isEqualTo(65);
        assertThat(seenByAlice.matchesScanned(seenByBob.qrPayload())).isTrue();
    }

    @Test
    void aGhostDeviceOrAChangedKeyChangesTheNumber() {
        SafetyNumber honest = SafetyNumber.of("alice", List.of(alice), "bob", List.of(bobPhone));
        Bytes ghost = Bytes.fromHex("44".repeat(32));

        assertThat(SafetyNumber.of("alice", List.of(alice), "bob", List.of(bobPhone, ghost)).digits())
                .isNotEqualTo(honest.digits());
        assertThat(SafetyNumber.of("alice", List.of(alice), "bob", List.of(ghost)).digits())
                .isNotEqualTo(honest.digits());
        assertThat(SafetyNumber.of("alice", List.of(alice), "bobby", List.of(bobPhone)).digits())
                .isNotEqualTo(honest.digits());
    }
}
