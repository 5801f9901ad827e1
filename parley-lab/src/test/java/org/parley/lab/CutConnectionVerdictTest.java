package org.parley.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.lab.net.AttackerProxy;
import org.parley.lab.net.TapAction;
import org.parley.server.ParleyServer;
import org.parley.server.RegistrationPolicy;
import org.parley.server.ServerSettings;

/**
 * The login scenarios are "defeated" only by the refusal they are about (the throttle's or SCRAM's
 * answer), never by a connection that the network cut: here the victim's server sits behind a
 * network that cuts every connection from the N-th on, and no verdict may say the attack was caught.
 */
class CutConnectionVerdictTest {
    @TempDir
    static Path work;

    private static ParleyServer server;
    private static final Lab LAB = Lab.standard();

    @BeforeAll
    static void startAServerWithoutAPasswordThrottle() throws Exception {
        server = ParleyServer.start(ServerSettings.defaults(work.resolve("server"))
                .withBind(new InetSocketAddress("127.0.0.1", 0)).withRegistration(RegistrationPolicy.OPEN)
                .withLimits(LabTarget.labLimits().withLoginAttempts(1_000, 10_000)));
    }

    @AfterAll
    static void stopIt() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs {@code name} against the server behind a network that cuts connection {@code cutFrom} and every later one. */
    private static ScenarioResult behindANetworkThatCutsFrom(int cutFrom, String name, Path dir) throws Exception {
        try (AttackerProxy network = AttackerProxy.start(server.address(),
                (link, direction, index, frame) -> link.id() >= cutFrom ? TapAction.CUT : TapAction.FORWARD);
                LabTarget target = LabTarget.remote(network.address(), dir)) {
            return LAB.run(LAB.find(name).orElseThrow(), Variant.PARLEY, target);
        }
    }

    private static void assertNotDefeated(ScenarioResult result) {
        assertThat(result.outcome().map(Outcome::verdict)).as(String.join("\n",
                LabText.forLocale(Locale.ENGLISH).narrate(result))).isNotEqualTo(Optional.of(Verdict.DEFEATED));
        assertThat(result.asExpected()).isFalse();
    }

    @Test
    void aRightPasswordLoginCutByTheNetworkIsNotTheThrottlesRefusal() throws Exception {
        // 1: the lab's sign-up, 2: the victim's registration, 3..7: five wrong guesses, 8: the right password.
        assertNotDefeated(behindANetworkThatCutsFrom(8, "brute-force", work.resolve("brute")));
    }

    @Test
    void aRelayedLoginCutByTheNetworkIsNotScramsRefusal() throws Exception {
        // 1: the lab's sign-up, 2: the victim's registration, 3: the relay's own connection to the server.
        assertNotDefeated(behindANetworkThatCutsFrom(3, "login-relay", work.resolve("relay")));
    }
}
