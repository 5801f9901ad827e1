package org.parley.crypto.kex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.parley.crypto.kex.PeerInputOutcome.acceptedOrEmpty;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.wycheproof.WycheproofCase;
import org.parley.crypto.wycheproof.WycheproofFile;
import org.parley.crypto.wycheproof.WycheproofTally;

/** ECDH on P-256 and P-384: strict point validation and Wycheproof. */
class BcEcdhKeyExchangeTest {

    static Stream<Arguments> curves() {
        return Stream.of(
                Arguments.of(BcEcdhKeyExchange.p256(), "secp256r1", "ecdh_secp256r1_ecpoint_test.json"),
                Arguments.of(BcEcdhKeyExchange.p384(), "secp384r1", "ecdh_secp384r1_ecpoint_test.json"));
    }

    private static void assertRejectedAsShareAndResponse(BcEcdhKeyExchange kex, Bytes point) {
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));
        assertThatThrownBy(() -> kex.respond(point, TestRandom.seeded("server")))
                .isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> kex.complete(share, point)).isInstanceOf(InvalidKeyMaterialException.class);
    }

    private static Bytes validPoint(BcEcdhKeyExchange kex) {
        return kex.generate(TestRandom.seeded("peer")).publicShare();
    }

    @ParameterizedTest
    @MethodSource("curves")
    void rejectsAPointOffTheCurve(BcEcdhKeyExchange kex, String curve, String wycheproofFile) {
        byte[] point = validPoint(kex).toByteArray();
        point[point.length - 1] ^= 0x01;

        assertRejectedAsShareAndResponse(kex, Bytes.wrapOwned(point));
    }

    @ParameterizedTest
    @MethodSource("curves")
    void rejectsCompressedEncodings(BcEcdhKeyExchange kex, String curve, String wycheproofFile) {
        Bytes point = validPoint(kex);
        int fieldLength = (point.length() - 1) / 2;
        byte[] compressed = point.slice(0, 1 + fieldLength).toByteArray();
        compressed[0] = (byte) (0x02 | (point.get(point.length() - 1) & 1));
        byte[] compressedPrefixFullLength = point.toByteArray();
        compressedPrefixFullLength[0] = 0x02;
        byte[] hybridPrefix = point.toByteArray();
        hybridPrefix[0] = (byte) (0x06 | (point.get(point.length() - 1) & 1));

        assertRejectedAsShareAndResponse(kex, Bytes.wrapOwned(compressed));
        assertRejectedAsShareAndResponse(kex, Bytes.wrapOwned(compressedPrefixFullLength));
        assertRejectedAsShareAndResponse(kex, Bytes.wrapOwned(hybridPrefix));
    }

    @ParameterizedTest
    @MethodSource("curves")
    void rejectsThePointAtInfinityInEveryEncoding(BcEcdhKeyExchange kex, String curve, String wycheproofFile) {
        int length = kex.publicShareLength();

        assertRejectedAsShareAndResponse(kex, Bytes.fromHex("00"));
        assertRejectedAsShareAndResponse(kex, Bytes.wrapOwned(new byte[length]));
        byte[] zeroCoordinates = new byte[length];
        zeroCoordinates[0] = 0x04;
        assertRejectedAsShareAndResponse(kex, Bytes.wrapOwned(zeroCoordinates));
    }

    /** (x + p, y) is the same point mod p; accepting it would give one point two encodings. */
    @ParameterizedTest
    @MethodSource("curves")
    void rejectsACoordinateNotBelowTheFieldPrime(BcEcdhKeyExchange kex, String curve, String wycheproofFile)
            throws InvalidKeyMaterialException {
        X9ECParameters params = CustomNamedCurves.getByName(curve);
        int fieldLength = params.getCurve().getFieldElementEncodingLength();
        BigInteger p = params.getCurve().getField().getCharacteristic();
        ECPoint small = smallXPoint(params, fieldLength);
        BigInteger x = small.getAffineXCoord().toBigInteger();
        BigInteger y = small.getAffineYCoord().toBigInteger();
        Bytes canonical = encode(fieldLength, x, y);
        Bytes xPlusP = encode(fieldLength, x.add(p), y);
        // y + p does not fit the encoding (p is close to 2^bits), so y gets all-ones instead.
        Bytes yAllOnes = encode(fieldLength, x, BigInteger.ONE.shiftLeft(8 * fieldLength).subtract(BigInteger.ONE));

        assertThat(kex.respond(canonical, TestRandom.seeded("server")).sharedSecret().length()).isEqualTo(fieldLength);
        assertRejectedAsShareAndResponse(kex, xPlusP);
        assertRejectedAsShareAndResponse(kex, yAllOnes);
    }

    /** The valid point with the smallest x, so that x + p still fits in the encoding. */
    private static ECPoint smallXPoint(X9ECParameters params, int fieldLength) {
        for (int x = 1; ; x++) {
            byte[] compressed = new byte[1 + fieldLength];
            compressed[0] = 0x02;
            byte[] xBytes = BigIntegers.asUnsignedByteArray(fieldLength, BigInteger.valueOf(x));
            System.arraycopy(xBytes, 0, compressed, 1, fieldLength);
            Optional<ECPoint> point = decodeOrEmpty(params, compressed);
            if (point.isPresent()) {
                return point.get().normalize();
            }
        }
    }

    private static Optional<ECPoint> decodeOrEmpty(X9ECParameters params, byte[] compressed) {
        List<ECPoint> decoded = new ArrayList<>(1);
        Throwable thrown = catchThrowable(() -> decoded.add(params.getCurve().decodePoint(compressed)));
        return thrown == null ? Optional.of(decoded.getFirst()) : Optional.empty();
    }

    private static Bytes encode(int fieldLength, BigInteger x, BigInteger y) {
        return Bytes.concat(Bytes.fromHex("04"),
                Bytes.wrapOwned(BigIntegers.asUnsignedByteArray(fieldLength, x)),
                Bytes.wrapOwned(BigIntegers.asUnsignedByteArray(fieldLength, y)));
    }

    /*
     * Policy for Wycheproof's "acceptable" vectors (also in BcEcdhKeyExchange's javadoc): the
     * only ones are compressed public points, and Parley's wire format allows uncompressed
     * points only, so they are rejected; the test asserts that.
     */
    @ParameterizedTest
    @MethodSource("curves")
    void passesWycheproofRejectingCompressedPoints(BcEcdhKeyExchange kex, String curve, String wycheproofFile) {
        WycheproofFile file = WycheproofFile.load(wycheproofFile);
        WycheproofTally tally = file.tally("BC lightweight ECDH");
        int fieldLength = (kex.publicShareLength() - 1) / 2;
        List<String> policyViolations = new ArrayList<>();

        for (WycheproofCase c : file.cases()) {
            byte[] scalar = BigIntegers.asUnsignedByteArray(fieldLength, new BigInteger(c.text("private"), 16));
            Optional<Bytes> secret = acceptedOrEmpty(() -> reveal(kex.agreeWithScalar(scalar, c.hex("public"))));
            boolean accepted = secret.isPresent();
            if (accepted && !secret.get().equals(c.hex("shared"))) {
                policyViolations.add(c + " computed a different secret");
            }
            tally.record(c, accepted && secret.get().equals(c.hex("shared")));
            if (c.result() == WycheproofCase.Result.ACCEPTABLE && accepted) {
                policyViolations.add(c + " accepted a compressed point");
            }
        }

        tally.assertNoFailures();
        assertThat(policyViolations).isEmpty();
    }

    private static Bytes reveal(SecretBytes secret) {
        return Bytes.wrapOwned(secret.revealCopy());
    }
}
