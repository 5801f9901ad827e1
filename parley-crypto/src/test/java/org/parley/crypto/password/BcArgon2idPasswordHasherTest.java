package org.parley.crypto.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.PasswordHashAlgorithm;
import org.parley.crypto.SecretBytes;

/** Argon2id: the RFC 9106 known answer, an OWASP-cost smoke test, and the cost floor. */
class BcArgon2idPasswordHasherTest {
    private static final Bytes SALT = Bytes.fromHex("000102030405060708090a0b0c0d0e0f");

    @Test
    void matchesRfc9106Section53Argon2idVector() {
        BcArgon2idPasswordHasher hasher = BcArgon2idPasswordHasher.insecureForKnownAnswerTests(
                32, 3, 4, SecretBytes.wrapOwned(filled(0x03, 8)), Bytes.wrapOwned(filled(0x04, 12)));

        SecretBytes tag = hasher.derive(SecretBytes.wrapOwned(filled(0x01, 32)), Bytes.wrapOwned(filled(0x02, 16)), 32);

        assertThat(Bytes.wrapOwned(tag.revealCopy()).toHex())
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void derivesDeterministicOutputOfTheRequestedLengthAtOwaspCost() {
        SecretBytes password = SecretBytes.wrapOwned(Bytes.utf8("correct horse battery staple").toByteArray());

        SecretBytes first = BcArgon2idPasswordHasher.owaspMinimum().derive(password, SALT, 32);
        SecretBytes second = BcArgon2idPasswordHasher.of(19_456, 2, 1).derive(password, SALT, 32);

        assertThat(first.length()).isEqualTo(32);
        assertThat(first).isEqualTo(second);
        assertThat(first.isAllZero()).isFalse();
        assertThat(password.isDestroyed()).isFalse();
    }

    @Test
    void dependsOnPasswordSaltAndOutputLength() {
        BcArgon2idPasswordHasher hasher = BcArgon2idPasswordHasher.insecureForKnownAnswerTests(
                64, 1, 1, SecretBytes.zeros(0), Bytes.empty());
        SecretBytes password = SecretBytes.wrapOwned(new byte[] {'p', 'w'});
        Bytes base = Bytes.wrapOwned(hasher.derive(password, SALT, 32).revealCopy());

        Bytes otherPassword = Bytes.wrapOwned(hasher.derive(SecretBytes.wrapOwned(new byte[] {'p', 'W'}), SALT, 32).revealCopy());
        Bytes otherSalt = Bytes.wrapOwned(hasher.derive(password, SALT.slice(1, 16), 32).revealCopy());
        Bytes longer = Bytes.wrapOwned(hasher.derive(password, SALT, 64).revealCopy());

        assertThat(otherPassword).isNotEqualTo(base);
        assertThat(otherSalt).isNotEqualTo(base);
        assertThat(longer.length()).isEqualTo(64);
        // Argon2's H' makes the output length an input of the hash: no prefix relation.
        assertThat(longer.slice(0, 32)).isNotEqualTo(base);
    }

    @Test
    void describesItsOwaspParameters() {
        BcArgon2idPasswordHasher hasher = BcArgon2idPasswordHasher.owaspMinimum();

        assertThat(hasher.algorithm()).isEqualTo(PasswordHashAlgorithm.ARGON2ID);
        assertThat(hasher.parameters()).isEqualTo("m=19456KiB,t=2,p=1");
    }

    @ParameterizedTest(name = "m={0} KiB, t={1}, p={2}")
    @CsvSource({"47104, 1, 1", "19456, 2, 1", "12288, 3, 1", "9216, 4, 1", "7168, 5, 1", "7168, 8, 1", "65536, 3, 4"})
    void acceptsEveryOwaspConfiguration(int memoryKiB, int iterations, int parallelism) {
        BcArgon2idPasswordHasher hasher = BcArgon2idPasswordHasher.of(memoryKiB, iterations, parallelism);

        assertThat(hasher.parameters()).isEqualTo("m=" + memoryKiB + "KiB,t=" + iterations + ",p=" + parallelism);
    }

    @ParameterizedTest(name = "m={0} KiB, t={1}, p={2}")
    @CsvSource({"47103, 1, 1", "19455, 2, 1", "12287, 3, 1", "9215, 4, 1", "7167, 5, 1", "7167, 100, 1",
        "1000000, 0, 1", "19456, 2, 0", "19456, -2, 1", "19456, 2, 16777216"})
    void refusesCostsBelowTheOwaspMinimumInTheNormalFactory(int memoryKiB, int iterations, int parallelism) {
        assertThatThrownBy(() -> BcArgon2idPasswordHasher.of(memoryKiB, iterations, parallelism))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesSaltsShorterThanEightBytesAndOutputsShorterThanFour() {
        BcArgon2idPasswordHasher hasher = BcArgon2idPasswordHasher.insecureForKnownAnswerTests(
                64, 1, 1, SecretBytes.zeros(0), Bytes.empty());
        SecretBytes password = SecretBytes.wrapOwned(new byte[] {1});

        assertThatThrownBy(() -> hasher.derive(password, SALT.slice(0, 7), 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hasher.derive(password, SALT, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsTheSecretInToString() {
        BcArgon2idPasswordHasher hasher = BcArgon2idPasswordHasher.insecureForKnownAnswerTests(
                32, 3, 4, SecretBytes.wrapOwned(Bytes.fromHex("c0ffee0042").toByteArray()), Bytes.empty());

        assertThat(hasher.toString()).isEqualTo("Argon2id[m=32KiB,t=3,p=4, with secret]").doesNotContain("c0ffee");
    }

    private static byte[] filled(int value, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
