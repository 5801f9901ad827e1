package org.parley.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.Bytes;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.wycheproof.WycheproofCase;
import org.parley.crypto.wycheproof.WycheproofFile;
import org.parley.crypto.wycheproof.WycheproofTally;

/**
 * Wycheproof AES-GCM and ChaCha20-Poly1305 vectors through Parley's sealers and openers: the
 * vector's IV is the static IV and the record's sequence number is 0, so the derived nonce is the
 * vector's IV. Only 96-bit IVs and 128-bit tags exist in Parley's records; other sizes are skipped
 * with that reason, as are AES-192 keys, which Parley does not offer. The files have no
 * "acceptable" vectors. Valid vectors must also seal to exactly the vector's ciphertext and tag.
 */
class AeadWycheproofTest {

    @Test
    void aesGcmAcceptsEveryValidAndRejectsEveryInvalidVector() {
        WycheproofFile file = WycheproofFile.load("aes_gcm_test.json");
        WycheproofTally tally = file.tally("JDK AES/GCM/NoPadding via JcaAeadRecordCipher");
        List<String> sealMismatches = new ArrayList<>();

        for (WycheproofCase c : file.cases()) {
            if (c.groupInt("ivSize") != 96) {
                tally.skip(c, "IV not 96 bits (records use 12-byte derived nonces)");
            } else if (c.groupInt("tagSize") != 128) {
                tally.skip(c, "tag not 128 bits (records use 16-byte tags)");
            } else if (c.groupInt("keySize") == 192) {
                tally.skip(c, "AES-192 is not offered");
            } else {
                RecordCipherAlgorithm algorithm = c.groupInt("keySize") == 128
                        ? RecordCipherAlgorithm.AES_128_GCM : RecordCipherAlgorithm.AES_256_GCM;
                check(algorithm, c, tally, sealMismatches);
            }
        }

        tally.assertNoFailures();
        assertThat(sealMismatches).as("valid vectors sealed differently").isEmpty();
    }

    @Test
    void chaCha20Poly1305AcceptsEveryValidAndRejectsEveryInvalidVector() {
        WycheproofFile file = WycheproofFile.load("chacha20_poly1305_test.json");
        WycheproofTally tally = file.tally("JDK ChaCha20-Poly1305 via JcaAeadRecordCipher");
        List<String> sealMismatches = new ArrayList<>();

        for (WycheproofCase c : file.cases()) {
            if (c.groupInt("ivSize") != 96) {
                tally.skip(c, "IV not 96 bits (records use 12-byte derived nonces)");
            } else {
                check(RecordCipherAlgorithm.CHACHA20_POLY1305, c, tally, sealMismatches);
            }
        }

        tally.assertNoFailures();
        assertThat(sealMismatches).as("valid vectors sealed differently").isEmpty();
    }

    private static void check(RecordCipherAlgorithm algorithm, WycheproofCase c, WycheproofTally tally,
            List<String> sealMismatches) {
        RecordCipher cipher = algorithm.create();
        SecretBytes key = SecretBytes.wrapOwned(c.hex("key").toByteArray());
        SecretBytes iv = SecretBytes.wrapOwned(c.hex("iv").toByteArray());
        Bytes aad = c.hex("aad");
        Bytes msg = c.hex("msg");
        Bytes record = Bytes.concat(c.hex("ct"), c.hex("tag"));

        ByteBuffer opened = ByteBuffer.allocate(msg.length());
        Throwable failure;
        try (RecordOpener opener = cipher.opener(key, iv)) {
            failure = catchThrowable(() -> opener.open(0, aad.asReadOnlyBuffer(), record.asReadOnlyBuffer(), opened));
        }
        assertThat(failure).as("%s", c).satisfiesAnyOf(
                f -> assertThat(f).isNull(),
                f -> assertThat(f).isInstanceOf(AuthenticationFailedException.class));
        tally.record(c, failure == null && Bytes.copyOf(opened.flip()).equals(msg));

        if (c.result() == WycheproofCase.Result.VALID) {
            ByteBuffer sealed = ByteBuffer.allocate(msg.length() + cipher.overhead());
            try (RecordSealer sealer = cipher.sealer(key, iv)) {
                sealer.seal(0, aad.asReadOnlyBuffer(), msg.asReadOnlyBuffer(), sealed);
            }
            if (!Bytes.copyOf(sealed.flip()).equals(record)) {
                sealMismatches.add(c.toString());
            }
        }
    }
}
