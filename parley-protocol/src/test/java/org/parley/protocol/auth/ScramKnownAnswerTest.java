package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/**
 * Reproduces the RFC 7677 section 3 SCRAM-SHA-256 exchange byte for byte (user "user", password
 * "pencil", i=4096, gs2 header "n,," i.e. no channel binding) through the package-private test
 * seams, which are the only way to build a client or server without channel binding.
 */
class ScramKnownAnswerTest {
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private final SecretBytes pencil = Passwords.normalise("pencil".toCharArray());
    private final ScramVerifier verifier = ScramVerifier.insecureForTests(ScramMechanism.SCRAM_SHA_256, pencil,
            Bytes.wrapOwned(Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==")), 4096);

    @Test
    void clientReproducesRfc7677MessagesByteForByte() {
        ScramClient client = ScramClient.insecureKnownAnswerWithoutChannelBinding(
                ScramMechanism.SCRAM_SHA_256, "user", pencil, "rOprNGfwEbeRWgbNEkqO");

        ScramClientFirst first = client.firstMessage();
        ScramClientStep afterServerFirst = client.receive(new ScramServerFirst(SERVER_FIRST));
        ScramClientStep afterServerFinal = client.receive(new ScramServerFinal(SERVER_FINAL));

        assertThat(first.text()).isEqualTo(CLIENT_FIRST);
        assertThat(afterServerFirst).isEqualTo(new ScramClientStep.Send(new ScramClientFinal(CLIENT_FINAL)));
        assertThat(afterServerFinal).isInstanceOf(ScramClientStep.ServerVerified.class);
    }

    @Test
    void serverReproducesRfc7677MessagesByteForByte() {
        ScramServer server = ScramServer.insecureKnownAnswer(TestBindings.binding(1), TestBindings.serverSecret(),
                "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");

        ServerAuthStep lookup = server.receive(new ScramClientFirst(ScramMechanism.SCRAM_SHA_256, CLIENT_FIRST));
        ServerAuthStep first = server.userLookedUp(Optional.of(verifier));
        ServerAuthStep last = server.receive(new ScramClientFinal(CLIENT_FINAL));

        assertThat(lookup).isEqualTo(new ServerAuthStep.LookUpUser("user", ScramMechanism.SCRAM_SHA_256));
        assertThat(first).isEqualTo(new ServerAuthStep.Reply(new ScramServerFirst(SERVER_FIRST)));
        assertThat(last).isInstanceOf(ServerAuthStep.Succeeded.class);
        assertThat(((ServerAuthStep.Succeeded) last).replies()).containsExactly(
                new ScramServerFinal(SERVER_FINAL), new AuthSucceeded("user", AuthMethod.SCRAM_SHA_256));
    }

    @Test
    void clientRejectsServerSignatureDifferingFromRfc7677() {
        ScramClientStep step = clientAfterServerFirst()
                .receive(new ScramServerFinal("v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));

        assertThat(step).isEqualTo(new ScramClientStep.Failed(ScramClientStep.Reason.SERVER_SIGNATURE_INVALID, Optional.empty()));
    }

    @Test
    void clientRejectsNonCanonicalBase64OfTheRightSignature() {
        // Same 32 bytes as the RFC's signature, but with non-zero padding bits in the last character.
        ScramClientStep step = clientAfterServerFirst()
                .receive(new ScramServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G5="));

        assertThat(step).isEqualTo(new ScramClientStep.Failed(ScramClientStep.Reason.MALFORMED_SERVER_MESSAGE, Optional.empty()));
    }

    private ScramClient clientAfterServerFirst() {
        ScramClient client = ScramClient.insecureKnownAnswerWithoutChannelBinding(
                ScramMechanism.SCRAM_SHA_256, "user", pencil, "rOprNGfwEbeRWgbNEkqO");
        client.receive(new ScramServerFirst(SERVER_FIRST));
        return client;
    }
}
