package org.parley.crypto.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;

/** ECDSA specifics: RFC 6979 determinism, low-s output, the high-s policy, range and point checks. */
class BcEcdsaTest {

    @ParameterizedTest(name = "{0} \"{2}\"")
    @CsvSource({
        "ECDSA_P256_SHA256, C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721, sample,"
            + " EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716,"
            + " F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8",
        "ECDSA_P256_SHA256, C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721, test,"
            + " F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367,"
            + " 019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083",
        "ECDSA_P384_SHA384, 6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5, sample,"
            + " 94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46,"
            + " 99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8",
        "ECDSA_P384_SHA384, 6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5, test,"
            + " 8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB,"
            + " DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E06A739F040649A667BF3B828246BAA5A5",
    })
    void matchesRfc6979AppendixA2InLowSForm(SignatureAlgorithm algorithm, String privateHex, String message,
            String rHex, String sHex) throws Exception {
        BcEcdsa scheme = (BcEcdsa) algorithm.create();
        int length = scheme.scalarLength();
        BigInteger n = order(algorithm);
        BigInteger rfcS = new BigInteger(sHex, 16);
        BigInteger lowS = rfcS.compareTo(n.shiftRight(1)) > 0 ? n.subtract(rfcS) : rfcS;
        Bytes expected = Bytes.concat(fixed(new BigInteger(rHex, 16), length), fixed(lowS, length));

        SigningKey key = scheme.restore(SecretBytes.wrapOwned(Bytes.fromHex(privateHex).toByteArray()));
        Bytes signature = key.sign(Bytes.utf8(message), TestRandoms.unusable());

        assertThat(signature).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384"})
    void alwaysSignsWithLowSAndStillAcceptsTheHighSTwin(SignatureAlgorithm algorithm) throws Exception {
        BcEcdsa scheme = (BcEcdsa) algorithm.create();
        int length = scheme.scalarLength();
        BigInteger n = order(algorithm);
        SigningKey key = scheme.generate(TestRandoms.seeded(3));
        for (int i = 0; i < 32; i++) {
            Bytes message = Bytes.utf8("message " + i);

            Bytes signature = key.sign(message, TestRandoms.unusable());
            BigInteger s = new BigInteger(1, signature.slice(length, 2 * length).toByteArray());
            // Policy: high-s is standard ECDSA and verifies; harmless because the Finished MAC
            // covers the exact signature bytes.
            Bytes highS = Bytes.concat(signature.slice(0, length), fixed(n.subtract(s), length));

            assertThat(s).isLessThanOrEqualTo(n.shiftRight(1));
            assertThat(scheme.verify(key.publicKey(), message, highS)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384"})
    void rejectsRAndSOutsideOneToNMinusOne(SignatureAlgorithm algorithm) throws Exception {
        BcEcdsa scheme = (BcEcdsa) algorithm.create();
        int length = scheme.scalarLength();
        BigInteger n = order(algorithm);
        SigningKey key = scheme.generate(TestRandoms.seeded(4));
        Bytes message = Bytes.utf8("range");
        Bytes signature = key.sign(message, TestRandoms.unusable());
        Bytes r = signature.slice(0, length);
        Bytes s = signature.slice(length, 2 * length);

        assertThat(scheme.verify(key.publicKey(), message, Bytes.concat(fixed(BigInteger.ZERO, length), s))).isFalse();
        assertThat(scheme.verify(key.publicKey(), message, Bytes.concat(r, fixed(BigInteger.ZERO, length)))).isFalse();
        assertThat(scheme.verify(key.publicKey(), message, Bytes.concat(r, fixed(n, length)))).isFalse();
        assertThat(scheme.verify(key.publicKey(), message, Bytes.concat(fixed(n, length), s))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384"})
    void rejectsCompressedOffCurveAndZeroPublicKeys(SignatureAlgorithm algorithm) throws Exception {
        BcEcdsa scheme = (BcEcdsa) algorithm.create();
        int length = scheme.scalarLength();
        Bytes valid = scheme.generate(TestRandoms.seeded(5)).publicKey();
        byte[] offCurve = valid.toByteArray();
        offCurve[offCurve.length - 1] ^= 1;
        Bytes compressed = Bytes.concat(Bytes.fromHex((valid.get(valid.length() - 1) & 1) == 0 ? "02" : "03"),
                valid.slice(1, 1 + length));
        Bytes zeroPoint = Bytes.concat(Bytes.fromHex("04"), fixed(BigInteger.ZERO, 2 * length));

        for (Bytes bad : new Bytes[] {Bytes.copyOf(offCurve), compressed, zeroPoint, Bytes.fromHex("00")}) {
            assertThatThrownBy(() -> scheme.checkPublicKey(bad)).as("%s", bad).isInstanceOf(InvalidKeyMaterialException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384"})
    void rejectsACoordinateEncodedAsItsValuePlusP(SignatureAlgorithm algorithm) throws Exception {
        BcEcdsa scheme = (BcEcdsa) algorithm.create();
        int length = scheme.scalarLength();
        ECCurve curve = CustomNamedCurves.getByName(curveName(algorithm)).getCurve();
        // Both curves have a point with x = 0 (b is a square); x = p is the same value unreduced.
        BigInteger y = curve.getB().sqrt().toBigInteger();
        BigInteger p = curve.getField().getCharacteristic();
        Bytes canonical = Bytes.concat(Bytes.fromHex("04"), fixed(BigInteger.ZERO, length), fixed(y, length));
        Bytes unreduced = Bytes.concat(Bytes.fromHex("04"), fixed(p, length), fixed(y, length));

        scheme.checkPublicKey(canonical);
        assertThatThrownBy(() -> scheme.checkPublicKey(unreduced)).isInstanceOf(InvalidKeyMaterialException.class);
    }

    @ParameterizedTest
    @EnumSource(names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384"})
    void refusesToRestoreAScalarOfZeroOrN(SignatureAlgorithm algorithm) {
        BcEcdsa scheme = (BcEcdsa) algorithm.create();
        int length = scheme.scalarLength();

        assertThatThrownBy(() -> scheme.restore(SecretBytes.zeros(length))).isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> scheme.restore(SecretBytes.wrapOwned(fixed(order(algorithm), length).toByteArray())))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    private static String curveName(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.ECDSA_P256_SHA256 ? "P-256" : "P-384";
    }

    private static BigInteger order(SignatureAlgorithm algorithm) {
        return CustomNamedCurves.getByName(curveName(algorithm)).getN();
    }

    private static Bytes fixed(BigInteger value, int length) {
        return Bytes.wrapOwned(BigIntegers.asUnsignedByteArray(length, value));
    }
}
