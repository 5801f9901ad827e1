package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameType;
import org.parley.protocol.record.InnerRecord;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.LabeledHkdf;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.record.RecordReader;

/**
 * Fuzzes {@link RecordReader#open} with a sequence of ENCRYPTED frames under a fuzzer-chosen
 * cipher. Each frame is either arbitrary bytes (a forgery, which must be rejected) or an
 * arbitrary inner plaintext correctly sealed under the reader's key at a fuzzer-chosen sequence
 * number, so the checks after decryption (no inner type, unknown type, oversize content, replay)
 * are reached too.
 *
 * <p>Oracle: only ParleyException escapes; a forgery never opens; a record sealed at the
 * expected sequence number opens exactly when its inner plaintext is well formed, and then yields
 * the content the independent model below predicts.
 */
class RecordReaderFuzzTest {
    private static final byte[] TRAFFIC_SECRET = new byte[32];

    @FuzzTest(maxDuration = "10s")
    void openRejectsForgeriesAndMalformedPlaintextsOnlyWithParleyExceptions(FuzzedDataProvider data) {
        RecordCipherAlgorithm algorithm = data.pickValue(RecordCipherAlgorithm.values());
        RecordCipher cipher = algorithm.create();
        LabeledHkdf hkdf = new LabeledHkdf(HashAlgorithm.SHA256.create());
        RecordReader reader = new RecordReader(hkdf, cipher, SecretBytes.copyOf(TRAFFIC_SECRET));
        try {
            openAll(data, hkdf, cipher, reader);
        } finally {
            reader.destroy();
        }
    }

    private static void openAll(FuzzedDataProvider data, LabeledHkdf hkdf, RecordCipher cipher, RecordReader reader) {
        long expectedSequence = 0;
        int records = data.consumeInt(1, 8);
        for (int i = 0; i < records; i++) {
            boolean forged = data.consumeBoolean();
            Frame candidate;
            Optional<InnerRecord> expected;
            if (forged) {
                candidate = new Frame(data.pickValue(FrameType.values()),
                        Bytes.copyOf(data.consumeBytes(data.consumeInt(0, Frame.MAX_PAYLOAD))));
                expected = Optional.empty();
            } else {
                long sequence = data.consumeBoolean() ? expectedSequence : data.consumeLong(0, 16);
                byte[] inner = data.consumeBytes(data.consumeInt(0, Frame.MAX_PAYLOAD - cipher.overhead()));
                candidate = seal(hkdf, cipher, sequence, inner);
                expected = sequence == expectedSequence ? model(inner) : Optional.empty();
            }
            Frame frame = candidate;
            InnerRecord[] opened = new InnerRecord[1];
            ParleyException rejection = ParleyOnly.run(() -> opened[0] = reader.open(frame));
            assertThat(Optional.ofNullable(opened[0])).isEqualTo(expected);
            if (rejection != null) {
                return; // a channel treats the first record error as fatal; so does this target
            }
            expectedSequence++;
        }
    }

    /** What a correct reader must return for an authentic inner plaintext, written independently. */
    private static Optional<InnerRecord> model(byte[] inner) {
        int typeIndex = inner.length - 1;
        while (typeIndex >= 0 && inner[typeIndex] == 0) {
            typeIndex--;
        }
        if (typeIndex < 0 || typeIndex > RecordLimits.MAX_RECORD_CONTENT) {
            return Optional.empty();
        }
        Bytes content = Bytes.copyOf(inner, 0, typeIndex);
        return InnerType.fromCode(inner[typeIndex] & 0xff).map(type -> new InnerRecord(type, content));
    }

    /**
     * Seals with a fresh sealer each time: the target deliberately repeats sequence numbers (to
     * test replay), and the JDK's GCM refuses to encrypt twice in a row under one key and IV.
     */
    private static Frame seal(LabeledHkdf hkdf, RecordCipher cipher, long sequence, byte[] inner) {
        int payloadLength = inner.length + cipher.overhead();
        byte[] payload = new byte[payloadLength];
        try (RecordSealer sealer = sealerFor(hkdf, cipher)) {
            sealer.seal(sequence, ByteBuffer.wrap(Frame.header(FrameType.ENCRYPTED, payloadLength)),
                    ByteBuffer.wrap(inner), ByteBuffer.wrap(payload));
        }
        return new Frame(FrameType.ENCRYPTED, Bytes.wrapOwned(payload));
    }

    /** The reader's key and IV, derived as docs/PROTOCOL.md specifies, to play the honest sender. */
    private static RecordSealer sealerFor(LabeledHkdf hkdf, RecordCipher cipher) {
        try (SecretBytes secret = SecretBytes.copyOf(TRAFFIC_SECRET);
                SecretBytes key = hkdf.expand(secret, "key", Bytes.empty(), cipher.keyLength());
                SecretBytes iv = hkdf.expand(secret, "iv", Bytes.empty(), cipher.ivLength())) {
            return cipher.sealer(key, iv);
        }
    }
}
