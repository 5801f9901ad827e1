package org.parley.crypto.kex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.crypto.kex.PeerInputOutcome.acceptedOrEmpty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange.Encapsulation;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.wycheproof.WycheproofCase;
import org.parley.crypto.wycheproof.WycheproofFile;
import org.parley.crypto.wycheproof.WycheproofTally;

/** X25519 against RFC 7748 and Wycheproof, through the same agreement path the exchange uses. */
class X25519KeyExchangeTest {
    private final BcMontgomeryKeyExchange kex = BcMontgomeryKeyExchange.x25519();

    private static Bytes x25519(String scalarHex, Bytes u) throws InvalidKeyMaterialException {
        return reveal(MontgomeryCurve.X25519_CURVE.agree(Bytes.fromHex(scalarHex).toByteArray(), u));
    }

    private static Bytes reveal(SecretBytes secret) {
        return Bytes.wrapOwned(secret.revealCopy());
    }

    @Test
    void matchesTheRfc7748Section52Vectors() throws InvalidKeyMaterialException {
        assertThat(x25519("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                Bytes.fromHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")).toHex())
                .isEqualTo("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        assertThat(x25519("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                Bytes.fromHex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")).toHex())
                .isEqualTo("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
    }

    /** RFC 7748 section 5.2 iterations; the 1,000,000-iteration value is left out for time. */
    @Test
    void matchesTheRfc7748IteratedVectorsAfterOneAndOneThousandIterations() throws InvalidKeyMaterialException {
        Bytes k = Bytes.fromHex("0900000000000000000000000000000000000000000000000000000000000000");
        Bytes u = k;
        Bytes afterOne = null;
        for (int i = 1; i <= 1000; i++) {
            Bytes next = x25519(k.toHex(), u);
            u = k;
            k = next;
            if (i == 1) {
                afterOne = k;
            }
        }

        assertThat(afterOne.toHex()).isEqualTo("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
        assertThat(k.toHex()).isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
    }

    @Test
    void matchesTheRfc7748Section61DiffieHellmanExample() throws InvalidKeyMaterialException {
        String alice = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
        String bob = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";

        Bytes alicePublic = MontgomeryCurve.X25519_CURVE.publicKeyOf(Bytes.fromHex(alice).toByteArray());
        Bytes bobPublic = MontgomeryCurve.X25519_CURVE.publicKeyOf(Bytes.fromHex(bob).toByteArray());

        assertThat(alicePublic.toHex()).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assertThat(bobPublic.toHex()).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
        assertThat(x25519(alice, bobPublic).toHex()).isEqualTo(shared);
        assertThat(x25519(bob, alicePublic).toHex()).isEqualTo(shared);
    }

    /** u = 0, 1, the two points of order 8, p - 1, p and p + 1: all give an all-zero secret. */
    @ParameterizedTest
    @ValueSource(strings = {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"})
    void rejectsLowOrderPointsAsShareAndAsResponse(String lowOrderHex) {
        Bytes lowOrder = Bytes.fromHex(lowOrderHex);
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));

        assertThatThrownBy(() -> kex.respond(lowOrder, TestRandom.seeded("server")))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("all zero");
        assertThatThrownBy(() -> kex.complete(share, lowOrder))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("all zero");
    }

    /** RFC 7748 section 5: "implementations of X25519 MUST mask the most significant bit". */
    @Test
    void ignoresTheTopBitOfAPeerKeyAsRfc7748Requires() throws InvalidKeyMaterialException {
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));
        Encapsulation server = kex.respond(share.publicShare(), TestRandom.seeded("server"));
        byte[] topBitSet = server.response().toByteArray();
        topBitSet[31] ^= (byte) 0x80;

        assertThat(kex.complete(share, Bytes.wrapOwned(topBitSet))).isEqualTo(server.sharedSecret());
    }

    /*
     * Policy for Wycheproof's "acceptable" vectors (also in MontgomeryCurve's javadoc): an
     * all-zero shared secret (flag ZeroSharedSecret) is rejected, and this test asserts that it
     * is; everything else RFC 7748 defines (Twist, NonCanonicalPublic, SmallPublicKey without a
     * zero result, ...) is accepted and must give Wycheproof's shared secret.
     */
    @Test
    void passesWycheproofX25519WithTheZeroSecretPolicy() {
        WycheproofFile file = WycheproofFile.load("x25519_test.json");
        WycheproofTally tally = file.tally("BC rfc7748 X25519");
        List<String> policyViolations = new ArrayList<>();

        for (WycheproofCase c : file.cases()) {
            Optional<Bytes> secret = acceptedOrEmpty(() -> reveal(MontgomeryCurve.X25519_CURVE.agree(
                    c.hex("private").toByteArray(), c.hex("public"))));
            boolean accepted = secret.isPresent();
            if (accepted && !secret.get().equals(c.hex("shared"))) {
                policyViolations.add(c + " computed a different secret");
            }
            tally.record(c, accepted && secret.get().equals(c.hex("shared")));
            if (c.result() == WycheproofCase.Result.ACCEPTABLE && c.hasFlag("ZeroSharedSecret") == accepted) {
                policyViolations.add(c + (accepted ? " accepted a zero secret" : " rejected a non-zero secret"));
            }
        }

        tally.assertNoFailures();
        assertThat(policyViolations).isEmpty();
    }
}
