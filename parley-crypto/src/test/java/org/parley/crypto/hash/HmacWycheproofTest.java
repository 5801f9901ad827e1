package org.parley.crypto.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.HashFunction;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.wycheproof.WycheproofCase;
import org.parley.crypto.wycheproof.WycheproofFile;
import org.parley.crypto.wycheproof.WycheproofTally;

/**
 * Wycheproof HMAC vectors through {@link HashFunction#hmac} and {@link HashFunction#verifyHmac}.
 *
 * <p>Full-length tags go through {@code verifyHmac} itself. Parley never truncates an HMAC, so for
 * the truncated-tag groups the test takes the first tagSize/8 bytes of Parley's own {@code hmac}
 * output and compares them in constant time, the same check {@code verifyHmac} makes on the full
 * tag. The files have no "acceptable" vectors.
 */
class HmacWycheproofTest {

    @ParameterizedTest
    @CsvSource({
        "hmac_sha256_test.json, SHA256",
        "hmac_sha384_test.json, SHA384",
        "hmac_sha512_test.json, SHA512",
        "hmac_sha3_256_test.json, SHA3_256"})
    void acceptsEveryValidAndRejectsEveryInvalidTag(String fileName, HashAlgorithm algorithm) {
        WycheproofFile file = WycheproofFile.load(fileName);
        WycheproofTally tally = file.tally("JDK " + algorithm.jcaHmacName() + " via JcaHashFunction");
        HashFunction hash = algorithm.create();

        for (WycheproofCase c : file.cases()) {
            SecretBytes key = SecretBytes.wrapOwned(c.hex("key").toByteArray());
            Bytes msg = c.hex("msg");
            Bytes tag = c.hex("tag");
            int tagLength = c.groupInt("tagSize") / 8;
            boolean accepted = tagLength == hash.length()
                    ? hash.verifyHmac(key, msg, tag)
                    : hash.hmac(key, msg).slice(0, tagLength).constantTimeEquals(tag);
            tally.record(c, accepted);
        }

        tally.assertNoFailures();
    }

    /** HMAC-SHA3-512 is deliberately absent from {@link HashAlgorithm}; the file is skipped whole. */
    @Test
    void skipsHmacSha3512BecauseItIsNotOffered() {
        WycheproofFile file = WycheproofFile.load("hmac_sha3_512_test.json");
        WycheproofTally tally = file.tally("not offered");
        for (WycheproofCase c : file.cases()) {
            tally.skip(c, "SHA3-512 is not offered");
        }

        System.out.println(tally.summary());
        assertThat(Arrays.stream(HashAlgorithm.values()).map(HashAlgorithm::jcaHmacName))
                .as("if HMAC-SHA3-512 is ever added, run these vectors instead of skipping them")
                .doesNotContain("HmacSHA3-512");
        assertThat(tally.checkedCount()).isZero();
    }
}
