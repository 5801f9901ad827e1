package org.parley.bench.jmh;

import java.security.SecureRandom;
import java.util.Set;
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
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.PublicKeyLogin;
import org.parley.protocol.auth.PublicKeyLoginSigner;
import org.parley.protocol.auth.PublicKeyLoginVerifier;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ServerAuthStep;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The server's check of one key login (signature over the channel binding, then the registry),
 * for a key that logs in again and again: with the recent login keys kept validated
 * ({@code recentKeys} 1024, the server's default) and without ({@code 0}, every login validates
 * its key, as before issue 13's change).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyLoginBenchmark {
    @Param({"ED25519", "ECDSA_P256_SHA256"})
    public String algorithm;

    @Param({"0", "1024"})
    public int recentKeys;

    private PublicKeyLoginVerifier verifier;
    private PublicKeyLogin login;
    private Bytes binding;
    private Set<RegisteredPublicKey> registered;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        SigningKey key = SignatureAlgorithm.valueOf(algorithm).create().generate(random);
        byte[] channel = new byte[32];
        random.nextBytes(channel);
        binding = Bytes.wrapOwned(channel);
        login = PublicKeyLoginSigner.sign("alice", key, binding, random);
        registered = Set.of(new RegisteredPublicKey(SignatureComponent.valueOf(algorithm), key.publicKey()));
        verifier = new PublicKeyLoginVerifier(SignatureAlgorithm::create, recentKeys);
    }

    @Benchmark
    public ServerAuthStep verify() {
        return verifier.verify(login, binding, registered);
    }
}
