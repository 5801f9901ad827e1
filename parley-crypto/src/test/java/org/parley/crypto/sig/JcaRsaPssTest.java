package org.parley.crypto.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.wycheproof.WycheproofCase;
import org.parley.crypto.wycheproof.WycheproofFile;
import org.parley.crypto.wycheproof.WycheproofTally;

/** RSA-PSS against Wycheproof and the public-key policy (3072-bit modulus, odd e >= 65537). */
class JcaRsaPssTest {
    /** An odd 3072-bit number: the JDK's key factory does not test primality, so it serves as a modulus. */
    private static final BigInteger MODULUS_3072 = BigInteger.ONE.shiftLeft(3071).add(BigInteger.valueOf(0x2f1));

    @Test
    void passesWycheproof3072() {
        WycheproofFile file = WycheproofFile.load("rsa_pss_3072_sha256_mgf1_32_test.json");
        WycheproofTally tally = file.tally("JDK SunRsaSign via JcaRsaPss");
        JcaRsaPss scheme = JcaRsaPss.rsa3072Sha256();
        for (WycheproofCase c : file.cases()) {
            tally.record(c, Verification.accepts(scheme, c.groupHex("publicKeyDer"), c.hex("msg"), c.hex("sig")));
        }
        tally.assertNoFailures();
    }

    /**
     * The 2048-bit file exercises the same verification path through the test-only seam that
     * relaxes the modulus size; production code never reaches it.
     */
    @Test
    void passesWycheproof2048WithTheModulusSizeRelaxed() {
        WycheproofFile file = WycheproofFile.load("rsa_pss_2048_sha256_mgf1_32_test.json");
        WycheproofTally tally = file.tally("JDK SunRsaSign via JcaRsaPss, 2048-bit test seam");
        JcaRsaPss scheme = JcaRsaPss.withModulusBitsForTestsOnly(2048);
        for (WycheproofCase c : file.cases()) {
            tally.record(c, Verification.accepts(scheme, c.groupHex("publicKeyDer"), c.hex("msg"), c.hex("sig")));
        }
        tally.assertNoFailures();
    }

    @Test
    void productionSchemeRejectsA2048BitKey() {
        WycheproofFile file = WycheproofFile.load("rsa_pss_2048_sha256_mgf1_32_test.json");
        Bytes key2048 = file.cases().getFirst().groupHex("publicKeyDer");

        assertThatThrownBy(() -> JcaRsaPss.rsa3072Sha256().checkPublicKey(key2048))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void acceptsA3072BitModulusWithExponent65537() throws Exception {
        Bytes key = encode(MODULUS_3072, BigInteger.valueOf(65537));

        JcaRsaPss.rsa3072Sha256().checkPublicKey(key);

        assertThat(key.length()).isEqualTo(422);
    }

    @ParameterizedTest(name = "modulus bits {0}, e = {1}")
    @CsvSource({
        "3072, 3",
        "3072, 65535",
        "3072, 65538",
        "3071, 65537",
        "3073, 65537",
    })
    void rejectsModulusOrExponentOutsideThePolicy(int modulusBits, long exponent) throws Exception {
        BigInteger modulus = BigInteger.ONE.shiftLeft(modulusBits - 1).add(BigInteger.valueOf(0x2f1));
        Bytes key = encode(modulus, BigInteger.valueOf(exponent));

        assertThatThrownBy(() -> JcaRsaPss.rsa3072Sha256().checkPublicKey(key))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void rejectsAnExponentOf2To256OrMore() throws Exception {
        Bytes key = encode(MODULUS_3072, BigInteger.ONE.shiftLeft(256).add(BigInteger.ONE));

        assertThatThrownBy(() -> JcaRsaPss.rsa3072Sha256().checkPublicKey(key))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void rejectsTrailingBytesAfterTheKey() throws Exception {
        Bytes key = Bytes.concat(encode(MODULUS_3072, BigInteger.valueOf(65537)), Bytes.fromHex("00"));

        assertThatThrownBy(() -> JcaRsaPss.rsa3072Sha256().checkPublicKey(key))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void rejectsUnusualAlgorithmParametersInPlaceOfNull() throws Exception {
        // rsaEncryption's parameters must be NULL (05 00); 04 00 (an empty OCTET STRING) names
        // the same key in another encoding, which the JDK alone would accept.
        byte[] key = encode(MODULUS_3072, BigInteger.valueOf(65537)).toByteArray();
        assertThat(key[17]).isEqualTo((byte) 0x05);
        key[17] = 0x04;

        assertThatThrownBy(() -> JcaRsaPss.rsa3072Sha256().checkPublicKey(Bytes.wrapOwned(key)))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void refusesToRestoreAKeyWithAnInconsistentCrtCoefficient() throws Exception {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey good = (RSAPrivateCrtKey) factory.generatePrivate(
                new PKCS8EncodedKeySpec(HexResource.read("rsa3072-test-key.pk8.hex").toByteArray()));
        byte[] corrupted = factory.generatePrivate(new RSAPrivateCrtKeySpec(good.getModulus(), good.getPublicExponent(),
                good.getPrivateExponent(), good.getPrimeP(), good.getPrimeQ(), good.getPrimeExponentP(),
                good.getPrimeExponentQ(), good.getCrtCoefficient().add(BigInteger.ONE))).getEncoded();

        JcaRsaPss.rsa3072Sha256().restore(SecretBytes.wrapOwned(good.getEncoded()));
        assertThatThrownBy(() -> JcaRsaPss.rsa3072Sha256().restore(SecretBytes.wrapOwned(corrupted)))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void refusesToRestoreGarbage() {
        assertThatThrownBy(() -> JcaRsaPss.rsa3072Sha256().restore(SecretBytes.wrapOwned(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    private static Bytes encode(BigInteger modulus, BigInteger exponent) throws Exception {
        return Bytes.wrapOwned(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)).getEncoded());
    }
}
