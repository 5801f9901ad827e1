package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.RegistrationRejection;
import org.parley.server.ops.Operator;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/** Login throttling, registration policies and name rules at registration, over real connections. */
class AuthLimitsTest {
    private static final char[] WRONG = "wrong password".toCharArray();
    private static final char[] RIGHT = ServerFixture.PASSWORD.toCharArray();
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest();

    private AuthMessage login(String user, char[] password) throws Exception {
        try (TestClient client = fixture.connect()) {
            AuthMessage result = client.login(user, password);
            if (result instanceof AuthFailed) {
                client.awaitClosed();
            }
            return result;
        }
    }

    @Test
    void loginsPerAccountAreThrottledEvenWithTheRightPassword() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(2, 100));
        fixture.registered("alice").close();
        fixture.registered("bob").close();
        assertThat(login("alice", WRONG)).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));
        assertThat(login("alice", WRONG)).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));

        assertThat(login("alice", RIGHT)).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));
        assertThat(login("bob", RIGHT)).isInstanceOf(AuthSucceeded.class);
    }

    @Test
    void loginsPerAddressAreThrottledAcrossAccounts() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(100, 4));
        fixture.registered("alice").close();
        assertThat(login("nobody", WRONG)).isInstanceOf(AuthFailed.class);
        assertThat(login("someone", WRONG)).isInstanceOf(AuthFailed.class);
        assertThat(login("alice", RIGHT)).isInstanceOf(AuthSucceeded.class);

        assertThat(login("alice", RIGHT)).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));
    }

    @Test
    void unknownUserAndWrongPasswordLookTheSame() throws Exception {
        fixture.start(ServerLimits.defaults());
        fixture.registered("alice").close();
        assertThat(login("alice", WRONG)).isEqualTo(login("nobody", WRONG));
    }

    @Test
    void auditLogRecordsLoginsAsJsonLinesWithoutSecrets() throws Exception {
        fixture.start(ServerLimits.defaults());
        fixture.registered("alice").close();
        login("alice", WRONG);
        Path audit = fixture.dataDirectory().resolve("logs").resolve("audit.jsonl");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.exists(audit)
                && java.nio.file.Files.readString(audit).contains("login_failed"));
        List<String> lines = java.nio.file.Files.readAllLines(audit);
        assertThat(lines).allMatch(line -> line.startsWith("{\"ts\":") && line.endsWith("}"));
        assertThat(lines).anyMatch(line -> line.contains("\"event\":\"registered\"") && line.contains("alice"));
        assertThat(String.join("\n", lines)).doesNotContain(new String(WRONG)).doesNotContain(ServerFixture.PASSWORD);
    }

    @Test
    void disabledAccountCannotLogIn() throws Exception {
        fixture.start(ServerLimits.defaults());
        fixture.registered("alice").close();
        try (Operator operator = Operator.open(fixture.dataDirectory())) {
            operator.disable("Alice", true);
            assertThat(operator.users()).singleElement().matches(a -> a.disabled());
        }
        assertThat(login("alice", RIGHT)).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));
    }

    @Test
    void operatorPasswordResetReplacesTheOldPassword() throws Exception {
        fixture.start(ServerLimits.defaults());
        fixture.registered("alice").close();
        try (Operator operator = Operator.open(fixture.dataDirectory())) {
            operator.resetPassword("alice", "new secret words".toCharArray());
        }
        assertThat(login("alice", RIGHT)).isInstanceOf(AuthFailed.class);
        assertThat(login("alice", "new secret words".toCharArray())).isInstanceOf(AuthSucceeded.class);
    }

    @Test
    void inviteOnlyRegistrationConsumesTheInvite() throws Exception {
        fixture.start(ServerLimits.defaults(), RegistrationPolicy.INVITE);
        List<String> invites;
        try (Operator operator = Operator.open(fixture.dataDirectory())) {
            invites = operator.createInvites(1, Duration.ofDays(1));
        }
        assertThat(register("alice", Optional.empty()))
                .isEqualTo(AuthFailed.registrationRejected(RegistrationRejection.INVITE_REQUIRED));
        assertThat(register("alice", Optional.of(invites.getFirst()))).isInstanceOf(AuthSucceeded.class);
        assertThat(register("bob", Optional.of(invites.getFirst())))
                .isEqualTo(AuthFailed.registrationRejected(RegistrationRejection.INVITE_INVALID));
    }

    @Test
    void closedRegistrationRefusesEveryone() throws Exception {
        fixture.start(ServerLimits.defaults(), RegistrationPolicy.CLOSED);
        assertThat(register("alice", Optional.empty()))
                .isEqualTo(AuthFailed.registrationRejected(RegistrationRejection.REGISTRATION_CLOSED));
    }

    @Test
    void registrationAppliesNameRulesAndCaseInsensitiveUniqueness() throws Exception {
        fixture.start(ServerLimits.defaults());
        assertThat(register("张伟", Optional.empty())).isInstanceOf(AuthSucceeded.class);
        assertThat(register("p\u0430ypal", Optional.empty()))
                .isEqualTo(AuthFailed.registrationRejected(RegistrationRejection.USERNAME_INVALID));
        assertThat(register("Alice", Optional.empty())).isInstanceOf(AuthSucceeded.class);
        assertThat(register("ALICE", Optional.empty()))
                .isEqualTo(AuthFailed.registrationRejected(RegistrationRejection.USERNAME_TAKEN));
    }

    @Test
    void registrationRefusesEachLookAlikeOfIssueElevenAndStillTakesChineseNames() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(100, 100));
        AuthFailed invalid = AuthFailed.registrationRejected(RegistrationRejection.USERNAME_INVALID);
        AuthFailed taken = AuthFailed.registrationRejected(RegistrationRejection.USERNAME_TAKEN);
        assertThat(register("alice", Optional.empty())).isInstanceOf(AuthSucceeded.class);
        assertThat(register("bob", Optional.empty())).isInstanceOf(AuthSucceeded.class);

        for (String invisible : List.of("alice\u034F", "alice\uFE0F", "alice\u180B", "alice\u17B4", "al\u2800ice")) {
            assertThat(register(invisible, Optional.empty())).as("%s", invisible.codePoints().boxed().toList())
                    .isEqualTo(invalid);
        }
        assertThat(register("\u0430\u04CF\u0456\u0441\u0435", Optional.empty())).isEqualTo(invalid);
        assertThat(register("b\u0585b", Optional.empty())).isEqualTo(invalid);
        assertThat(register("\u0251lice", Optional.empty())).isEqualTo(invalid);
        assertThat(register("aIice", Optional.empty())).isEqualTo(taken);
        assertThat(register("a1ice", Optional.empty())).isEqualTo(taken);
        assertThat(register("张伟", Optional.empty())).isInstanceOf(AuthSucceeded.class);
        assertThat(register("李小龙", Optional.empty())).isInstanceOf(AuthSucceeded.class);
    }

    private AuthMessage register(String user, Optional<String> invite) throws Exception {
        var verifier = fixture.verifier(ServerFixture.PASSWORD);
        try (TestClient client = fixture.connect()) {
            client.register(user, verifier, invite);
            return client.nextAuthMessage();
        }
    }
}
