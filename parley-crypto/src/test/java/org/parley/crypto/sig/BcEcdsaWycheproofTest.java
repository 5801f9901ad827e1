package org.parley.crypto.sig;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.wycheproof.WycheproofCase;
import org.parley.crypto.wycheproof.WycheproofFile;
import org.parley.crypto.wycheproof.WycheproofTally;

/**
 * ECDSA P-256 and P-384 verification against Wycheproof, in both signature encodings: the P1363
 * files go straight to {@link BcEcdsa}; the DER files go through {@link EcdsaDerSignature}'s
 * strict decoder first, so a DER signature that decodes to nothing counts as rejected.
 */
class BcEcdsaWycheproofTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ecdsa_secp256r1_sha256_p1363_test.json, ECDSA_P256_SHA256",
        "ecdsa_secp384r1_sha384_p1363_test.json, ECDSA_P384_SHA384",
    })
    void passesWycheproofP1363(String fileName, SignatureAlgorithm algorithm) {
        BcEcdsa scheme = (BcEcdsa) algorithm.create();
        WycheproofFile file = WycheproofFile.load(fileName);
        WycheproofTally tally = file.tally("BC ECDSASigner");
        for (WycheproofCase c : file.cases()) {
            tally.record(c, Verification.accepts(scheme, uncompressedKey(c), c.hex("msg"), c.hex("sig")));
        }
        tally.assertNoFailures();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ecdsa_secp256r1_sha256_test.json, ECDSA_P256_SHA256",
        "ecdsa_secp384r1_sha384_test.json, ECDSA_P384_SHA384",
    })
    void passesWycheproofDerThroughTheStrictDecoder(String fileName, SignatureAlgorithm algorithm) {
        BcEcdsa scheme = (BcEcdsa) algorithm.create();
        WycheproofFile file = WycheproofFile.load(fileName);
        WycheproofTally tally = file.tally("EcdsaDerSignature + BC ECDSASigner");
        for (WycheproofCase c : file.cases()) {
            Optional<Bytes> p1363 = EcdsaDerSignature.toP1363(c.hex("sig"), scheme.scalarLength());
            boolean accepted = p1363.isPresent()
                    && Verification.accepts(scheme, uncompressedKey(c), c.hex("msg"), p1363.get());
            tally.record(c, accepted);
        }
        tally.assertNoFailures();
    }

    private static Bytes uncompressedKey(WycheproofCase c) {
        return Bytes.fromHex(c.group().path("publicKey").path("uncompressed").asText());
    }
}
