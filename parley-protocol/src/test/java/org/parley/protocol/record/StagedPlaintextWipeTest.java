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
 * {@link RecordWriter} keeps no plaintext between records: it stages a record's inner plaintext in
 * the output buffer itself, where the ciphertext goes, and sealing replaces every staged byte (the
 * frame is byte for byte the frame sealed from a separate copy); when sealing fails, the staged
 * bytes are zeros.
 */
class StagedPlaintextWipeTest {
    private static final byte[] TRAFFIC_SECRET = Bytes.utf8("staged plaintext wipe test, 32 b").toByteArray();
    private static final int LARGE = 2049;

    /** The buffers the writer handed to the sealer as plaintext. */
    private final List<ByteBuffer> staged = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(ints = {1, 100, LARGE - 2, LARGE, RecordLimits.MAX_RECORD_CONTENT})
    void aRecordIsSealedWhereItWasStagedAndEqualsTheRecordSealedFromASeparateCopy(int length) {
        ByteBuffer inPlace = ByteBuffer.allocate(2 * length + 64);
        ByteBuffer separate = ByteBuffer.allocate(2 * length + 64);

        int frame = writer(Mode.WATCH).sealInto(InnerType.APPLICATION_FINAL, ByteBuffer.wrap(marked(length)), inPlace);
        writer(Mode.COPY).sealInto(InnerType.APPLICATION_FINAL, ByteBuffer.wrap(marked(length)), separate);

        assertThat(staged).singleElement().satisfies(plaintext -> assertThat(plaintext.array()).isSameAs(inPlace.array()));
        assertThat(inPlace.flip()).isEqualTo(separate.flip());
        assertThat(inPlace.remaining()).isEqualTo(frame);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 40})
    void aSealedBatchIsSealedWhereItWasStagedAndEqualsTheBatchSealedFromASeparateCopy(int messages) {
        List<Bytes> batch = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            batch.add(Bytes.wrapOwned(marked(100)));
        }
        ByteBuffer inPlace = ByteBuffer.allocate(RecordLimits.MAX_RECORD_CONTENT + 64);
        ByteBuffer separate = ByteBuffer.allocate(RecordLimits.MAX_RECORD_CONTENT + 64);

        writer(Mode.WATCH).sealBatchInto(batch, 0, messages, inPlace);
        writer(Mode.COPY).sealBatchInto(batch, 0, messages, separate);

        assertThat(staged).singleElement().satisfies(plaintext -> assertThat(plaintext.array()).isSameAs(inPlace.array()));
        assertThat(inPlace.flip()).isEqualTo(separate.flip());
    }

    @ParameterizedTest
    @ValueSource(ints = {100, LARGE})
    void aRecordWhoseSealingFailedLeavesNoPlaintextInTheOutputBuffer(int length) {
        RecordWriter writer = writer(Mode.FAIL);
        ByteBuffer out = ByteBuffer.allocate(2 * length + 64);

        assertThatThrownBy(() -> writer.sealInto(InnerType.APPLICATION_FINAL, ByteBuffer.wrap(marked(length)), out))
                .isInstanceOf(IllegalStateException.class);

        assertThat(out.array()).doesNotContain((byte) 0x5a);
    }

    /** {@code length} bytes of 0x5A, so a leftover plaintext byte cannot pass for a wiped one. */
    private static byte[] marked(int length) {
        byte[] content = new byte[length];
        Arrays.fill(content, (byte) 0x5a);
        return content;
    }

    private RecordWriter writer(Mode mode) {
        return new RecordWriter(new LabeledHkdf(HashAlgorithm.SHA256.create()),
                new Watching(RecordCipherAlgorithm.values()[0].create(), mode), SecretBytes.copyOf(TRAFFIC_SECRET),
                RecordLimits.defaults());
    }

    /** What the watching sealer does besides noting the buffers: nothing, seal from a copy, or fail. */
    private enum Mode { WATCH, COPY, FAIL }

    /** A real cipher whose sealer notes the buffers it is given (and, as asked, copies first or fails). */
    private final class Watching implements RecordCipher {
        private final RecordCipher real;
        private final Mode mode;

        Watching(RecordCipher real, Mode mode) {
            this.real = real;
            this.mode = mode;
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
                    return switch (mode) {
                        case WATCH -> {
                            staged.add(plaintext.duplicate());
                            yield sealer.seal(sequence, aad, plaintext, out);
                        }
                        case COPY -> {
                            byte[] copy = new byte[plaintext.remaining()];
                            plaintext.get(copy);
                            yield sealer.seal(sequence, aad, ByteBuffer.wrap(copy), out);
                        }
                        case FAIL -> throw new IllegalStateException("sealing failed");
                    };
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
