package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.protocol.auth.ScramExchangeTest.fastClient;
import static org.parley.protocol.auth.ScramExchangeTest.fastVerifier;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/**
 * A server reports the account's registered spelling in {@link AuthSucceeded} ("Alice" for a login
 * typed "ALICE"); the client accepts it when it is the same account, and reports that spelling.
 * Unknown names get one fake salt for every spelling of one canonical name.
 */
class ScramRegisteredSpellingTest {
    private static final Bytes BINDING = TestBindings.binding(0xC3);
    private final SecretBytes password = Passwords.normalise("correct horse battery staple".toCharArray());

    @Test
    void theClientAcceptsAndReportsTheRegisteredSpellingOfItsAccount() {
        assertThat(finish("ALICE", "Alice")).isEqualTo(new ScramClientStep.Authenticated("Alice", AuthMethod.SCRAM_SHA_256));
    }

    @Test
    void theClientRefusesASuccessNamingAnotherAccount() {
        assertThat(finish("ALICE", "bob"))
                .isEqualTo(new ScramClientStep.Failed(ScramClientStep.Reason.IDENTITY_MISMATCH, Optional.empty()));
    }

    @Test
    void unknownNamesGetOneSaltForEverySpellingOfOneCanonicalName() {
        String lower = serverFirstSalt("nobody");

        assertThat(serverFirstSalt("NoBody")).isEqualTo(lower);
        assertThat(serverFirstSalt("ＮＯＢＯＤＹ")).isEqualTo(lower);
        assertThat(serverFirstSalt("nobody2")).isNotEqualTo(lower);
    }

    /** A whole exchange for {@code typed} where the server's AuthSucceeded names {@code reported}. */
    private ScramClientStep finish(String typed, String reported) {
        ScramClient client = fastClient(ScramMechanism.SCRAM_SHA_256, typed, password, BINDING);
        ScramServer server = ScramServer.create(BINDING, TestBindings.serverSecret(), TestBindings.seededRandom(3));
        server.receive(client.firstMessage());
        var serverFirst = (ServerAuthStep.Reply) server.userLookedUp(
                Optional.of(fastVerifier(ScramMechanism.SCRAM_SHA_256, password)));
        var clientFinal = (ScramClientStep.Send) client.receive(serverFirst.message());
        var verdict = (ServerAuthStep.Succeeded) server.receive(clientFinal.message());
        client.receive(verdict.replies().getFirst());
        return client.receive(new AuthSucceeded(reported, AuthMethod.SCRAM_SHA_256));
    }

    private String serverFirstSalt(String user) {
        ScramServer server = ScramServer.create(BINDING, TestBindings.serverSecret(), TestBindings.seededRandom(5));
        server.receive(fastClient(ScramMechanism.SCRAM_SHA_256, user, password, BINDING).firstMessage());
        var reply = (ServerAuthStep.Reply) server.userLookedUp(Optional.empty());
        String text = ((ScramServerFirst) reply.message()).text();
        return text.substring(text.indexOf(",s="));
    }
}
