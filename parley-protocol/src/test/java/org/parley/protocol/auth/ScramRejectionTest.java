package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.protocol.auth.ScramExchangeTest.fastClient;
import static org.parley.protocol.auth.ScramExchangeTest.fastVerifier;
import static org.parley.protocol.auth.ScramExchangeTest.invalidCredentials;
import static org.parley.protocol.auth.ScramExchangeTest.run;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/** What each side of SCRAM refuses: missing binding, unknown users, tampering, weak parameters, bad order. */
class ScramRejectionTest {
    private static final Bytes BINDING = TestBindings.binding(0xA1);

    private final SecureRandom random = TestBindings.seededRandom(1);
    private final SecretBytes password = Passwords.normalise("hunter2hunter2".toCharArray());

    private ScramServer newServer() {
        return ScramServer.create(BINDING, TestBindings.serverSecret(), random);
    }

    @ParameterizedTest
    @ValueSource(strings = {"n,,n=alice,r=abcdefgh", "y,,n=alice,r=abcdefgh", "p=tls-exporter,,n=alice,r=abcdefgh"})
    void serverRejectsClientFirstWithoutParleyChannelBinding(String clientFirst) {
        ServerAuthStep step = newServer().receive(new ScramClientFirst(ScramMechanism.SCRAM_SHA_256, clientFirst));

        assertThat(step).isEqualTo(new ServerAuthStep.Failed(AuthFailed.of(AuthFailureCode.CHANNEL_BINDING_REQUIRED),
                ServerAuthStep.Detail.GS2_FLAG_REJECTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "p=parley-exporter,a=bob,n=alice,r=abcdefgh",   // authorization identity
        "n,a=bob,n=alice,r=abcdefgh",                   // authorization identity, checked before the flag
        "p=parley-exporter,,n=alice,r=abcdefgh,x=ext",  // extension
        "p=parley-exporter,,r=abcdefgh,n=alice",        // wrong order
        "p=parley-exporter,,n=al=ice,r=abcdefgh",       // bad saslname escape
        "p=parley-exporter,,n=,r=abcdefgh",             // empty name
        "p=parley-exporter,,n=alice,r=",                // empty nonce
        "p=parley-exporter,,n=alice,r=ab\u00e9",        // non-ASCII nonce
        "p=parley-exporter,,n=e\u0301,r=abcdefgh",      // name not in NFC
        "m=x,,n=alice,r=abcdefgh",
        "p=parley-exporter"
    })
    void serverRejectsMalformedClientFirst(String clientFirst) {
        ServerAuthStep step = newServer().receive(new ScramClientFirst(ScramMechanism.SCRAM_SHA_256, clientFirst));

        assertThat(step).isEqualTo(new ServerAuthStep.Failed(AuthFailed.of(AuthFailureCode.MALFORMED_MESSAGE),
                ServerAuthStep.Detail.MALFORMED));
    }

    @Test
    void unknownUserFailsExactlyLikeWrongPassword() throws Exception {
        SecretBytes wrong = Passwords.normalise("not the password".toCharArray());

        var unknown = run(fastClient(ScramMechanism.SCRAM_SHA_256, "nobody", password, BINDING), newServer(), Optional.empty());
        var wrongPassword = run(fastClient(ScramMechanism.SCRAM_SHA_256, "alice", wrong, BINDING), newServer(),
                Optional.of(fastVerifier(ScramMechanism.SCRAM_SHA_256, password)));

        assertThat(unknown.server()).isEqualTo(invalidCredentials(ServerAuthStep.Detail.UNKNOWN_USER));
        assertThat(wrongPassword.server()).isEqualTo(invalidCredentials(ServerAuthStep.Detail.WRONG_PASSWORD));
        assertThat(unknown.client()).isEqualTo(wrongPassword.client());
        assertThat(AuthCodec.encode(((ServerAuthStep.Failed) unknown.server()).reply()))
                .isEqualTo(AuthCodec.encode(((ServerAuthStep.Failed) wrongPassword.server()).reply()));
    }

    @Test
    void unknownUserServerFirstHasTheFormOfARealOne() {
        ScramVerifier real = ScramVerifier.insecureForTests(ScramMechanism.SCRAM_SHA_256, password,
                Bytes.fromHex("00112233445566778899aabbccddeeff"), ScramMechanism.SCRAM_SHA_256.defaultIterations());

        String forUnknown = serverFirstFor("nobody", Optional.empty());
        String forReal = serverFirstFor("alice", Optional.of(real));

        assertThat(forUnknown.length()).isEqualTo(forReal.length());
        assertThat(field(forUnknown, 's')).hasSize(field(forReal, 's').length());
        assertThat(Bytes.wrapOwned(java.util.Base64.getDecoder().decode(field(forUnknown, 's'))).length()).isEqualTo(16);
        assertThat(field(forUnknown, 'i')).isEqualTo("600000").isEqualTo(field(forReal, 'i'));
    }

    @Test
    void unknownUserSaltIsStablePerNameAndDiffersAcrossNamesAndMechanisms() {
        String first = field(serverFirstFor("nobody", Optional.empty()), 's');
        String again = field(serverFirstFor("nobody", Optional.empty()), 's');
        String other = field(serverFirstFor("somebody", Optional.empty()), 's');
        String otherMechanism = field(serverFirstFor(ScramMechanism.SCRAM_SHA_512, "nobody"), 's');

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(otherMechanism).isNotEqualTo(first);
    }

    @Test
    void serverRejectsClientFinalWithTamperedNonce() throws Exception {
        ScramClient client = fastClient(ScramMechanism.SCRAM_SHA_256, "alice", password, BINDING);
        ScramServer server = newServer();
        server.receive(client.firstMessage());
        var serverFirst = (ServerAuthStep.Reply) server.userLookedUp(Optional.of(fastVerifier(ScramMechanism.SCRAM_SHA_256, password)));
        var send = (ScramClientStep.Send) client.receive(serverFirst.message());
        String text = ((ScramClientFinal) send.message()).text();
        int nonceStart = text.indexOf(",r=") + 3;
        char flipped = text.charAt(nonceStart) == 'A' ? 'B' : 'A';
        String tampered = text.substring(0, nonceStart) + flipped + text.substring(nonceStart + 1);

        ServerAuthStep step = server.receive(new ScramClientFinal(tampered));

        assertThat(step).isEqualTo(invalidCredentials(ServerAuthStep.Detail.NONCE_MISMATCH));
    }

    @Test
    void clientRejectsServerNonceThatDoesNotExtendItsOwn() {
        ScramClient client = fastClient(ScramMechanism.SCRAM_SHA_256, "alice", password, BINDING);

        ScramClientStep step = client.receive(new ScramServerFirst("r=someoneElsesNonce,s=AAECAwQFBgcICQoLDA0ODw==,i=4096"));

        assertThat(step).isEqualTo(new ScramClientStep.Failed(ScramClientStep.Reason.NONCE_MISMATCH, Optional.empty()));
    }

    @Test
    void productionClientRefusesIterationsBelowOwaspMinimum() {
        ScramClient client = ScramClient.start(ScramMechanism.SCRAM_SHA_256, "alice", password, BINDING, random);
        String nonce = field(client.firstMessage().text().substring("p=parley-exporter,,".length()), 'r');

        ScramClientStep step = client.receive(new ScramServerFirst("r=" + nonce + "xyz,s=AAECAwQFBgcICQoLDA0ODw==,i=599999"));

        assertThat(step).isEqualTo(new ScramClientStep.Failed(ScramClientStep.Reason.ITERATIONS_TOO_LOW, Optional.empty()));
    }

    @Test
    void sha512ClientRefusesIterationsBelowItsMinimum() {
        ScramClient client = ScramClient.start(ScramMechanism.SCRAM_SHA_512, "alice", password, BINDING, random);
        String nonce = field(client.firstMessage().text().substring("p=parley-exporter,,".length()), 'r');

        ScramClientStep step = client.receive(new ScramServerFirst("r=" + nonce + "xyz,s=AAECAwQFBgcICQoLDA0ODw==,i=209999"));

        assertThat(step).isEqualTo(new ScramClientStep.Failed(ScramClientStep.Reason.ITERATIONS_TOO_LOW, Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s=AAECAwQFBgcICQoLDA0ODw==,r=x,i=4096", "r=x,s=AAECAwQFBgcICQoLDA0ODw==,i=04096",
        "r=x,s=AAECAwQFBgcICQoLDA0ODw,i=4096", "r=x,s=,i=4096", "r=x,s=AAECAwQFBgcICQoLDA0ODw==,i=99999999999",
        "m=ext,r=x,s=AAECAwQFBgcICQoLDA0ODw==,i=4096", "e=other-error"})
    void clientRejectsMalformedServerFirst(String serverFirst) {
        ScramClient client = fastClient(ScramMechanism.SCRAM_SHA_256, "alice", password, BINDING);

        ScramClientStep step = client.receive(new ScramServerFirst(serverFirst));

        assertThat(step).isEqualTo(new ScramClientStep.Failed(ScramClientStep.Reason.MALFORMED_SERVER_MESSAGE, Optional.empty()));
    }

    @Test
    void serverTreatsOutOfOrderMessagesAsUnexpectedAndStaysFailed() {
        ScramServer server = newServer();

        ServerAuthStep early = server.receive(new ScramClientFinal("c=biws,r=x,p=AAAA"));
        ServerAuthStep later = server.receive(fastClient(ScramMechanism.SCRAM_SHA_256, "alice", password, BINDING).firstMessage());

        var unexpected = new ServerAuthStep.Failed(AuthFailed.of(AuthFailureCode.UNEXPECTED_MESSAGE),
                ServerAuthStep.Detail.UNEXPECTED_MESSAGE);
        assertThat(early).isEqualTo(unexpected);
        assertThat(later).isEqualTo(unexpected);
    }

    @Test
    void clientIgnoresAuthSucceededBeforeServerProvedItself() {
        ScramClient client = fastClient(ScramMechanism.SCRAM_SHA_256, "alice", password, BINDING);

        ScramClientStep step = client.receive(new AuthSucceeded("alice", AuthMethod.SCRAM_SHA_256));

        assertThat(step).isEqualTo(new ScramClientStep.Failed(ScramClientStep.Reason.UNEXPECTED_MESSAGE, Optional.empty()));
    }

    @Test
    void closedClientAcceptsNothingFurther() {
        ScramClient client = fastClient(ScramMechanism.SCRAM_SHA_256, "alice", password, BINDING);
        String nonce = field(client.firstMessage().text().substring("p=parley-exporter,,".length()), 'r');
        client.close();

        ScramClientStep step = client.receive(new ScramServerFirst("r=" + nonce + "xyz,s=AAECAwQFBgcICQoLDA0ODw==,i=4096"));

        assertThat(step).isEqualTo(new ScramClientStep.Failed(ScramClientStep.Reason.UNEXPECTED_MESSAGE, Optional.empty()));
    }

    private String serverFirstFor(String username, Optional<ScramVerifier> stored) {
        return serverFirstFor(ScramMechanism.SCRAM_SHA_256, username, stored);
    }

    private String serverFirstFor(ScramMechanism mechanism, String username) {
        return serverFirstFor(mechanism, username, Optional.empty());
    }

    private String serverFirstFor(ScramMechanism mechanism, String username, Optional<ScramVerifier> stored) {
        ScramServer server = newServer();
        server.receive(fastClient(mechanism, username, password, BINDING).firstMessage());
        var reply = (ServerAuthStep.Reply) server.userLookedUp(stored);
        return ((ScramServerFirst) reply.message()).text();
    }

    /** The value of attribute {@code name} in a comma-separated SCRAM text. */
    private static String field(String text, char name) {
        for (String part : text.split(",")) {
            if (part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new AssertionError("no attribute " + name + " in " + text);
    }
}
