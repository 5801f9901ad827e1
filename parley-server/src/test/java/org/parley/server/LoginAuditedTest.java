package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * Every session that starts is in the audit log as one {@code login_ok}, written once the session
 * has started, whether it began with a password login or a registration (which is audited as
 * {@code registered} first). The login whose session never starts is {@code LoginAuditTest}'s.
 */
class LoginAuditedTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    @Test
    void eachStartedSessionIsAuditedAsOneLoginWithItsMethod() throws Exception {
        fixture.registered("alice").close();
        try (TestClient again = fixture.connect()) {
            assertThat(again.login("alice", ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
        }
        fixture.server().close();

        List<String> logins = Files.readString(fixture.dataDirectory().resolve("logs").resolve("audit.jsonl")).lines()
                .filter(line -> line.contains("\"event\":\"registered\"") || line.contains("\"event\":\"login_"))
                .toList();
        assertThat(logins).hasSize(3);
        assertThat(logins.get(0)).contains("\"event\":\"registered\"", "\"user\":\"alice\"");
        assertThat(logins.get(1)).contains("\"event\":\"login_ok\"", "\"user\":\"alice\"", "\"method\":\"REGISTRATION\"");
        assertThat(logins.get(2)).contains("\"event\":\"login_ok\"", "\"user\":\"alice\"", "\"method\":\"SCRAM_SHA_256\"");
    }
}
