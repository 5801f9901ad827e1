package org.parley.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/**
 * {@link RecordWriter} keeps no plaintext between records: the array it staged a record's inner
 * plaintext in (the reused scratch or one allocated for a larger record) is all zeros once the
 * record is sealed, and also when sealing failed.
 */
class StagedPlaintextWipeTest {
    private static final byte[] TRAFFIC_SECRET = Bytes.utf8("staged plaintext wipe test, 32 b").toByteArray();

    /** The arrays the writer handed to the sealer, seen after the writer returned. */
    private final List<byte[]> staged = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(ints = {1, 100, RecordWriter.SCRATCH_LIMIT - 1, RecordWriter.SCRATCH_LIMIT + 1, RecordLimits.MAX_RECORD_CONTENT})
    void aSealedRecordLeavesItsStagingArrayAllZeros(int length) {
        RecordWriter writer = writer(false);

        writer.sealInto(InnerType.APPLICATION_FINAL, ByteBuffer.wrap(marked(length)), ByteBuffer.allocate(2 * length + 64));

        assertThat(staged).singleElement().satisfies(array -> assertThat(array).containsOnly(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 40})
    void aSealedBatchLeavesItsStagingArrayAllZeros(int messages) {
        RecordWriter writer = writer(false);
        List<Bytes> batch = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            batch.add(Bytes.wrapOwned(marked(100)));
        }

        writer.sealBatchInto(batch, 0, messages, ByteBuffer.allocate(RecordLimits.MAX_RECORD_CONTENT + 64));

        assertThat(staged).singleElement().satisfies(array -> assertThat(array).containsOnly(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, RecordWriter.SCRATCH_LIMIT + 1})
    void aRecordWhoseSealingFailedLeavesItsStagingArrayAllZerosToo(int length) {
        RecordWriter writer = writer(true);

        assertThatThrownBy(() -> writer.sealInto(InnerType.APPLICATION_FINAL, ByteBuffer.wrap(marked(length)),
                ByteBuffer.allocate(2 * length + 64))).isInstanceOf(IllegalStateException.class);

        assertThat(staged).singleElement().satisfies(array -> assertThat(array).containsOnly(0));
    }

    /** {@code length} bytes of 0x5A, so a leftover plaintext byte cannot pass for a wiped one. */
    private static byte[] marked(int length) {
        byte[] content = new byte[length];
        Arrays.fill(content, (byte) 0x5a);
        return content;
    }

    private RecordWriter writer(boolean failing) {
        return new RecordWriter(new LabeledHkdf(HashAlgorithm.SHA256.create()),
                new Watching(RecordCipherAlgorithm.values()[0].create(), failing), SecretBytes.copyOf(TRAFFIC_SECRET),
                RecordLimits.defaults());
    }

    /** A real cipher whose sealer notes the array it is given (and, if asked, then fails). */
    private final class Watching implements RecordCipher {
        private final RecordCipher real;
        private final boolean failing;

        Watching(RecordCipher real, boolean failing) {
            this.real = real;
            this.failing = failing;
        }

        @Override
        public RecordCipherAlgorithm algorithm() {
            return real.algorithm();
        }

        @Override
        public int keyLength() {
            return real.keyLength();
        }

        @Override
        public int ivLength() {
            return real.ivLength();
        }

        @Override
        public int overhead() {
            return real.overhead();
        }

        @Override
        public RecordSealer sealer(SecretBytes key, SecretBytes iv) {
            RecordSealer sealer = real.sealer(key, iv);
            return new RecordSealer() {
                @Override
                public int seal(long sequence, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer out) {
                    staged.add(plaintext.array());
                    if (failing) {
                        throw new IllegalStateException("sealing failed");
                    }
                    return sealer.seal(sequence, aad, plaintext, out);
                }

                @Override
                public void close() {
                    sealer.close();
                }
            };
        }

        @Override
        public RecordOpener opener(SecretBytes key, SecretBytes iv) {
            return real.opener(key, iv);
        }
    }
}
