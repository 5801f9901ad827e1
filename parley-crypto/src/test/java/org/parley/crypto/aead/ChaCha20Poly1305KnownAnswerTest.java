package org.parley.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/** RFC 8439 section 2.8.2, the AEAD_CHACHA20_POLY1305 example, through Parley's record API. */
class ChaCha20Poly1305KnownAnswerTest {
    private static final SecretBytes KEY = SecretBytes.wrapOwned(Bytes.fromHex(
            "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f").toByteArray());
    /** The RFC's nonce is the constant 07000000 followed by the 8-byte IV 4041424344454647. */
    private static final String NONCE = "070000004041424344454647";
    private static final Bytes AAD = Bytes.fromHex("50515253c0c1c2c3c4c5c6c7");
    private static final Bytes PLAINTEXT = Bytes.utf8("Ladies and Gentlemen of the class of '99: If I could "
            + "offer you only one tip for the future, sunscreen would be it.");
    private static final Bytes SEALED = Bytes.fromHex(
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
            + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
            + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            + "3ff4def08e4b7a9de576d26586cec64b6116"
            + "1ae10b594f09e26a7e902ecbd0600691");

    private final RecordCipher cipher = RecordCipherAlgorithm.CHACHA20_POLY1305.create();

    @Test
    void sealsTheRfc8439ExampleWithTheNonceAsStaticIvAndSequenceZero() {
        assertThat(seal(Bytes.fromHex(NONCE), 0)).isEqualTo(SEALED);
    }

    @Test
    void sealsTheRfc8439ExampleWithTheIvPartCarriedByTheSequenceNumber() {
        Bytes staticIv = Bytes.fromHex("070000000000000000000000");

        assertThat(seal(staticIv, 0x4041424344454647L)).isEqualTo(SEALED);
    }

    @Test
    void opensTheRfc8439Example() throws Exception {
        ByteBuffer out = ByteBuffer.allocate(PLAINTEXT.length());
        try (RecordOpener opener = cipher.opener(KEY, secret(Bytes.fromHex(NONCE)))) {
            opener.open(0, AAD.asReadOnlyBuffer(), SEALED.asReadOnlyBuffer(), out);
        }

        assertThat(Bytes.copyOf(out.flip())).isEqualTo(PLAINTEXT);
    }

    private Bytes seal(Bytes staticIv, long sequence) {
        ByteBuffer out = ByteBuffer.allocate(PLAINTEXT.length() + cipher.overhead());
        try (RecordSealer sealer = cipher.sealer(KEY, secret(staticIv))) {
            sealer.seal(sequence, AAD.asReadOnlyBuffer(), PLAINTEXT.asReadOnlyBuffer(), out);
        }
        return Bytes.copyOf(out.flip());
    }

    private static SecretBytes secret(Bytes bytes) {
        return SecretBytes.wrapOwned(bytes.toByteArray());
    }
}
