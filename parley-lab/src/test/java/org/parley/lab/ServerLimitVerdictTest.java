package org.parley.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.parley.lab.net.AttackerProxy;
import org.parley.lab.net.FrameTap;
import org.parley.server.ParleyServer;
import org.parley.server.RegistrationPolicy;
import org.parley.server.ServerSettings;

/**
 * slow-loris is defeated only by the handshake deadline and oversized-frame only by record_overflow(22)
 * (docs/LAB.md), never by a connection that closed at once for another reason: here the server sits
 * behind a relay and stops after the lab signed up, so the relay closes every later connection as soon
 * as it is opened, without an alert and long before any deadline.
 */
class ServerLimitVerdictTest {
    @TempDir
    static Path work;

    private static AttackerProxy relay;
    private static LabTarget target;
    private static final Lab LAB = Lab.standard();

    @BeforeAll
    static void signUpThenStopTheServerBehindTheRelay() throws Exception {
        ParleyServer server = ParleyServer.start(ServerSettings.defaults(work.resolve("server"))
                .withBind(new InetSocketAddress("127.0.0.1", 0)).withRegistration(RegistrationPolicy.OPEN)
                .withLimits(LabTarget.labLimits()));
        try {
            relay = AttackerProxy.start(server.address(), FrameTap.PASSIVE);
            target = LabTarget.remote(relay.address(), work.resolve("lab"));
        } finally {
            server.close();
        }
    }

    @AfterAll
    static void stopTheRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    @ParameterizedTest(name = "{0}: a connection closed at once is not the server's limit")
    @ValueSource(strings = {"slow-loris", "oversized-frame"})
    void aConnectionClosedAtOnceForAnotherReasonIsNotTheLimit(String name) {
        ScenarioResult result = LAB.run(LAB.find(name).orElseThrow(), Variant.PARLEY, target);

        assertThat(result.outcome().map(Outcome::verdict)).as(String.join("\n",
                LabText.forLocale(Locale.ENGLISH).narrate(result))).isNotEqualTo(Optional.of(Verdict.DEFEATED));
        assertThat(result.asExpected()).isFalse();
    }
}
