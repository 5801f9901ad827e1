package org.parley.crypto.password;

import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.parley.crypto.Bytes;
import org.parley.crypto.PasswordHashAlgorithm;
import org.parley.crypto.PasswordHasher;
import org.parley.crypto.SecretBytes;

/**
 * Argon2id (RFC 9106, version 0x13) from BouncyCastle's {@link Argon2BytesGenerator}, with fixed
 * memory, iterations and parallelism.
 *
 * <p><b>Security.</b> {@link #of} refuses costs below the OWASP Password Storage Cheat Sheet's
 * Argon2id configurations, which trade memory for passes: m=47104 KiB (46 MiB) with t=1,
 * 19456 KiB with t=2, 12288 KiB with t=3, 9216 KiB with t=4, 7168 KiB with t=5 or more, all with
 * p&ge;1. Cheaper settings, a secret key (pepper) and associated data are reachable only through
 * {@link #insecureForKnownAnswerTests}, so grep finds every such use. Salts shorter than 8 bytes
 * (the Argon2 minimum) are refused; Parley uses 16 random bytes per password. The copies of the
 * password and secret handed to BouncyCastle are wiped after each derivation.
 */
public final class BcArgon2idPasswordHasher implements PasswordHasher {
    /** The OWASP minimum memory cost in KiB, indexed by iterations 1..5 (index 0 unused). */
    private static final int[] OWASP_MINIMUM_MEMORY_KIB = {Integer.MAX_VALUE, 47_104, 19_456, 12_288, 9_216, 7_168};
    private static final int MINIMUM_SALT_LENGTH = 8;
    private static final int MINIMUM_OUTPUT_LENGTH = 4;
    private static final int MAXIMUM_PARALLELISM = (1 << 24) - 1;

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final byte[] secret;
    private final byte[] associatedData;

    private BcArgon2idPasswordHasher(int memoryKiB, int iterations, int parallelism, byte[] secret,
            byte[] associatedData) {
        if (iterations < 1 || parallelism < 1 || parallelism > MAXIMUM_PARALLELISM) {
            throw new IllegalArgumentException("Argon2id needs t>=1 and 1<=p<2^24");
        }
        if (memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2id needs m>=8*p KiB");
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.secret = secret;
        this.associatedData = associatedData;
    }

    /** The OWASP minimum: m=19456 KiB (19 MiB), t=2, p=1. */
    public static BcArgon2idPasswordHasher owaspMinimum() {
        return of(19_456, 2, 1);
    }

    /**
     * Argon2id with the given costs, which must meet one of the OWASP configurations.
     *
     * @throws IllegalArgumentException if the memory is below the OWASP minimum for the number
     *     of iterations, or the parameters are outside Argon2's ranges
     */
    public static BcArgon2idPasswordHasher of(int memoryKiB, int iterations, int parallelism) {
        int index = Math.min(Math.max(iterations, 0), OWASP_MINIMUM_MEMORY_KIB.length - 1);
        if (iterations < 1 || memoryKiB < OWASP_MINIMUM_MEMORY_KIB[index]) {
            throw new IllegalArgumentException("Argon2id m=" + memoryKiB + "KiB,t=" + iterations
                    + " is below the OWASP minimum (19456KiB at t=2; see javadoc for equivalents)");
        }
        return new BcArgon2idPasswordHasher(memoryKiB, iterations, parallelism, new byte[0], new byte[0]);
    }

    /**
     * Argon2id with any costs Argon2 allows, plus the optional secret key K and associated data X
     * of RFC 9106 section 3.1: for known-answer tests only, never for stored passwords.
     */
    public static BcArgon2idPasswordHasher insecureForKnownAnswerTests(int memoryKiB, int iterations,
            int parallelism, SecretBytes secret, Bytes associatedData) {
        return new BcArgon2idPasswordHasher(memoryKiB, iterations, parallelism, secret.revealCopy(),
                associatedData.toByteArray());
    }

    @Override
    public PasswordHashAlgorithm algorithm() {
        return PasswordHashAlgorithm.ARGON2ID;
    }

    @Override
    public String parameters() {
        return "m=" + memoryKiB + "KiB,t=" + iterations + ",p=" + parallelism;
    }

    /**
     * Derives {@code outputLength} bytes; takes tens of milliseconds at OWASP costs, so callers
     * run it on a bounded executor, never on an event loop.
     *
     * @throws IllegalArgumentException if the salt is shorter than 8 bytes or the output shorter
     *     than 4 bytes
     */
    @Override
    public SecretBytes derive(SecretBytes password, Bytes salt, int outputLength) {
        if (salt.length() < MINIMUM_SALT_LENGTH) {
            throw new IllegalArgumentException("Argon2id salt must be at least " + MINIMUM_SALT_LENGTH + " bytes");
        }
        if (outputLength < MINIMUM_OUTPUT_LENGTH) {
            throw new IllegalArgumentException("Argon2id output must be at least " + MINIMUM_OUTPUT_LENGTH + " bytes");
        }
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt.toByteArray())
                .withSecret(secret)
                .withAdditional(associatedData)
                .build();
        byte[] passwordBytes = password.revealCopy();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] out = new byte[outputLength];
            generator.generateBytes(passwordBytes, out);
            return SecretBytes.wrapOwned(out);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
            // Wipes BouncyCastle's copies of the salt, secret and associated data.
            parameters.clear();
        }
    }

    @Override
    public String toString() {
        return "Argon2id[" + parameters() + (secret.length == 0 ? "]" : ", with secret]");
    }
}
