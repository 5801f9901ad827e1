package org.parley.crypto.kex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange.Encapsulation;
import org.parley.crypto.SecretBytes;

/** The hybrid X25519 + ML-KEM-768 exchange: X-Wing known answers and broken halves. */
class XWingX25519MlKem768KeyExchangeTest {
    private final XWingX25519MlKem768KeyExchange kex = new XWingX25519MlKem768KeyExchange();

    /**
     * draft-connolly-cfrg-xwing-kem-10 appendix C. The full 1216-byte key and 1120-byte ciphertext
     * are compared through their SHA-256 to keep this file readable.
     */
    record XWingVector(String seed, String eseed, String pkSha256, String ctSha256, String ss) {
    }

    static Stream<XWingVector> xwingVectors() {
        return Stream.of(
                new XWingVector("7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26",
                        "3cb1eea988004b93103cfb0aeefd2a686e01fa4a58e8a3639ca8a1e3f9ae57e2"
                                + "35b8cc873c23dc62b8d260169afa2f75ab916a58d974918835d25e6a435085b2",
                        "2e816deebcd76c5c80d0cd2d174478871658e8e2ff42bc9d4a6e486372e856bb",
                        "17cd532d657e44c897ca6583e548a5424fc70bf54f99515a4d2bcf99e3469f33",
                        "d2df0522128f09dd8e2c92b1e905c793d8f57a54c3da25861f10bf4ca613e384"),
                new XWingVector("badfd6dfaac359a5efbb7bcc4b59d538df9a04302e10c8bc1cbf1a0b3a5120ea",
                        "17cda7cfad765f5623474d368ccca8af0007cd9f5e4c849f167a580b14aabdef"
                                + "aee7eef47cb0fca9767be1fda69419dfb927e9df07348b196691abaeb580b32d",
                        "c42ba5f8430d7d2c83739338203819f090e8303ce9c8b02107c272bfa5376916",
                        "1661ea86d608a1924ba30840cb0a65f13ae051e3aec9cf0f064efc0bc92f2154",
                        "f2e86241c64d60f6649fbc6c5b7d17180b780a3f34355e64a85749949c45f150"),
                new XWingVector("ef58538b8d23f87732ea63b02b4fa0f4873360e2841928cd60dd4cee8cc0d4c9",
                        "22a96188d032675c8ac850933c7aff1533b94c834adbb69c6115bad4692d8619"
                                + "f90b0cdf8a7b9c264029ac185b70b83f2801f2f4b3f70c593ea3aeeb613a7f1b",
                        "6b080d6b84f095342092fa7a22423e58bd681397ad0ef00eac92bd254db4fa95",
                        "d3ca5578500344b5896cffc4fd740c9311946b82951df155e6fd86a7966b43c6",
                        "953f7f4e8c5b5049bdc771d1dffada0dd961477d1a2ae0988baa7ea6898d893f"));
    }

    /*
     * X-Wing expands its 32-byte seed with SHAKE256 into ML-KEM d, z and the X25519 scalar, in
     * that order, which is exactly the order generate() draws randomness; and its eseed is ML-KEM
     * m followed by the X25519 ephemeral scalar, the order respond() draws. So feeding those
     * bytes as randomness must reproduce the draft's key, ciphertext and secret.
     */
    @ParameterizedTest
    @MethodSource("xwingVectors")
    void reproducesTheXWingDraftVectors(XWingVector vector) throws InvalidKeyMaterialException {
        EphemeralKeyShare share = kex.generate(TestRandom.shake256(Bytes.fromHex(vector.seed())));
        TestRandom eseed = TestRandom.fixed(Bytes.fromHex(vector.eseed()));

        Encapsulation server = kex.respond(share.publicShare(), eseed);
        SecretBytes client = kex.complete(share, server.response());

        assertThat(sha256(share.publicShare()).toHex()).isEqualTo(vector.pkSha256());
        assertThat(sha256(server.response()).toHex()).isEqualTo(vector.ctSha256());
        assertThat(server.sharedSecret()).isEqualTo(SecretBytes.copyOf(Bytes.fromHex(vector.ss()).toByteArray()));
        assertThat(client).isEqualTo(server.sharedSecret());
        assertThat(eseed.remaining()).isZero();
    }

    @Test
    void rejectsALowOrderClassicalKeyInTheClientShare() {
        Bytes share = kex.generate(TestRandom.seeded("client")).publicShare();
        Bytes zeroX25519 = Bytes.concat(share.slice(0, 1184), Bytes.wrapOwned(new byte[32]));

        assertThatThrownBy(() -> kex.respond(zeroX25519, TestRandom.seeded("server")))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void rejectsALowOrderClassicalKeyInTheResponse() throws InvalidKeyMaterialException {
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));
        Bytes response = kex.respond(share.publicShare(), TestRandom.seeded("server")).response();
        Bytes zeroX25519 = Bytes.concat(response.slice(0, 1088), Bytes.wrapOwned(new byte[32]));

        assertThatThrownBy(() -> kex.complete(share, zeroX25519)).isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void aReplacedClassicalKeyInTheClientShareChangesTheSecret() throws InvalidKeyMaterialException {
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));
        Bytes otherX25519 = kex.generate(TestRandom.seeded("mallory")).publicShare().slice(1184, 1216);
        Bytes tampered = Bytes.concat(share.publicShare().slice(0, 1184), otherX25519);

        Encapsulation server = kex.respond(tampered, TestRandom.seeded("server"));

        assertThat(kex.complete(share, server.response())).isNotEqualTo(server.sharedSecret());
    }

    @Test
    void aReplacedPostQuantumCiphertextChangesTheSecret() throws InvalidKeyMaterialException {
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));
        Encapsulation server = kex.respond(share.publicShare(), TestRandom.seeded("server"));
        Bytes otherCiphertext = kex.respond(share.publicShare(), TestRandom.seeded("mallory")).response().slice(0, 1088);
        Bytes tampered = Bytes.concat(otherCiphertext, server.response().slice(1088, 1120));

        assertThat(kex.complete(share, tampered)).isNotEqualTo(server.sharedSecret());
    }

    @Test
    void rejectsAnEncapsulationKeyThatFailsTheModulusCheck() {
        byte[] share = kex.generate(TestRandom.seeded("client")).publicShare().toByteArray();
        // The first 12-bit coefficient becomes 0xfff = 4095 >= q = 3329 (FIPS 203 section 7.2).
        share[0] = (byte) 0xff;
        share[1] = (byte) (share[1] | 0x0f);

        assertThatThrownBy(() -> kex.respond(Bytes.wrapOwned(share), TestRandom.seeded("server")))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageContaining("key check");
    }

    @Test
    void rejectsATruncatedOrPaddedPostQuantumKey() {
        Bytes share = kex.generate(TestRandom.seeded("client")).publicShare();
        Bytes truncatedMlKem = Bytes.concat(share.slice(0, 1183), share.slice(1184, 1216));
        Bytes paddedMlKem = Bytes.concat(share.slice(0, 1184), Bytes.fromHex("00"), share.slice(1184, 1216));

        assertThatThrownBy(() -> kex.respond(truncatedMlKem, TestRandom.seeded("server")))
                .isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> kex.respond(paddedMlKem, TestRandom.seeded("server")))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void rejectsATruncatedOrPaddedPostQuantumCiphertext() throws InvalidKeyMaterialException {
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));
        Bytes response = kex.respond(share.publicShare(), TestRandom.seeded("server")).response();
        Bytes truncated = Bytes.concat(response.slice(0, 1087), response.slice(1088, 1120));
        Bytes padded = Bytes.concat(response.slice(0, 1088), Bytes.fromHex("00"), response.slice(1088, 1120));

        assertThatThrownBy(() -> kex.complete(share, truncated)).isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> kex.complete(share, padded)).isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void destroyWipesTheX25519ScalarAndDestroysTheMlKemKey() {
        HybridKeyShare share = (HybridKeyShare) kex.generate(TestRandom.seeded("client"));
        byte[] x25519Private = share.x25519Private();
        var mlKemPrivate = share.mlKemPrivate();

        share.destroy();

        assertThat(x25519Private).containsOnly(0);
        assertThat(mlKemPrivate.isDestroyed()).isTrue();
    }

    private static Bytes sha256(Bytes data) {
        return HashAlgorithm.SHA256.create().digest(data);
    }
}
