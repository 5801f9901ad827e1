package org.parley.crypto.sig;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SigningKey;
import org.parley.crypto.wycheproof.WycheproofCase;
import org.parley.crypto.wycheproof.WycheproofFile;
import org.parley.crypto.wycheproof.WycheproofTally;

/** ML-DSA-65 against Wycheproof and, for the seed encoding, against BouncyCastle's FIPS 204 code. */
class JcaMlDsa65Test {
    private final JcaMlDsa65 scheme = new JcaMlDsa65();

    /**
     * Vectors with a non-empty context string are skipped: Parley's API has no context and always
     * uses the empty one. Vectors with an explicitly empty context are checked.
     */
    @Test
    void passesWycheproof() {
        WycheproofFile file = WycheproofFile.load("mldsa_65_verify_test.json");
        WycheproofTally tally = file.tally("JDK ML-DSA-65");
        for (WycheproofCase c : file.cases()) {
            if (!c.text("ctx").isEmpty()) {
                tally.skip(c, "non-empty context: Parley always uses the empty context");
                continue;
            }
            tally.record(c, Verification.accepts(scheme, c.groupHex("publicKey"), c.hex("msg"), c.hex("sig")));
        }
        tally.assertNoFailures();
    }

    @Test
    void derivesTheSameKeyFromTheSeedAsBouncyCastle() throws Exception {
        byte[] seed = Bytes.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").toByteArray();

        SigningKey key = scheme.restore(SecretBytes.copyOf(seed));
        MLDSAPrivateKeyParameters reference = new MLDSAPrivateKeyParameters(MLDSAParameters.ml_dsa_65, seed);

        assertThat(key.publicKey().toByteArray()).isEqualTo(reference.getPublicKey());
    }

    @Test
    void signaturesVerifyWithBouncyCastle() {
        SigningKey key = scheme.generate(TestRandoms.seeded(11));
        Bytes message = Bytes.utf8("interop");
        Bytes signature = key.sign(message, TestRandoms.seeded(12));
        MLDSASigner verifier = new MLDSASigner();
        verifier.init(false, new MLDSAPublicKeyParameters(MLDSAParameters.ml_dsa_65, key.publicKey().toByteArray()));
        verifier.update(message.toByteArray(), 0, message.length());

        assertThat(verifier.verifySignature(signature.toByteArray())).isTrue();
    }
}
