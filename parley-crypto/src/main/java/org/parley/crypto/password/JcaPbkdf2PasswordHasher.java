package org.parley.crypto.password;

import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.PasswordHashAlgorithm;
import org.parley.crypto.PasswordHasher;
import org.parley.crypto.SecretBytes;

/**
 * PBKDF2 (RFC 8018 section 5.2) with HMAC-SHA256 or HMAC-SHA512 and a fixed iteration count.
 *
 * <p>The derivation runs in BouncyCastle's {@code PKCS5S2ParametersGenerator} rather than the
 * JDK's {@code PBKDF2WithHmacSHA256}: the JDK takes the password as {@code char[]} and re-encodes
 * it, whereas SCRAM (RFC 5802) needs PBKDF2 over the exact normalised UTF-8 bytes, which BC's
 * generator accepts as bytes. (The class keeps the name the module's plan gave it.)
 *
 * <p><b>Security.</b> {@link #owaspSha256()} and {@link #owaspSha512()} use OWASP's current
 * minimums (600,000 and 210,000 iterations); {@link #of} refuses anything lower. Only
 * {@link #insecureForKnownAnswerTests} can build a cheaper instance, and its name says so. The
 * password is copied out of its {@link SecretBytes} only for the duration of one derivation and
 * wiped afterwards, together with the generator's copy. What BouncyCastle derives from it inside
 * (its HMAC's key parameter and key-derived pads) is allocated afresh for each derivation and cannot
 * be reached from outside to wipe: it is left to the garbage collector.
 */
public final class JcaPbkdf2PasswordHasher implements PasswordHasher {
    /** OWASP's minimum for PBKDF2-HMAC-SHA256. */
    public static final int OWASP_SHA256_ITERATIONS = 600_000;
    /** OWASP's minimum for PBKDF2-HMAC-SHA512. */
    public static final int OWASP_SHA512_ITERATIONS = 210_000;
    /** RFC 8018 caps the output at (2^32 - 1) blocks; Parley never needs more than this many bytes. */
    private static final int MAX_OUTPUT_LENGTH = 1024;

    private final HashAlgorithm hash;
    private final int iterations;

    private JcaPbkdf2PasswordHasher(HashAlgorithm hash, int iterations) {
        this.hash = hash;
        this.iterations = iterations;
    }

    /** PBKDF2-HMAC-SHA256 with 600,000 iterations. */
    public static JcaPbkdf2PasswordHasher owaspSha256() {
        return new JcaPbkdf2PasswordHasher(HashAlgorithm.SHA256, OWASP_SHA256_ITERATIONS);
    }

    /** PBKDF2-HMAC-SHA512 with 210,000 iterations. */
    public static JcaPbkdf2PasswordHasher owaspSha512() {
        return new JcaPbkdf2PasswordHasher(HashAlgorithm.SHA512, OWASP_SHA512_ITERATIONS);
    }

    /**
     * PBKDF2 over {@code hash} with {@code iterations}, which must be at least OWASP's minimum.
     *
     * @throws IllegalArgumentException for a hash other than SHA-256/SHA-512 or too few iterations
     */
    public static JcaPbkdf2PasswordHasher of(HashAlgorithm hash, int iterations) {
        int minimum = minimumIterations(hash);
        if (iterations < minimum) {
            throw new IllegalArgumentException("PBKDF2 with " + hash + " needs at least " + minimum
                    + " iterations, got " + iterations);
        }
        return new JcaPbkdf2PasswordHasher(hash, iterations);
    }

    /**
     * Any positive iteration count, for known-answer tests and test seams only. Never use the
     * result to store or check a real password.
     */
    public static JcaPbkdf2PasswordHasher insecureForKnownAnswerTests(HashAlgorithm hash, int iterations) {
        minimumIterations(hash);
        if (iterations < 1) {
            throw new IllegalArgumentException("PBKDF2 needs at least one iteration");
        }
        return new JcaPbkdf2PasswordHasher(hash, iterations);
    }

    /**
     * OWASP's minimum iteration count for PBKDF2 over {@code hash}.
     *
     * @throws IllegalArgumentException for a hash PBKDF2 is not offered with
     */
    public static int minimumIterations(HashAlgorithm hash) {
        return switch (hash) {
            case SHA256 -> OWASP_SHA256_ITERATIONS;
            case SHA512 -> OWASP_SHA512_ITERATIONS;
            case SHA384, SHA3_256 -> throw new IllegalArgumentException("PBKDF2 is offered with SHA-256 and SHA-512 only, not " + hash);
        };
    }

    /** The underlying hash (its length is the natural output length, as in SCRAM). */
    public HashAlgorithm hash() {
        return hash;
    }

    public int iterations() {
        return iterations;
    }

    @Override
    public PasswordHashAlgorithm algorithm() {
        return switch (hash) {
            case SHA256 -> PasswordHashAlgorithm.PBKDF2_HMAC_SHA256;
            case SHA512 -> PasswordHashAlgorithm.PBKDF2_HMAC_SHA512;
            case SHA384, SHA3_256 -> throw new IllegalStateException("unreachable: checked at construction");
        };
    }

    @Override
    public String parameters() {
        return "i=" + iterations;
    }

    @Override
    public SecretBytes derive(SecretBytes password, Bytes salt, int outputLength) {
        if (outputLength < 1 || outputLength > MAX_OUTPUT_LENGTH) {
            throw new IllegalArgumentException("PBKDF2 output length out of range: " + outputLength);
        }
        byte[] passwordBytes = password.revealCopy();
        byte[] key = null;
        try {
            PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(digest());
            generator.init(passwordBytes, salt.toByteArray(), iterations);
            key = ((KeyParameter) generator.generateDerivedParameters(outputLength * 8)).getKey();
            // The generator keeps its own copy of the password; overwrite it before dropping it.
            generator.init(new byte[0], new byte[0], 1);
            return SecretBytes.copyOf(key);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private Digest digest() {
        return switch (hash) {
            case SHA256 -> new SHA256Digest();
            case SHA512 -> new SHA512Digest();
            case SHA384, SHA3_256 -> throw new IllegalStateException("unreachable: checked at construction");
        };
    }

    @Override
    public String toString() {
        return "PBKDF2-HMAC-" + hash + "(" + parameters() + ")";
    }
}
