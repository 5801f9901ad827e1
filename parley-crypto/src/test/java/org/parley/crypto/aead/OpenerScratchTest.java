package org.parley.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.crypto.aead.RecordCipherRoundTripTest.randomSecret;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/**
 * The AES-GCM opener's scratch plaintext (issue 13): wiped after every record, dropped after a small
 * record (an idle connection keeps no buffer sized by its login message), kept after a large one.
 */
class OpenerScratchTest {
    private final Random random = new Random(13);
    private final JcaAeadRecordCipher cipher = new JcaAeadRecordCipher(RecordCipherAlgorithm.AES_256_GCM);
    private final SecretBytes key = randomSecret(random, cipher.keyLength());
    private final SecretBytes iv = randomSecret(random, cipher.ivLength());

    @Test
    void aSmallRecordLeavesNoScratchBehind() throws AuthenticationFailedException {
        try (RecordSealer sealer = cipher.sealer(key, iv); JcaAeadOpener opener = (JcaAeadOpener) cipher.opener(key, iv)) {
            byte[] opened = sealThenOpen(sealer, opener, 0, JcaAeadOpener.KEEP_SCRATCH_FROM - 1);

            assertThat(opened).hasSize(JcaAeadOpener.KEEP_SCRATCH_FROM - 1);
            assertThat(opener.keptScratchLength()).isZero();
        }
    }

    @Test
    void aLargeRecordsScratchIsKeptButHoldsNoPlaintext() throws AuthenticationFailedException {
        try (RecordSealer sealer = cipher.sealer(key, iv); JcaAeadOpener opener = (JcaAeadOpener) cipher.opener(key, iv)) {
            sealThenOpen(sealer, opener, 0, 16_384);
            sealThenOpen(sealer, opener, 1, 100);

            assertThat(opener.keptScratchLength()).isEqualTo(16_384);
            assertThat(opener.keptScratchIsWiped()).isTrue();
        }
    }

    private byte[] sealThenOpen(RecordSealer sealer, JcaAeadOpener opener, long sequence, int length)
            throws AuthenticationFailedException {
        byte[] plaintext = new byte[length];
        random.nextBytes(plaintext);
        plaintext[0] = 1; // never all zeros, so a wiped scratch is told apart from a kept plaintext
        ByteBuffer sealed = ByteBuffer.allocate(length + cipher.overhead());
        sealer.seal(sequence, ByteBuffer.allocate(0), ByteBuffer.wrap(plaintext), sealed);
        ByteBuffer opened = ByteBuffer.allocate(length);
        opener.open(sequence, ByteBuffer.allocate(0), sealed.flip(), opened);
        assertThat(opened.array()).isEqualTo(plaintext);
        return opened.array();
    }
}
