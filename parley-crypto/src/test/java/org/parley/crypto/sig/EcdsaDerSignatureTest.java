package org.parley.crypto.sig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.crypto.Bytes;

/** The strict DER decoder accepts exactly one encoding per (r, s). */
class EcdsaDerSignatureTest {

    @Test
    void decodesMinimalIntegersAndPadsThemToTheScalarLength() {
        // r = 0x01, s = 0x80 (needs a leading zero for the sign bit).
        Bytes der = Bytes.fromHex("3007020101020200 80".replace(" ", ""));

        Bytes p1363 = EcdsaDerSignature.toP1363(der, 4).orElseThrow();

        assertThat(p1363.toHex()).isEqualTo("00000001" + "00000080");
    }

    @Test
    void acceptsIntegersOfExactlyTheScalarLength() {
        Bytes der = Bytes.fromHex("300d" + "020500ffffffff" + "02047fffffff");

        assertThat(EcdsaDerSignature.toP1363(der, 4)).map(Bytes::toHex).contains("ffffffff7fffffff");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "empty, ''",
        "wrong outer tag, 3106020101020101",
        "wrong integer tag, 3006030101020101",
        "trailing byte after the sequence, 300602010102010100",
        "sequence length too long, 3007020101020101",
        "sequence length too short, 3005020101020101",
        "third element, 3009020101020101020101",
        "only one integer, 3003020101",
        "non-minimal long-form sequence length, 308106020101020101",
        "two-byte sequence length, 30820006020101020101",
        "indefinite length, 3080020101020101 0000",
        "non-minimal long-form integer length, 30070281010102010 1",
        "empty integer, 30050200020101",
        "negative r, 30060201ff020101",
        "negative s, 3006020101020181",
        "unneeded leading zero, 300702020001020101",
        "r wider than the scalar, 300a02050102030405020101",
        "r with sign zero wider than the scalar, 300b020600800000000002 0101",
        "truncated integer, 300602010102 02 01",
    })
    void rejects(String name, String hex) {
        Bytes der = Bytes.fromHex(hex.replace(" ", ""));

        assertThat(EcdsaDerSignature.toP1363(der, 4)).as(name).isEmpty();
    }

    @Test
    void acceptsOnlyInputsThatAreTheCanonicalDerOfTheirValue() throws Exception {
        Random random = new Random(1);
        Bytes valid = Bytes.fromHex("3008020300ff01020101");
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input = i % 2 == 0 ? new byte[random.nextInt(16)] : valid.toByteArray();
            if (i % 2 == 0) {
                random.nextBytes(input);
            } else {
                input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
            }

            Optional<Bytes> decoded = EcdsaDerSignature.toP1363(Bytes.copyOf(input), 4);

            if (decoded.isPresent()) {
                accepted++;
                assertThat(canonicalDer(decoded.get(), 4)).isEqualTo(Bytes.copyOf(input));
            }
        }
        assertThat(accepted).as("mutations that stay valid DER").isPositive();
    }

    /** The reference DER encoding from BouncyCastle's ASN.1 writer. */
    private static Bytes canonicalDer(Bytes p1363, int scalarLength) throws IOException {
        byte[] rs = p1363.toByteArray();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, scalarLength));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, scalarLength, rs.length));
        return Bytes.wrapOwned(new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                .getEncoded(ASN1Encoding.DER));
    }
}
