package org.parley.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/**
 * Pins the encrypt-then-MAC record layout by recomputing it step by step with the JCA directly:
 * AES-256-CTR under (IV XOR sequence) || 0x00000000, then
 * HMAC(macKey, uint64 sequence || uint32 aad length || aad || ciphertext) at full length.
 */
class EncryptThenMacLayoutTest {

    @ParameterizedTest
    @CsvSource({
        "AES_256_CTR_HMAC_SHA256, HmacSHA256, 32",
        "AES_256_CTR_HMAC_SHA512, HmacSHA512, 64",
        "AES_256_CTR_HMAC_SHA3_256, HmacSHA3-256, 32"})
    void sealsExactlyTheDocumentedLayout(RecordCipherAlgorithm algorithm, String hmac, int macKeyLength)
            throws Exception {
        RecordCipher cipher = algorithm.create();
        Random random = new Random(11);
        byte[] key = new byte[32 + macKeyLength];
        byte[] iv = new byte[12];
        byte[] aad = new byte[13];
        byte[] plaintext = new byte[1000];
        random.nextBytes(key);
        random.nextBytes(iv);
        random.nextBytes(aad);
        random.nextBytes(plaintext);
        long sequence = 0x0102030405060708L;

        ByteBuffer record = ByteBuffer.allocate(plaintext.length + cipher.overhead());
        try (RecordSealer sealer = cipher.sealer(SecretBytes.copyOf(key), SecretBytes.copyOf(iv))) {
            sealer.seal(sequence, ByteBuffer.wrap(aad), ByteBuffer.wrap(plaintext), record);
        }

        byte[] counterBlock = Arrays.copyOf(iv, 16);
        for (int i = 0; i < 8; i++) {
            counterBlock[11 - i] ^= (byte) (sequence >>> (8 * i));
        }
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 32, "AES"), new IvParameterSpec(counterBlock));
        byte[] ciphertext = ctr.doFinal(plaintext);
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(key, 32, macKeyLength, hmac));
        mac.update(ByteBuffer.allocate(12).putLong(sequence).putInt(aad.length).array());
        mac.update(aad);
        byte[] tag = mac.doFinal(ciphertext);

        assertThat(tag).hasSize(cipher.overhead());
        assertThat(record.array()).isEqualTo(concat(ciphertext, tag));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
