package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.WireFormatException;

/**
 * Full channel-bound SCRAM exchanges between {@link ScramClient} and {@link ScramServer}.
 *
 * <p>To stay fast, most tests use 4,096 iterations through the package-private
 * {@code insecure...} seams; {@link #realParameterSha256ExchangeSucceeds} runs the production
 * path with OWASP's 600,000 iterations.
 */
class ScramExchangeTest {
    private static final int FAST_ITERATIONS = 4096;
    private static final Bytes BINDING_A = TestBindings.binding(0xA1);
    private static final Bytes BINDING_B = TestBindings.binding(0xB2);

    private final SecureRandom random = TestBindings.seededRandom(42);
    private final SecretBytes password = Passwords.normalise("correct horse battery staple".toCharArray());

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void exchangeWithCorrectPasswordAndBindingSucceeds(ScramMechanism mechanism) throws Exception {
        ScramClient client = fastClient(mechanism, "alice", password, BINDING_A);
        ScramServer server = ScramServer.create(BINDING_A, TestBindings.serverSecret(), random);

        Outcome outcome = run(client, server, Optional.of(fastVerifier(mechanism, password)));

        assertThat(outcome.server()).isInstanceOf(ServerAuthStep.Succeeded.class);
        assertThat(((ServerAuthStep.Succeeded) outcome.server()).username()).isEqualTo("alice");
        assertThat(outcome.client()).isEqualTo(new ScramClientStep.Authenticated("alice", mechanism.method()));
    }

    @Test
    void realParameterSha256ExchangeSucceeds() throws Exception {
        ScramVerifier verifier = ScramVerifier.create(ScramMechanism.SCRAM_SHA_256, password, random);
        ScramClient client = ScramClient.start(ScramMechanism.SCRAM_SHA_256, "alice", password, BINDING_A, random);
        ScramServer server = ScramServer.create(BINDING_A, TestBindings.serverSecret(), random);

        Outcome outcome = run(client, server, Optional.of(verifier));

        assertThat(verifier.iterations()).isEqualTo(600_000);
        assertThat(verifier.salt().length()).isEqualTo(16);
        assertThat(outcome.client()).isEqualTo(new ScramClientStep.Authenticated("alice", AuthMethod.SCRAM_SHA_256));
    }

    @Test
    void wrongPasswordFailsWithInvalidCredentials() throws Exception {
        SecretBytes wrong = Passwords.normalise("correct horse battery stapler".toCharArray());
        ScramClient client = fastClient(ScramMechanism.SCRAM_SHA_256, "alice", wrong, BINDING_A);
        ScramServer server = ScramServer.create(BINDING_A, TestBindings.serverSecret(), random);

        Outcome outcome = run(client, server, Optional.of(fastVerifier(ScramMechanism.SCRAM_SHA_256, password)));

        assertThat(outcome.server()).isEqualTo(invalidCredentials(ServerAuthStep.Detail.WRONG_PASSWORD));
        assertThat(outcome.client()).isEqualTo(new ScramClientStep.Failed(ScramClientStep.Reason.REJECTED_BY_SERVER,
                Optional.of(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS))));
    }

    @Test
    void exchangeRelayedBetweenConnectionsFails() throws Exception {
        // The client talks to a relay on connection A; the relay replays its messages on connection B.
        ScramClient client = fastClient(ScramMechanism.SCRAM_SHA_256, "alice", password, BINDING_A);
        ScramServer server = ScramServer.create(BINDING_B, TestBindings.serverSecret(), random);

        Outcome outcome = run(client, server, Optional.of(fastVerifier(ScramMechanism.SCRAM_SHA_256, password)));

        assertThat(outcome.server()).isEqualTo(invalidCredentials(ServerAuthStep.Detail.CHANNEL_BINDING_MISMATCH));
    }

    @Test
    void passwordsDifferingOnlyInUnicodeNormalisationAreTheSame() throws Exception {
        SecretBytes decomposed = Passwords.normalise("cafe\u0301".toCharArray());
        SecretBytes precomposed = Passwords.normalise("caf\u00e9".toCharArray());
        ScramClient client = fastClient(ScramMechanism.SCRAM_SHA_256, "Zoe\u0308", decomposed, BINDING_A);
        ScramServer server = ScramServer.create(BINDING_A, TestBindings.serverSecret(), random);

        Outcome outcome = run(client, server, Optional.of(fastVerifier(ScramMechanism.SCRAM_SHA_256, precomposed)));

        assertThat(outcome.client()).isEqualTo(new ScramClientStep.Authenticated("Zo\u00eb", AuthMethod.SCRAM_SHA_256));
    }

    @Test
    void usernameWithCommaAndEqualsSurvivesSaslnameEscaping() throws Exception {
        ScramClient client = fastClient(ScramMechanism.SCRAM_SHA_512, "a,b=c", password, BINDING_A);
        ScramServer server = ScramServer.create(BINDING_A, TestBindings.serverSecret(), random);

        assertThat(client.firstMessage().text()).startsWith("p=parley-exporter,,n=a=2Cb=3Dc,r=");
        assertThat(server.receive(client.firstMessage()))
                .isEqualTo(new ServerAuthStep.LookUpUser("a,b=c", ScramMechanism.SCRAM_SHA_512));
    }

    @Test
    void verifierOfAnotherMechanismIsTreatedAsUnknownUser() throws Exception {
        ScramClient client = fastClient(ScramMechanism.SCRAM_SHA_256, "alice", password, BINDING_A);
        ScramServer server = ScramServer.create(BINDING_A, TestBindings.serverSecret(), random);

        Outcome outcome = run(client, server, Optional.of(fastVerifier(ScramMechanism.SCRAM_SHA_512, password)));

        assertThat(outcome.server()).isEqualTo(invalidCredentials(ServerAuthStep.Detail.UNKNOWN_USER));
    }

    static ScramClient fastClient(ScramMechanism mechanism, String user, SecretBytes password, Bytes binding) {
        return ScramClient.insecureWithMinimumIterations(mechanism, user, password, binding,
                TestBindings.seededRandom(7), FAST_ITERATIONS);
    }

    static ScramVerifier fastVerifier(ScramMechanism mechanism, SecretBytes password) {
        return ScramVerifier.insecureForTests(mechanism, password, Bytes.fromHex("000102030405060708090a0b0c0d0e0f"),
                FAST_ITERATIONS);
    }

    static ServerAuthStep.Failed invalidCredentials(ServerAuthStep.Detail detail) {
        return new ServerAuthStep.Failed(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS), detail);
    }

    /** The last step each side reached. */
    record Outcome(ServerAuthStep server, ScramClientStep client) {
    }

    /** Runs the exchange, sending every message through the codec as the channel would. */
    static Outcome run(ScramClient client, ScramServer server, Optional<ScramVerifier> stored)
            throws WireFormatException {
        ServerAuthStep lookup = server.receive(viaWire(client.firstMessage()));
        if (!(lookup instanceof ServerAuthStep.LookUpUser)) {
            return new Outcome(lookup, null);
        }
        ServerAuthStep.Reply serverFirst = (ServerAuthStep.Reply) server.userLookedUp(stored);
        ScramClientStep clientFinal = client.receive(viaWire(serverFirst.message()));
        if (!(clientFinal instanceof ScramClientStep.Send send)) {
            return new Outcome(serverFirst, clientFinal);
        }
        ServerAuthStep verdict = server.receive(viaWire(send.message()));
        ScramClientStep last = switch (verdict) {
            case ServerAuthStep.Succeeded s -> {
                ScramClientStep step = null;
                for (AuthMessage reply : s.replies()) {
                    step = client.receive(viaWire(reply));
                }
                yield step;
            }
            case ServerAuthStep.Failed f -> client.receive(viaWire(f.reply()));
            case ServerAuthStep.LookUpUser l -> throw new AssertionError("unexpected " + l);
            case ServerAuthStep.Reply r -> throw new AssertionError("unexpected " + r);
        };
        return new Outcome(verdict, last);
    }

    static AuthMessage viaWire(AuthMessage message) throws WireFormatException {
        return AuthCodec.decode(AuthCodec.encode(message));
    }
}
