package org.parley.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Set;
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
 * Thread CPU time of the server's check of a returning Ed25519 login key (signature over the
 * channel binding, then the registry), without and with the recent-keys cache, alternated in one
 * JVM: {@code KeyLoginCostMain [checks per round, default 4000]}. CPU time, not wall time, so a
 * busy machine distorts it less than {@code KeyLoginBenchmark}. A measurement, not a test.
 */
public final class KeyLoginCostMain {
    private static final int ROUNDS = 6;
    private static final int WARM_UP_ROUNDS = 2;

    private KeyLoginCostMain() {
    }

    public static void main(String[] args) {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        SecureRandom random = new SecureRandom();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SigningKey key = SignatureAlgorithm.ED25519.create().generate(random);
        byte[] channel = new byte[32];
        random.nextBytes(channel);
        Bytes binding = Bytes.wrapOwned(channel);
        PublicKeyLogin login = PublicKeyLoginSigner.sign("alice", key, binding, random);
        Set<RegisteredPublicKey> registered = Set.of(new RegisteredPublicKey(SignatureComponent.ED25519, key.publicKey()));
        int[] capacities = {0, 1024};
        for (int round = 0; round < ROUNDS; round++) {
            for (int capacity : capacities) {
                PublicKeyLoginVerifier verifier = new PublicKeyLoginVerifier(SignatureAlgorithm::create, capacity);
                long start = threads.getCurrentThreadCpuTime();
                int succeeded = 0;
                for (int i = 0; i < checks; i++) {
                    if (verifier.verify(login, binding, registered) instanceof ServerAuthStep.Succeeded) {
                        succeeded++;
                    }
                }
                long cpu = threads.getCurrentThreadCpuTime() - start;
                if (round >= WARM_UP_ROUNDS) {
                    System.out.printf("round %d, recent keys kept %4d: %6.1f µs of CPU per key login check (%d of %d succeeded)%n",
                            round, capacity, cpu / 1e3 / checks, succeeded, checks);
                }
            }
        }
    }
}
