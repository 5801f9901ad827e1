package org.parley.lab.insecure;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Textbook RSA: {@code c = m^e mod n}, no padding, no signature, no authentication of the public
 * key. This is the weakness of the Python original's key handling, reduced to its core (it used
 * python-rsa's PKCS#1 v1.5 encryption with 512-bit keys; the lab leaves out the padding because the
 * attacks it shows, key substitution and guess-and-compare, do not depend on it).
 *
 * <p><b>Insecure on purpose, and the one place the lab writes arithmetic itself.</b> Textbook RSA
 * is deterministic (equal messages give equal ciphertexts), malleable (multiplying ciphertexts
 * multiplies plaintexts) and says nothing about who made the key. It is written with
 * {@link BigInteger#modPow} because no library offers a deliberately unpadded RSA, and it exists
 * only so the lab can show an on-path attacker substituting keys. Never used outside the lab.
 */
public final class InsecureTextbookRsa {
    private static final BigInteger E = BigInteger.valueOf(65_537);

    private final BigInteger n;
    private final BigInteger d;

    private InsecureTextbookRsa(BigInteger n, BigInteger d) {
        this.n = n;
        this.d = d;
    }

    /** A fresh key pair with a {@code bits}-bit modulus (512 in the Python original). */
    public static InsecureTextbookRsa generate(int bits, SecureRandom random) {
        while (true) {
            BigInteger p = BigInteger.probablePrime(bits / 2, random);
            BigInteger q = BigInteger.probablePrime(bits / 2, random);
            BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
            if (!p.equals(q) && phi.gcd(E).equals(BigInteger.ONE)) {
                return new InsecureTextbookRsa(p.multiply(q), E.modInverse(phi));
            }
        }
    }

    /** The public half, as it travels in clear. */
    public PublicKey publicKey() {
        return new PublicKey(n);
    }

    /** Decrypts a ciphertext made with {@link PublicKey#encrypt}. */
    public String decrypt(BigInteger ciphertext) {
        return new String(ciphertext.modPow(d, n).toByteArray(), StandardCharsets.UTF_8);
    }

    /** An RSA public key ({@code e} is always 65537): nothing in it says whose it is. */
    public record PublicKey(BigInteger n) {
        /** Encrypts short UTF-8 text (shorter than the modulus). */
        public BigInteger encrypt(String text) {
            BigInteger m = new BigInteger(1, text.getBytes(StandardCharsets.UTF_8));
            if (m.compareTo(n) >= 0) {
                throw new IllegalArgumentException("text too long for this key");
            }
            return m.modPow(E, n);
        }

        /** A short, printable form for traces: the first hex digits of the modulus. */
        public String shortForm() {
            String hex = n.toString(16);
            return "n=" + hex.substring(0, Math.min(16, hex.length())) + "…";
        }
    }
}
