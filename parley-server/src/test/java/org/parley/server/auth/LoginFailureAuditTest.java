package org.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.PublicKeyLoginSigner;
import org.parley.protocol.auth.ScramClient;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.RegistrationPolicy;
import org.parley.server.log.AuditLog;
import org.parley.server.store.SqliteStore;
import org.slf4j.LoggerFactory;

/**
 * Every refused login leaves an audit line an operator can find: a login refused because the store
 * could not be read, or because the client sent a message out of turn, is {@code login_failed} with
 * its reason, like a wrong password, not a silent refusal.
 */
class LoginFailureAuditTest {
    private static final String AUDIT_LOGGER = "parley.test.audit.login-failure";
    private static final Bytes BINDING = Bytes.wrapOwned(new byte[32]);
    private final SecureRandom random = new SecureRandom();
    private final Logger auditLogger = (Logger) LoggerFactory.getLogger(AUDIT_LOGGER);
    private final ListAppender<ILoggingEvent> audited = new ListAppender<>();
    private SqliteStore store;
    private AuthService auth;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        audited.start();
        auditLogger.addAppender(audited);
        auditLogger.setLevel(Level.INFO);
        store = SqliteStore.open(dir.resolve("parley.db"));
        LoginThrottle unlimited = new LoginThrottle(Integer.MAX_VALUE, 1, System::currentTimeMillis);
        auth = new AuthService(store, SecretBytes.copyOf(new byte[32]), random, RegistrationPolicy.OPEN, unlimited,
                unlimited, new AuditLog(AUDIT_LOGGER), 1);
    }

    @AfterEach
    void stop() throws Exception {
        auth.close();
        store.close();
        auditLogger.detachAppender(audited);
        auditLogger.setLevel(null);
    }

    @Test
    void aKeyLoginRefusedBecauseTheStoreCannotBeReadIsAudited() throws Exception {
        SigningKey key = SignatureComponent.ED25519.algorithm().create().generate(random);
        store.close();

        AuthOutcome outcome = auth.exchange("192.0.2.7", BINDING)
                .receive(PublicKeyLoginSigner.sign("alice", key, BINDING, random)).get();

        assertThat(outcome).isInstanceOf(AuthOutcome.Failed.class);
        assertThat(events()).singleElement().satisfies(line -> assertThat(line).contains("\"event\":\"login_failed\"",
                "\"remote\":\"192.0.2.7\"", "\"user\":\"alice\"", "\"detail\":\"STORE_UNAVAILABLE\""));
    }

    @Test
    void aPasswordLoginRefusedBecauseTheStoreCannotBeReadIsAudited() throws Exception {
        store.close();
        ScramClient client = ScramClient.start(ScramMechanism.SCRAM_SHA_256, "alice", Passwords.normalise("a password".toCharArray()), BINDING, random);

        AuthOutcome outcome = auth.exchange("192.0.2.7", BINDING).receive(client.firstMessage()).get();

        assertThat(outcome).isInstanceOf(AuthOutcome.Failed.class);
        assertThat(events()).singleElement().satisfies(line -> assertThat(line).contains("\"event\":\"login_failed\"",
                "\"user\":\"alice\"", "\"detail\":\"STORE_UNAVAILABLE\""));
    }

    @Test
    void aMessageOutOfTurnIsAudited() throws Exception {
        ScramClient client = ScramClient.start(ScramMechanism.SCRAM_SHA_256, "alice", Passwords.normalise("a password".toCharArray()), BINDING, random);
        AuthExchange exchange = auth.exchange("192.0.2.7", BINDING);
        exchange.receive(client.firstMessage()).get();

        AuthOutcome outcome = exchange.receive(client.firstMessage()).get();

        assertThat(outcome).isInstanceOf(AuthOutcome.Failed.class);
        assertThat(events()).singleElement().satisfies(line -> assertThat(line).contains("\"event\":\"login_failed\"",
                "\"detail\":\"UNEXPECTED_MESSAGE\""));
    }

    private List<String> events() {
        return List.copyOf(audited.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
