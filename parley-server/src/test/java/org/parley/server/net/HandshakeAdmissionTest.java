package org.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.server.chat.RequestRate;
import org.parley.server.log.AuditLog;
import org.parley.server.testing.ManualClock;

/** Handshake tokens per address and server-wide, and which refusals are the first of their burst. */
class HandshakeAdmissionTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void onlyTheFirstRefusalOfABurstIsMarkedForTheLogAndAnAdmissionStartsANewBurst() throws Exception {
        HandshakeAdmission admission = new HandshakeAdmission(new RequestRate(1, 1), new RequestRate(100, 100), clock,
                new AuditLog());
        assertThat(admission.tryAdmit(address(1))).isEmpty();

        Optional<HandshakeAdmission.Refusal> first = admission.tryAdmit(address(1));
        Optional<HandshakeAdmission.Refusal> second = admission.tryAdmit(address(1));
        clock.advance(Duration.ofSeconds(1));
        Optional<HandshakeAdmission.Refusal> afterRefill = admission.tryAdmit(address(1));
        Optional<HandshakeAdmission.Refusal> nextBurst = admission.tryAdmit(address(1));

        assertThat(first).map(HandshakeAdmission.Refusal::firstOfBurst).contains(true);
        assertThat(second).map(HandshakeAdmission.Refusal::firstOfBurst).contains(false);
        assertThat(afterRefill).isEmpty();
        assertThat(nextBurst).map(HandshakeAdmission.Refusal::firstOfBurst).contains(true);
    }

    @Test
    void anAddressRefusedForItsOwnRateDoesNotSpendTheServerWideTokens() throws Exception {
        HandshakeAdmission admission = new HandshakeAdmission(new RequestRate(1, 1), new RequestRate(2, 1), clock,
                new AuditLog());
        assertThat(admission.tryAdmit(address(1))).isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThat(admission.tryAdmit(address(1))).map(HandshakeAdmission.Refusal::why).contains(
                    "handshake rate of this address exceeded");
        }

        assertThat(admission.tryAdmit(address(2))).isEmpty();
        assertThat(admission.tryAdmit(address(3))).map(HandshakeAdmission.Refusal::why)
                .contains("handshake rate of the server exceeded");
    }

    @Test
    void addressesWhoseBucketsRefilledAreForgottenAndARecentOneIsKept() throws Exception {
        HandshakeAdmission admission = new HandshakeAdmission(new RequestRate(2, 1), new RequestRate(10_000, 10_000), clock,
                new AuditLog());
        for (int i = 0; i < 200; i++) {
            admission.tryAdmit(address(i));
        }
        assertThat(admission.tracked()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(5));
        admission.tryAdmit(address(250));
        admission.tryAdmit(address(250));

        assertThat(admission.tracked()).as("every earlier bucket refilled; 10.0.0.250 just spent its burst").isEqualTo(1);
        assertThat(admission.tryAdmit(address(250))).as("still limited: its bucket was kept").isPresent();
    }
}
