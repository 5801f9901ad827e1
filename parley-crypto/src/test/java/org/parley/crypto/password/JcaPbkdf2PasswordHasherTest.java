package org.parley.crypto.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.PasswordHashAlgorithm;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.wycheproof.WycheproofCase;
import org.parley.crypto.wycheproof.WycheproofFile;
import org.parley.crypto.wycheproof.WycheproofTally;

/**
 * Wycheproof known answers for PBKDF2-HMAC-SHA256/512 plus the cost-parameter guards.
 *
 * <p>Every Wycheproof PBKDF2 vector is "valid" (the files hold no invalid or acceptable cases), so
 * a vector counts as accepted when the derived key equals the expected one. The largest count in
 * the files is 80,000 iterations and all vectors together take a few seconds, so none is skipped.
 */
class JcaPbkdf2PasswordHasherTest {

    @Test
    void matchesEveryWycheproofSha256Vector() {
        runWycheproof("pbkdf2_hmacsha256_test.json", HashAlgorithm.SHA256);
    }

    @Test
    void matchesEveryWycheproofSha512Vector() {
        runWycheproof("pbkdf2_hmacsha512_test.json", HashAlgorithm.SHA512);
    }

    private static void runWycheproof(String fileName, HashAlgorithm hash) {
        WycheproofFile file = WycheproofFile.load(fileName);
        WycheproofTally tally = file.tally("BC PKCS5S2ParametersGenerator");
        for (WycheproofCase c : file.cases()) {
            var hasher = JcaPbkdf2PasswordHasher.insecureForKnownAnswerTests(hash, c.integer("iterationCount"));
            Bytes expected = c.hex("dk");
            SecretBytes derived = hasher.derive(SecretBytes.copyOf(c.hex("password").toByteArray()),
                    c.hex("salt"), c.integer("dkLen"));
            tally.record(c, derived.equals(SecretBytes.copyOf(expected.toByteArray())));
        }
        tally.assertNoFailures();
    }

    @Test
    void matchesRfc7677SaltedPasswordForPencil() {
        // SaltedPassword of the RFC 7677 section 3 example, recomputed independently once with
        // Python's hashlib.pbkdf2_hmac('sha256', b'pencil', salt, 4096).
        var hasher = JcaPbkdf2PasswordHasher.insecureForKnownAnswerTests(HashAlgorithm.SHA256, 4096);
        Bytes salt = Bytes.wrapOwned(java.util.Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="));

        SecretBytes derived = hasher.derive(SecretBytes.copyOf("pencil".getBytes(java.nio.charset.StandardCharsets.UTF_8)), salt, 32);

        assertThat(Bytes.wrapOwned(derived.revealCopy()).toHex())
                .isEqualTo("c4a49510323ab4f952cac1fa99441939e78ea74d6be81ddf7096e87513dc615d");
    }

    @Test
    void owaspPresetsUseTheOwaspMinimums() {
        assertThat(JcaPbkdf2PasswordHasher.owaspSha256().iterations()).isEqualTo(600_000);
        assertThat(JcaPbkdf2PasswordHasher.owaspSha256().algorithm()).isEqualTo(PasswordHashAlgorithm.PBKDF2_HMAC_SHA256);
        assertThat(JcaPbkdf2PasswordHasher.owaspSha512().iterations()).isEqualTo(210_000);
        assertThat(JcaPbkdf2PasswordHasher.owaspSha512().algorithm()).isEqualTo(PasswordHashAlgorithm.PBKDF2_HMAC_SHA512);
    }

    @Test
    void rejectsIterationCountsBelowTheOwaspMinimum() {
        assertThatThrownBy(() -> JcaPbkdf2PasswordHasher.of(HashAlgorithm.SHA256, 599_999))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JcaPbkdf2PasswordHasher.of(HashAlgorithm.SHA512, 209_999))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JcaPbkdf2PasswordHasher.of(HashAlgorithm.SHA512, 210_000).iterations()).isEqualTo(210_000);
    }

    @Test
    void rejectsHashesPbkdf2IsNotOfferedWith() {
        assertThatThrownBy(() -> JcaPbkdf2PasswordHasher.of(HashAlgorithm.SHA384, 1_000_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JcaPbkdf2PasswordHasher.insecureForKnownAnswerTests(HashAlgorithm.SHA3_256, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leavesTheCallersPasswordIntact() {
        var hasher = JcaPbkdf2PasswordHasher.insecureForKnownAnswerTests(HashAlgorithm.SHA256, 2);
        SecretBytes password = SecretBytes.copyOf(new byte[] {1, 2, 3});

        hasher.derive(password, Bytes.utf8("salt"), 32);

        assertThat(password.isDestroyed()).isFalse();
        assertThat(password.revealCopy()).containsExactly(1, 2, 3);
    }

    @Test
    void toStringShowsParametersOnly() {
        assertThat(JcaPbkdf2PasswordHasher.owaspSha256()).hasToString("PBKDF2-HMAC-SHA256(i=600000)");
    }
}
