package org.parley.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.crypto.aead.RecordCipherRoundTripTest.randomSecret;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/**
 * A record cipher confined to one thread (one connection's sealer and opener sharing one provider
 * cipher) seals and opens exactly like independent ones, whatever the interleaving of the two keys,
 * and a failed open does not disturb the sealer that shares its cipher.
 */
class ConfinedRecordCipherTest {
    private static final int RECORDS = 64;

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void interleavedSealsAndOpensUnderTwoKeysMatchIndependentCiphers(RecordCipherAlgorithm algorithm) throws Exception {
        RecordCipher confined = algorithm.create().confinedToOneThread();
        RecordCipher independent = algorithm.create();
        Random random = new Random(31 + algorithm.ordinal());
        SecretBytes sendKey = randomSecret(random, confined.keyLength());
        SecretBytes sendIv = randomSecret(random, confined.ivLength());
        SecretBytes receiveKey = randomSecret(random, confined.keyLength());
        SecretBytes receiveIv = randomSecret(random, confined.ivLength());

        try (RecordSealer sealer = confined.sealer(sendKey, sendIv);
             RecordOpener opener = confined.opener(receiveKey, receiveIv);
             RecordSealer peerSealer = independent.sealer(receiveKey, receiveIv);
             RecordOpener peerOpener = independent.opener(sendKey, sendIv)) {
            for (int sequence = 0; sequence < RECORDS; sequence++) {
                byte[] outbound = new byte[random.nextInt(300)];
                random.nextBytes(outbound);
                byte[] inbound = new byte[random.nextInt(300)];
                random.nextBytes(inbound);

                byte[] sealedHere = seal(sealer, sequence, outbound, confined.overhead());
                byte[] sealedThere = seal(peerSealer, sequence, inbound, confined.overhead());

                assertThat(open(peerOpener, sequence, sealedHere)).isEqualTo(outbound);
                assertThat(open(opener, sequence, sealedThere)).isEqualTo(inbound);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void aFailedOpenLeavesTheSharedSealerWorking(RecordCipherAlgorithm algorithm) throws Exception {
        RecordCipher confined = algorithm.create().confinedToOneThread();
        Random random = new Random(77 + algorithm.ordinal());
        SecretBytes key = randomSecret(random, confined.keyLength());
        SecretBytes iv = randomSecret(random, confined.ivLength());
        byte[] text = "after a forged record".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        try (RecordSealer sealer = confined.sealer(key, iv); RecordOpener opener = confined.opener(key, iv);
             RecordOpener check = algorithm.create().opener(key, iv)) {
            byte[] forged = seal(sealer, 0, text, confined.overhead());
            forged[forged.length - 1] ^= 1;
            assertThrows(AuthenticationFailedException.class, () -> open(opener, 0, forged));

            byte[] sealed = seal(sealer, 1, text, confined.overhead());

            assertThat(open(check, 1, sealed)).isEqualTo(text);
        }
    }

    private static byte[] seal(RecordSealer sealer, long sequence, byte[] plaintext, int overhead) {
        ByteBuffer out = ByteBuffer.allocate(plaintext.length + overhead);
        sealer.seal(sequence, ByteBuffer.wrap(new byte[] {1, 2, 3}), ByteBuffer.wrap(plaintext), out);
        return out.array();
    }

    private static byte[] open(RecordOpener opener, long sequence, byte[] record) throws AuthenticationFailedException {
        ByteBuffer out = ByteBuffer.allocate(record.length);
        int length = opener.open(sequence, ByteBuffer.wrap(new byte[] {1, 2, 3}), ByteBuffer.wrap(record), out);
        return java.util.Arrays.copyOf(out.array(), length);
    }
}
