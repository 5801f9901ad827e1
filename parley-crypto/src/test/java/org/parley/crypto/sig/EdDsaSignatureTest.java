package org.parley.crypto.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureScheme;
import org.parley.crypto.SigningKey;
import org.parley.crypto.wycheproof.WycheproofCase;
import org.parley.crypto.wycheproof.WycheproofFile;
import org.parley.crypto.wycheproof.WycheproofTally;

/**
 * The RFC 8032 and Wycheproof checks both {@link BcEdDsa} curves must pass; each subclass supplies
 * one curve's scheme, vectors and identity point.
 *
 * <p>Per-class lifecycle so that the RFC 8032 vectors can come from an instance method the
 * subclass must implement; the fields are immutable, so sharing one instance is safe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EdDsaSignatureTest {
    private final SignatureScheme scheme;
    private final String wycheproofFile;

    EdDsaSignatureTest(SignatureScheme scheme, String wycheproofFile) {
        this.scheme = scheme;
        this.wycheproofFile = wycheproofFile;
    }

    /** RFC 8032 test vectors as (name, secret key, public key, message, signature), all hex. */
    abstract Stream<Arguments> rfc8032Vectors();

    /** The encoding of the identity point (0, 1), a public key of order 1. */
    abstract String identityPoint();

    final SignatureScheme scheme() {
        return scheme;
    }

    @ParameterizedTest(name = "RFC 8032 {0}")
    @MethodSource("rfc8032Vectors")
    void matchesTheRfc8032TestVectors(String name, String secretHex, String publicHex, String messageHex,
            String signatureHex) throws Exception {
        Bytes message = Bytes.fromHex(messageHex);
        Bytes expectedSignature = Bytes.fromHex(signatureHex);

        SigningKey key = scheme.restore(SecretBytes.wrapOwned(Bytes.fromHex(secretHex).toByteArray()));
        Bytes signature = key.sign(message, TestRandoms.unusable());

        assertThat(key.publicKey().toHex()).isEqualTo(publicHex);
        assertThat(signature).isEqualTo(expectedSignature);
        assertThat(scheme.verify(key.publicKey(), message, expectedSignature)).isTrue();
    }

    @Test
    void passesWycheproof() {
        WycheproofFile file = WycheproofFile.load(wycheproofFile);
        WycheproofTally tally = file.tally("BC rfc8032");
        for (WycheproofCase c : file.cases()) {
            tally.record(c, Verification.accepts(scheme, publicKeyOf(c), c.hex("msg"), c.hex("sig")));
        }
        tally.assertNoFailures();
    }

    @Test
    void rejectsEveryScalarAtOrAboveTheGroupOrder() {
        WycheproofFile file = WycheproofFile.load(wycheproofFile);

        var malleable = file.cases().stream().filter(c -> c.hasFlag("SignatureMalleability")).toList();

        assertThat(malleable).isNotEmpty().allSatisfy(c -> assertThat(Verification.accepts(scheme,
                publicKeyOf(c), c.hex("msg"), c.hex("sig"))).as("%s", c).isFalse());
    }

    @Test
    void rejectsASmallOrderPublicKey() {
        // With the identity as public key, every signature with R = identity, S = 0 would verify.
        Bytes identity = Bytes.fromHex(identityPoint());

        assertThatThrownBy(() -> scheme.checkPublicKey(identity)).isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> scheme.verificationKey(identity)).isInstanceOf(InvalidKeyMaterialException.class);
    }

    private static Bytes publicKeyOf(WycheproofCase c) {
        return Bytes.fromHex(c.group().path("publicKey").path("pk").asText());
    }
}
