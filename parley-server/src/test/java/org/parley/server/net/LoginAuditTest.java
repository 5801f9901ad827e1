package org.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.PublicKeyLoginSigner;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.channel.SessionInfo;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.TestCredentials;
import org.parley.server.RegistrationPolicy;
import org.parley.server.auth.AuthService;
import org.parley.server.auth.LoginThrottle;
import org.parley.server.log.AuditLog;
import org.parley.server.log.ConsoleLog;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.SqliteStore;
import org.slf4j.LoggerFactory;

/**
 * The audit log's {@code login_ok} says a session really started: a login whose credentials were
 * good but whose connection ended while they were checked (on the authentication pool) started no
 * session, and is audited as {@code login_abandoned} instead, never silently.
 */
class LoginAuditTest {
    private static final String AUDIT_LOGGER = "parley.test.audit.login-audit";
    private final SecureRandom random = new SecureRandom();
    private final SigningKey aliceKey = SignatureComponent.ED25519.algorithm().create().generate(random);
    private final Logger auditLogger = (Logger) LoggerFactory.getLogger(AUDIT_LOGGER);
    private final ListAppender<ILoggingEvent> audited = new ListAppender<>();
    private SqliteStore store;
    private AuthService auth;

    @TempDir
    Path dir;

    @BeforeEach
    void createAlice() throws Exception {
        audited.start();
        auditLogger.addAppender(audited);
        auditLogger.setLevel(Level.INFO);
        store = SqliteStore.open(dir.resolve("parley.db"));
        try (SecretBytes password = Passwords.normalise("correct horse battery staple".toCharArray())) {
            store.createAccount(new AccountRecord("alice", "alice",
                    Optional.of(ScramVerifier.create(ScramMechanism.SCRAM_SHA_256, password, random)), false, 1L));
        }
        store.addLoginKey("alice", new RegisteredPublicKey(SignatureComponent.ED25519, aliceKey.publicKey()));
        LoginThrottle unlimited = new LoginThrottle(Integer.MAX_VALUE, 1, System::currentTimeMillis);
        auth = new AuthService(store, SecretBytes.copyOf(new byte[32]), random, RegistrationPolicy.OPEN, unlimited, unlimited,
                new AuditLog(AUDIT_LOGGER), 1);
    }

    @AfterEach
    void close() throws Exception {
        auth.close();
        store.close();
        auditLogger.detachAppender(audited);
        auditLogger.setLevel(null);
    }

    /** An embedded connection from 192.0.2.7 (SessionHandler audits the client's address). */
    private static final class RemoteChannel extends io.netty.channel.embedded.EmbeddedChannel {
        RemoteChannel(io.netty.channel.ChannelHandler handler) {
            super(handler);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return new InetSocketAddress("192.0.2.7", 40000);
        }
    }

    @Test
    void aGoodKeyLoginWhoseConnectionEndedWhileItWasCheckedIsAuditedAsAbandonedNotAsALogin() {
        // No chat service: a session that started would fail this test at once (it must not start).
        SessionHandler handler = new SessionHandler(auth, null, new ConsoleLog(false), new AuditLog(AUDIT_LOGGER),
                new AtomicLong(), ServerMetrics.off(), 65_536, new EventLoopHandOffs());
        RemoteChannel connection = new RemoteChannel(handler);
        SessionInfo session = new Connections(TestCredentials.all("login-audit"))
                .established(Preset.MODERN.preferences(), RecordLimits.defaults(), "login-audit").client().session().orElseThrow();
        connection.pipeline().fireUserEventTriggered(new ChannelEstablished(session));

        // Read and closed without running the event loop's tasks (writeInbound and close() run them
        // first): a check that finished on the authentication pool before the close would otherwise
        // have its outcome taken while the connection was still open, and start a session.
        connection.pipeline().fireChannelRead(AuthCodec.encode(PublicKeyLoginSigner.sign("alice", aliceKey,
                session.channelBinding(), random)));
        connection.unsafe().close(connection.voidPromise()); // the client left while the pool checks its signature
        // The check's outcome comes back to the event loop, which this test runs.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            connection.runPendingTasks();
            return events().stream().anyMatch(line -> line.contains("\"event\":\"login_"));
        });
        connection.runPendingTasks();

        assertThat(events()).noneMatch(line -> line.contains("\"event\":\"login_ok\""));
        assertThat(events()).singleElement().satisfies(line -> assertThat(line).contains("\"event\":\"login_abandoned\"",
                "\"remote\":\"192.0.2.7\"", "\"user\":\"alice\"", "\"reason\":\"connection closed before the session started\""));
    }

    private List<String> events() {
        return List.copyOf(audited.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
