package org.parley.e2ee.bench;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.Fixtures.Device;
import org.parley.e2ee.envelope.Envelope;
import org.parley.e2ee.envelope.EnvelopeCodec;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.prekey.VerifiedBundle;
import org.parley.e2ee.session.Session;
import org.parley.e2ee.session.SessionStart;

/**
 * Cost of the end-to-end core (docs/E2EE.md section 17): each side of a session start (with the
 * first 1 KiB message), and encrypt + decrypt of a 1 KiB message in an established session.
 * Run with {@code bench/e2ee-bench.sh}; not part of {@code ./mvnw verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class E2eeBench {
    @Param({"classic", "pq-ratchet"})
    public String suite;

    private final SecureRandom random = new SecureRandom();
    private Device alice;
    private Device bob;
    private VerifiedBundle bundle;
    private Envelope.Prekey start;
    private InnerMessage kibibyte;
    private Session sender;
    private Session receiver;

    @Setup
    public void setUp() throws Exception {
        E2eSuite chosen = E2eSuite.fromLabel(suite).orElseThrow();
        alice = Fixtures.device("bench alice " + suite, List.of(chosen));
        bob = Fixtures.device("bench bob " + suite, List.of(chosen));
        // No one-time keys: accepting the same start again leaves the store as it was, so it can repeat.
        bundle = VerifiedBundle.verify(bob.bundle(false, false), Optional.empty());
        kibibyte = InnerMessage.text("x".repeat(1024), Bytes.wrapOwned(new byte[16]), Fixtures.NOW);
        sender = SessionStart.initiate(alice.keys(), bundle, random);
        start = (Envelope.Prekey) EnvelopeCodec.decode(sender.encrypt(kibibyte, random));
        receiver = SessionStart.accept(bob.keys(), bob.store(), start, Optional.empty()).session();
        sender.decrypt(receiver.encrypt(kibibyte, random));
    }

    @Benchmark
    public Bytes sessionStartInitiator() throws Exception {
        return SessionStart.initiate(alice.keys(), bundle, random).encrypt(kibibyte, random);
    }

    @Benchmark
    public InnerMessage sessionStartResponder() throws Exception {
        return SessionStart.accept(bob.keys(), bob.store(), start, Optional.empty()).firstMessage();
    }

    @Benchmark
    public InnerMessage encryptAndDecrypt1KiB() throws Exception {
        return receiver.decrypt(sender.encrypt(kibibyte, random));
    }
}
