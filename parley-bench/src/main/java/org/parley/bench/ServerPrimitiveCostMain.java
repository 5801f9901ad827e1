package org.parley.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.HashFunction;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.Kem;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.KeyExchangeAlgorithm;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.crypto.VerificationKey;

/**
 * Thread CPU time of each primitive the server runs in a default-preset (MODERN) handshake with a
 * key login, one at a time in one JVM, rounds alternated so that the JIT and the machine's load treat
 * them alike: {@code ServerPrimitiveCostMain [operations per round, default 3000]}.
 *
 * <p>The rows: the whole X25519 + ML-KEM-768 response (what the server's handshake computes), its
 * two halves (X25519 alone: a fresh scalar, its public key and the agreement; ML-KEM-768 alone:
 * the client's key parsed and checked, then the encapsulation), the server's Ed25519 signature, the
 * check of a client's login signature by a key already validated (the login-key cache's case),
 * one HKDF-SHA-384 expansion (a handshake makes about ten) and the set-up of one AES-256-GCM record
 * cipher (a handshake makes two). CPU time, not wall time: a busy machine distorts it far less than
 * an end-to-end run. A measurement, not a test.
 */
public final class ServerPrimitiveCostMain {
    private static final int ROUNDS = 7;
    private static final int WARM_UP_ROUNDS = 2;

    private ServerPrimitiveCostMain() {
    }

    /** One operation of a row; a checked failure means the benchmark's own input is wrong. */
    @FunctionalInterface
    private interface Operation {
        Object run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        SecureRandom random = new SecureRandom();
        Map<String, Operation> rows = rows(random);
        Map<String, double[]> costs = new LinkedHashMap<>();
        rows.keySet().forEach(name -> costs.put(name, new double[ROUNDS - WARM_UP_ROUNDS]));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Object sink = null;
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, Operation> row : rows.entrySet()) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < operations; i++) {
                    sink = row.getValue().run();
                }
                long used = threads.getCurrentThreadCpuTime() - start;
                if (round >= WARM_UP_ROUNDS) {
                    costs.get(row.getKey())[round - WARM_UP_ROUNDS] = used / 1000.0 / operations;
                }
            }
        }
        System.out.printf(Locale.ROOT, "# µs of thread CPU per operation, %d per round, %d rounds after %d of warm-up"
                + " (median, min, max); last result %s%n", operations, ROUNDS - WARM_UP_ROUNDS, WARM_UP_ROUNDS,
                sink == null ? "-" : sink.getClass().getSimpleName());
        costs.forEach((name, values) -> {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-55s %8.2f %8.2f %8.2f%n", name, sorted[sorted.length / 2], sorted[0],
                    sorted[sorted.length - 1]);
        });
    }

    private static Map<String, Operation> rows(SecureRandom random) throws InvalidKeyMaterialException {
        Map<String, Operation> rows = new LinkedHashMap<>();
        KeyExchange hybrid = KeyExchangeAlgorithm.X25519_MLKEM768.create();
        Bytes hybridShare = hybrid.generate(random).publicShare();
        rows.put("X25519MLKEM768 respond (server key exchange)", () -> close(hybrid.respond(hybridShare, random)));
        KeyExchange x25519 = KeyExchangeAlgorithm.X25519.create();
        Bytes x25519Share = x25519.generate(random).publicShare();
        rows.put("  X25519 alone (scalar, public key, agreement)", () -> close(x25519.respond(x25519Share, random)));
        Kem mlKem = Kem.mlKem768();
        Bytes encapsulationKey = mlKem.generate(random).encapsulationKey();
        rows.put("  ML-KEM-768 alone (key parse and check, encapsulate)",
                () -> close(mlKem.encapsulate(encapsulationKey, random)));
        SigningKey serverKey = SignatureAlgorithm.ED25519.create().generate(random);
        Bytes signed = Bytes.wrapOwned(new byte[98]);
        rows.put("Ed25519 sign (server signature)", () -> serverKey.sign(signed, random));
        SigningKey loginKey = SignatureAlgorithm.ED25519.create().generate(random);
        Bytes loginMessage = Bytes.wrapOwned(new byte[80]);
        Bytes loginSignature = loginKey.sign(loginMessage, random);
        VerificationKey verifier = SignatureAlgorithm.ED25519.create().verificationKey(loginKey.publicKey());
        rows.put("Ed25519 verify (login signature, key validated before)",
                () -> requireTrue(verifier.verify(loginMessage, loginSignature)));
        rows.put("Ed25519 validate a public key (login-key cache miss)",
                () -> SignatureAlgorithm.ED25519.create().verificationKey(loginKey.publicKey()));
        HashFunction sha384 = HashAlgorithm.SHA384.create();
        SecretBytes prk = SecretBytes.copyOf(new byte[48]);
        Bytes info = Bytes.wrapOwned(new byte[70]);
        rows.put("HKDF-SHA-384 expand to 48 bytes", () -> close(sha384.hkdfExpand(prk, info, 48)));
        rows.put("AES-256-GCM record cipher for one connection",
                () -> RecordCipherAlgorithm.AES_256_GCM.create().confinedToOneThread());
        return rows;
    }

    private static Object close(KeyExchange.Encapsulation encapsulation) {
        encapsulation.sharedSecret().destroy();
        return encapsulation;
    }

    private static Object close(SecretBytes secret) {
        secret.destroy();
        return secret;
    }

    private static Object requireTrue(boolean verified) {
        if (!verified) {
            throw new IllegalStateException("the login signature did not verify");
        }
        return Boolean.TRUE;
    }
}
