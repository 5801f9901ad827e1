package org.parley.crypto.kex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange.Encapsulation;

/** X25519 against RFC 7748 and Wycheproof (x25519_test.json), plus its top-bit masking. */
class X25519KeyExchangeTest extends MontgomeryKeyExchangeTest {

    X25519KeyExchangeTest() {
        super(MontgomeryCurve.X25519_CURVE, "x25519_test.json");
    }

    @Override
    List<Agreement> rfc7748Section52Vectors() {
        return List.of(
                new Agreement("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                        "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
                        "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
                new Agreement("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                        "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
                        "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"));
    }

    @Override
    Iterations rfc7748Iterations() {
        return new Iterations("0900000000000000000000000000000000000000000000000000000000000000",
                "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079",
                "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
    }

    /** RFC 7748 section 6.1. */
    @Override
    DiffieHellmanExample rfc7748Section6Example() {
        return new DiffieHellmanExample(
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
                "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
                "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
                "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }

    /** u = 0, 1, the two points of order 8, p - 1, p and p + 1: all give an all-zero secret. */
    @Override
    Stream<String> lowOrderPoints() {
        return Stream.of(
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0100000000000000000000000000000000000000000000000000000000000000",
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
                "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    }

    /** RFC 7748 section 5: "implementations of X25519 MUST mask the most significant bit". */
    @Test
    void ignoresTheTopBitOfAPeerKeyAsRfc7748Requires() throws InvalidKeyMaterialException {
        EphemeralKeyShare share = kex().generate(TestRandom.seeded("client"));
        Encapsulation server = kex().respond(share.publicShare(), TestRandom.seeded("server"));
        byte[] topBitSet = server.response().toByteArray();
        topBitSet[31] ^= (byte) 0x80;

        assertThat(kex().complete(share, Bytes.wrapOwned(topBitSet))).isEqualTo(server.sharedSecret());
    }
}
