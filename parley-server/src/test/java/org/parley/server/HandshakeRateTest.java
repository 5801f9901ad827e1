package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * Handshake rates per address and for the whole server, on a clock that moves only by hand.
 * Linux routes all of 127.0.0.0/8 to loopback, so each 127.0.0.x is a different client address.
 */
class HandshakeRateTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults()
            .withHandshakeRates(new RequestRate(2, 1), new RequestRate(100, 100)), clock);

    private static InetAddress loopback(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    @Test
    void handshakesOverThePerAddressRateAreRefusedWhileAnotherAddressStillConnects() throws Exception {
        try (TestClient first = TestClient.connectFrom(fixture.address(), loopback(1));
             TestClient second = TestClient.connectFrom(fixture.address(), loopback(1));
             TestClient third = TestClient.connectFrom(fixture.address(), loopback(1));
             TestClient elsewhere = TestClient.connectFrom(fixture.address(), loopback(2))) {
            assertThat(first.established()).isTrue();
            assertThat(second.established()).isTrue();
            assertThat(third.established()).isFalse();
            assertThat(third.closedReason()).contains("LIMIT_EXCEEDED");
            assertThat(elsewhere.established()).isTrue();
        }
    }

    @Test
    void anAddressOverItsRateMayHandshakeAgainOnceTheRateRefilledItsBucket() throws Exception {
        try (TestClient first = TestClient.connectFrom(fixture.address(), loopback(1));
             TestClient second = TestClient.connectFrom(fixture.address(), loopback(1));
             TestClient refused = TestClient.connectFrom(fixture.address(), loopback(1))) {
            assertThat(refused.established()).isFalse();

            clock.advance(Duration.ofSeconds(1));

            try (TestClient later = TestClient.connectFrom(fixture.address(), loopback(1))) {
                assertThat(later.established()).isTrue();
            }
        }
    }

    @Test
    void handshakesOverTheServerWideRateAreRefusedWhateverTheirAddress() throws Exception {
        fixture.restartWith(ServerLimits.defaults().withHandshakeRates(new RequestRate(100, 100), new RequestRate(3, 1)));
        try (TestClient one = TestClient.connectFrom(fixture.address(), loopback(1));
             TestClient two = TestClient.connectFrom(fixture.address(), loopback(2));
             TestClient three = TestClient.connectFrom(fixture.address(), loopback(3));
             TestClient four = TestClient.connectFrom(fixture.address(), loopback(4))) {
            assertThat(three.established()).isTrue();
            assertThat(four.established()).isFalse();
            assertThat(four.closedReason()).contains("LIMIT_EXCEEDED");
        }
    }
}
