package org.parley.crypto.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.HashFunction;
import org.parley.crypto.SecretBytes;

/**
 * RFC 4231 test cases 1-4, 6 and 7 for HMAC-SHA-256, -384 and -512 (case 5 tests truncation,
 * which Parley never does). Each expected tag must come out of {@code hmac}, {@code hmacSecret}
 * and pass {@code verifyHmac}, while a tag with its last bit flipped must fail.
 */
class HmacKnownAnswerTest {

    static Stream<Arguments> rfc4231() {
        Bytes case1Key = repeat(0x0b, 20);
        Bytes case1Data = Bytes.utf8("Hi There");
        Bytes case2Key = Bytes.utf8("Jefe");
        Bytes case2Data = Bytes.utf8("what do ya want for nothing?");
        Bytes case3Key = repeat(0xaa, 20);
        Bytes case3Data = repeat(0xdd, 50);
        Bytes case4Key = Bytes.fromHex("0102030405060708090a0b0c0d0e0f10111213141516171819");
        Bytes case4Data = repeat(0xcd, 50);
        Bytes longKey = repeat(0xaa, 131);
        Bytes case6Data = Bytes.utf8("Test Using Larger Than Block-Size Key - Hash Key First");
        Bytes case7Data = Bytes.utf8("This is a test using a larger than block-size key and a larger than "
                + "block-size data. The key needs to be hashed before being used by the HMAC algorithm.");
        return Stream.of(
                Arguments.of("1", HashAlgorithm.SHA256, case1Key, case1Data,
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of("1", HashAlgorithm.SHA384, case1Key, case1Data,
                        "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
                        + "faea9ea9076ede7f4af152e8b2fa9cb6"),
                Arguments.of("1", HashAlgorithm.SHA512, case1Key, case1Data,
                        "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                        + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"),
                Arguments.of("2", HashAlgorithm.SHA256, case2Key, case2Data,
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of("2", HashAlgorithm.SHA384, case2Key, case2Data,
                        "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
                        + "8e2240ca5e69e2c78b3239ecfab21649"),
                Arguments.of("2", HashAlgorithm.SHA512, case2Key, case2Data,
                        "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                        + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
                Arguments.of("3", HashAlgorithm.SHA256, case3Key, case3Data,
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                Arguments.of("3", HashAlgorithm.SHA384, case3Key, case3Data,
                        "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
                        + "2a5ab39dc13814b94e3ab6e101a34f27"),
                Arguments.of("3", HashAlgorithm.SHA512, case3Key, case3Data,
                        "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
                        + "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"),
                Arguments.of("4", HashAlgorithm.SHA256, case4Key, case4Data,
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                Arguments.of("4", HashAlgorithm.SHA384, case4Key, case4Data,
                        "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e"
                        + "6801dd23c4a7d679ccf8a386c674cffb"),
                Arguments.of("4", HashAlgorithm.SHA512, case4Key, case4Data,
                        "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
                        + "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"),
                Arguments.of("6", HashAlgorithm.SHA256, longKey, case6Data,
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Arguments.of("6", HashAlgorithm.SHA384, longKey, case6Data,
                        "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
                        + "0c2ef6ab4030fe8296248df163f44952"),
                Arguments.of("6", HashAlgorithm.SHA512, longKey, case6Data,
                        "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                        + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"),
                Arguments.of("7", HashAlgorithm.SHA256, longKey, case7Data,
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
                Arguments.of("7", HashAlgorithm.SHA384, longKey, case7Data,
                        "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
                        + "a678cc31e799176d3860e6110c46523e"),
                Arguments.of("7", HashAlgorithm.SHA512, longKey, case7Data,
                        "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
                        + "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"));
    }

    @ParameterizedTest(name = "RFC 4231 case {0}, {1}")
    @MethodSource("rfc4231")
    void matchesRfc4231(String testCase, HashAlgorithm algorithm, Bytes key, Bytes data, String expectedHex) {
        HashFunction hash = algorithm.create();
        SecretBytes secretKey = SecretBytes.wrapOwned(key.toByteArray());
        Bytes expected = Bytes.fromHex(expectedHex);
        byte[] wrong = expected.toByteArray();
        wrong[wrong.length - 1] ^= 1;

        assertThat(hash.hmac(secretKey, data)).isEqualTo(expected);
        assertThat(hash.hmacSecret(secretKey, data).revealCopy()).isEqualTo(expected.toByteArray());
        assertThat(hash.verifyHmac(secretKey, data, expected)).isTrue();
        assertThat(hash.verifyHmac(secretKey, data, Bytes.wrapOwned(wrong))).isFalse();
        assertThat(hash.verifyHmac(secretKey, data, expected.slice(0, 16))).isFalse();
    }

    private static Bytes repeat(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return Bytes.wrapOwned(bytes);
    }
}
