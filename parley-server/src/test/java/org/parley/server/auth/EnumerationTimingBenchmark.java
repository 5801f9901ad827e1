package org.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.PublicKeyLoginSigner;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.Register;
import org.parley.protocol.auth.ScramClient;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.RegistrationPolicy;
import org.parley.server.log.AuditLog;
import org.parley.server.names.NameRules;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.SqliteStore;

/**
 * Benchmark-style check of issue 11 section 3: does any answer take measurably longer for an
 * existing account than for an unknown name? Not part of the normal test run (the class name does
 * not end in "Test"); run it on a quiet machine with
 *
 * <pre>./mvnw -B -q -pl parley-server -am verify -Dtest=EnumerationTimingBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>Each case times {@code AuthExchange.receive} in process (store look-ups and crypto included,
 * no network), {@value #WARM_UP} warm-up rounds, then {@code -Dparley.bench.samples} (default
 * 2,000) samples per class, the classes interleaved in random order, and prints the medians
 * and the Mann-Whitney z value of known against unknown, and of the control. The answers must be identical (asserted exactly); the z value is
 * a measurement, reported rather than asserted, unless {@code -Dparley.bench.maxAbsZ=N} asks for
 * a bound. Names of equal length ("alice" exists, "alica" and "alicb" do not) keep the inputs
 * comparable; the second unknown name is a control that shows the noise level of the machine.
 */
class EnumerationTimingBenchmark {
    private static final int WARM_UP = 500;
    private static final int SAMPLES = Integer.getInteger("parley.bench.samples", 2000);
    private static final Bytes BINDING = Bytes.wrapOwned(new byte[32]);
    private static final String KNOWN = "alice";
    private static final String UNKNOWN = "alica";
    private static final String CONTROL = "alicb";
    private final SecureRandom random = new SecureRandom();
    private final SigningKey aliceKey = SignatureComponent.ED25519.algorithm().create().generate(random);
    private final SigningKey attackerKey = SignatureComponent.ED25519.algorithm().create().generate(random);
    private ScramVerifier verifier;
    private SqliteStore store;
    private AuthService service;

    @TempDir
    Path dir;

    @BeforeEach
    void createAlice() throws Exception {
        try (SecretBytes password = Passwords.normalise("correct horse battery staple".toCharArray())) {
            verifier = ScramVerifier.create(ScramMechanism.SCRAM_SHA_256, password, random);
        }
        store = SqliteStore.open(dir.resolve("parley.db"));
        store.createAccount(new AccountRecord(KNOWN, NameRules.canonical(KNOWN), Optional.of(verifier), false, 1L));
        store.addLoginKey(KNOWN, new RegisteredPublicKey(SignatureComponent.ED25519, aliceKey.publicKey()));
    }

    @AfterEach
    void close() throws Exception {
        service.close();
        store.close();
    }

    @Test
    void keyLoginWithAnUnregisteredKeyTakesTheSameTimeForAKnownAndAnUnknownUser() {
        start(RegistrationPolicy.OPEN);
        compare("key login, valid signature by an unregistered key", name ->
                PublicKeyLoginSigner.sign(name, attackerKey, BINDING, random));
    }

    @Test
    void scramFirstStepTakesTheSameTimeForAKnownAndAnUnknownUser() {
        start(RegistrationPolicy.OPEN);
        compare("SCRAM first step", name -> {
            try (SecretBytes password = Passwords.normalise("guess".toCharArray());
                 ScramClient client = ScramClient.start(ScramMechanism.SCRAM_SHA_256, name, password, BINDING, random)) {
                return client.firstMessage();
            }
        });
    }

    @Test
    void inviteOnlyRegistrationWithoutAValidInviteTakesTheSameTimeForATakenAndAFreeName() {
        start(RegistrationPolicy.INVITE);
        compare("invite-only registration with an invalid invite", name ->
                new Register(name, verifier, Optional.of("not-an-invite")));
    }

    private void start(RegistrationPolicy policy) {
        LoginThrottle unlimited = new LoginThrottle(Integer.MAX_VALUE, 1, System::currentTimeMillis);
        service = new AuthService(store, SecretBytes.copyOf(new byte[32]), random, policy, unlimited, unlimited,
                new AuditLog(), 1);
    }

    private void compare(String what, Function<String, AuthMessage> message) {
        for (int i = 0; i < WARM_UP; i++) {
            for (String name : List.of(KNOWN, UNKNOWN, CONTROL)) {
                time(message.apply(name), new ArrayList<>());
            }
        }
        // Three classes interleaved in a fresh random order each round: the known name, an
        // unknown name, and a second unknown name as a control, whose z against the first shows
        // how large |z| gets from machine noise alone when nothing differs.
        long[][] samples = new long[3][SAMPLES];
        List<List<Object>> answers = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<String> names = List.of(KNOWN, UNKNOWN, CONTROL);
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
        for (int i = 0; i < SAMPLES; i++) {
            List<AuthMessage> messages = names.stream().map(message).toList();
            java.util.Collections.shuffle(order, random);
            for (int c : order) {
                samples[c][i] = time(messages.get(c), answers.get(c));
            }
        }
        MannWhitney result = MannWhitney.of(samples[0], samples[1]);
        MannWhitney control = MannWhitney.of(samples[2], samples[1]);
        System.out.printf("%s: known %.1f us, unknown %.1f us (medians), Mann-Whitney z = %.2f"
                        + " (control, two unknown names: z = %.2f), n = %d per class%n",
                what, median(samples[0]) / 1000.0, median(samples[1]) / 1000.0, result.z(), control.z(), SAMPLES);

        assertThat(Set.copyOf(answers.get(0))).hasSize(1).isEqualTo(Set.copyOf(answers.get(1)))
                .isEqualTo(Set.copyOf(answers.get(2)));
        String bound = System.getProperty("parley.bench.maxAbsZ");
        if (bound != null) {
            assertThat(Math.abs(result.z())).as("|z| of " + what).isLessThan(Double.parseDouble(bound));
        }
    }

    /** Nanoseconds for the server to answer {@code message} on a new exchange; records the answer's shape. */
    private long time(AuthMessage message, List<Object> answers) {
        AuthExchange exchange = service.exchange("192.0.2.1", BINDING);
        long start = System.nanoTime();
        AuthOutcome outcome = exchange.receive(message).join();
        long elapsed = System.nanoTime() - start;
        answers.add(shape(outcome));
        return elapsed;
    }

    /** What the client sees, less what is random per exchange (the SCRAM nonce). */
    private static Object shape(AuthOutcome outcome) {
        return switch (outcome) {
            case AuthOutcome.Failed failed -> failed.replies();
            case AuthOutcome.Continue next -> next.replies().stream().map(AuthMessage::type).toList();
            case AuthOutcome.LoggedIn in -> in;
        };
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
