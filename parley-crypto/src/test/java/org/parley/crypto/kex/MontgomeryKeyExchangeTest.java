package org.parley.crypto.kex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.crypto.kex.PeerInputOutcome.acceptedOrEmpty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.wycheproof.WycheproofCase;
import org.parley.crypto.wycheproof.WycheproofFile;
import org.parley.crypto.wycheproof.WycheproofTally;

/**
 * The RFC 7748 and Wycheproof checks every {@link MontgomeryCurve} must pass, through the same
 * agreement path the exchange uses; each subclass supplies one curve's vectors.
 *
 * <p>Per-class lifecycle so that the low-order points can come from an instance method the
 * subclass must implement; the fields are immutable, so sharing one instance is safe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MontgomeryKeyExchangeTest {
    private final MontgomeryCurve curve;
    private final String wycheproofFile;
    /** The exchange Parley creates for the curve's algorithm, so the tests reach the shipped wiring. */
    private final KeyExchange kex;

    MontgomeryKeyExchangeTest(MontgomeryCurve curve, String wycheproofFile) {
        this.curve = curve;
        this.wycheproofFile = wycheproofFile;
        this.kex = curve.algorithm().create();
    }

    /** One application of the function: {@code output = X(scalar, u)}, all in RFC 7748's hex. */
    record Agreement(String scalar, String u, String output) {
    }

    /** The iterated test of RFC 7748 section 5.2, starting from the base point as both k and u. */
    record Iterations(String basePoint, String afterOne, String afterOneThousand) {
    }

    /** The Diffie-Hellman example of RFC 7748 section 6: two key pairs and their shared secret. */
    record DiffieHellmanExample(String alicePrivate, String alicePublic, String bobPrivate, String bobPublic,
            String shared) {
    }

    /** The two single-step test vectors of RFC 7748 section 5.2. */
    abstract List<Agreement> rfc7748Section52Vectors();

    /** The 1- and 1,000-iteration values; the 1,000,000-iteration value is left out for time. */
    abstract Iterations rfc7748Iterations();

    abstract DiffieHellmanExample rfc7748Section6Example();

    /** u-coordinates whose agreement with any scalar is all zero. */
    abstract Stream<String> lowOrderPoints();

    final KeyExchange kex() {
        return kex;
    }

    private Bytes agree(String scalarHex, Bytes u) throws InvalidKeyMaterialException {
        return reveal(curve.agree(Bytes.fromHex(scalarHex).toByteArray(), u));
    }

    private static Bytes reveal(SecretBytes secret) {
        return Bytes.wrapOwned(secret.revealCopy());
    }

    @Test
    void matchesTheRfc7748Section52Vectors() throws InvalidKeyMaterialException {
        List<Agreement> vectors = rfc7748Section52Vectors();
        assertThat(vectors).hasSize(2);

        for (Agreement v : vectors) {
            assertThat(agree(v.scalar(), Bytes.fromHex(v.u())).toHex()).as("scalar %s", v.scalar())
                    .isEqualTo(v.output());
        }
    }

    @Test
    void matchesTheRfc7748IteratedVectorsAfterOneAndOneThousandIterations() throws InvalidKeyMaterialException {
        Iterations expected = rfc7748Iterations();
        Bytes k = Bytes.fromHex(expected.basePoint());
        Bytes u = k;
        Bytes afterOne = null;
        for (int i = 1; i <= 1000; i++) {
            Bytes next = agree(k.toHex(), u);
            u = k;
            k = next;
            if (i == 1) {
                afterOne = k;
            }
        }

        assertThat(afterOne.toHex()).isEqualTo(expected.afterOne());
        assertThat(k.toHex()).isEqualTo(expected.afterOneThousand());
    }

    @Test
    void matchesTheRfc7748Section6DiffieHellmanExample() throws InvalidKeyMaterialException {
        DiffieHellmanExample example = rfc7748Section6Example();

        Bytes alicePublic = curve.publicKeyOf(Bytes.fromHex(example.alicePrivate()).toByteArray());
        Bytes bobPublic = curve.publicKeyOf(Bytes.fromHex(example.bobPrivate()).toByteArray());

        assertThat(alicePublic.toHex()).isEqualTo(example.alicePublic());
        assertThat(bobPublic.toHex()).isEqualTo(example.bobPublic());
        assertThat(agree(example.alicePrivate(), bobPublic).toHex()).isEqualTo(example.shared());
        assertThat(agree(example.bobPrivate(), alicePublic).toHex()).isEqualTo(example.shared());
    }

    @ParameterizedTest
    @MethodSource("lowOrderPoints")
    void rejectsLowOrderPointsAsShareAndAsResponse(String lowOrderHex) {
        Bytes lowOrder = Bytes.fromHex(lowOrderHex);
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));

        assertThatThrownBy(() -> kex.respond(lowOrder, TestRandom.seeded("server")))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("all zero");
        assertThatThrownBy(() -> kex.complete(share, lowOrder))
                .isInstanceOf(InvalidKeyMaterialException.class).hasMessageContaining("all zero");
    }

    /*
     * Policy for Wycheproof's "acceptable" vectors (also in MontgomeryCurve's javadoc): an
     * all-zero shared secret (flag ZeroSharedSecret) is rejected, and this test asserts that it
     * is; everything else RFC 7748 defines (Twist, NonCanonicalPublic, SmallPublicKey without a
     * zero result, ...) is accepted and must give Wycheproof's shared secret. Vectors of the wrong
     * length (X448's PublicKeyTooLong) are invalid and rejected by length.
     */
    @Test
    void passesWycheproofWithTheZeroSecretPolicy() {
        WycheproofFile file = WycheproofFile.load(wycheproofFile);
        WycheproofTally tally = file.tally("BC rfc7748 " + curve.algorithm());
        List<String> policyViolations = new ArrayList<>();

        for (WycheproofCase c : file.cases()) {
            Optional<Bytes> secret = acceptedOrEmpty(() -> reveal(curve.agree(
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
