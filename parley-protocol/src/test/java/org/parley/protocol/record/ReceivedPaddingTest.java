package org.parley.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.testing.InsecureRecordSealer;

/**
 * The receiver enforces the 255-byte padding limit (docs/PROTOCOL.md, Section 10.2). Records with
 * too much padding come from {@link InsecureRecordSealer}, because {@link RecordWriter} never
 * produces them.
 */
class ReceivedPaddingTest {
    private static final byte[] TRAFFIC_SECRET = Bytes.utf8("received padding test secret, 32").toByteArray();
    private static final Bytes CONTENT = Bytes.utf8("padded");

    private static RecordReader reader(RecordCipher cipher) {
        return new RecordReader(hkdf(), cipher, SecretBytes.copyOf(TRAFFIC_SECRET), RecordLimits.defaults());
    }

    private static LabeledHkdf hkdf() {
        return new LabeledHkdf(HashAlgorithm.SHA256.create());
    }

    /** {@link #CONTENT}, the application_final inner type, then {@code padding} zero bytes. */
    private static byte[] innerWithPadding(int padding) {
        byte[] inner = new byte[CONTENT.length() + 1 + padding];
        System.arraycopy(CONTENT.toByteArray(), 0, inner, 0, CONTENT.length());
        inner[CONTENT.length()] = (byte) InnerType.APPLICATION_FINAL.code();
        return inner;
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void paddingOfExactlyTheMaximumIsAccepted(RecordCipherAlgorithm algorithm) throws ParleyException {
        RecordCipher cipher = algorithm.create();
        Frame frame = new InsecureRecordSealer(hkdf(), cipher, TRAFFIC_SECRET).seal(0, innerWithPadding(RecordLimits.MAX_PADDING));

        InnerRecord opened = reader(cipher).open(frame);

        assertThat(opened).isEqualTo(new InnerRecord(InnerType.APPLICATION_FINAL, CONTENT));
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void paddingOneByteOverTheMaximumIsRejectedWithBadRecord(RecordCipherAlgorithm algorithm) {
        RecordCipher cipher = algorithm.create();
        Frame frame = new InsecureRecordSealer(hkdf(), cipher, TRAFFIC_SECRET).seal(0, innerWithPadding(RecordLimits.MAX_PADDING + 1));

        assertThatThrownBy(() -> reader(cipher).open(frame))
                .isInstanceOf(RecordException.class)
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.BAD_RECORD);
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void theMostPaddingTheRealSenderProducesIsAccepted(RecordCipherAlgorithm algorithm) throws ParleyException {
        RecordCipher cipher = algorithm.create();
        RecordWriter writer = new RecordWriter(hkdf(), cipher, SecretBytes.copyOf(TRAFFIC_SECRET),
                RecordLimits.defaults().withPaddingBlock(RecordLimits.MAX_PADDING + 1));

        // Empty content plus the inner type is one byte, so a 256-byte block adds 255 zero bytes.
        Bytes sealed = writer.seal(InnerType.APPLICATION_FINAL, Bytes.empty());
        Frame frame = new Frame(FrameType.ENCRYPTED, sealed.slice(Frame.HEADER_LENGTH, sealed.length()));

        assertThat(frame.payload().length()).isEqualTo(1 + RecordLimits.MAX_PADDING + cipher.overhead());
        assertThat(reader(algorithm.create()).open(frame)).isEqualTo(new InnerRecord(InnerType.APPLICATION_FINAL, Bytes.empty()));
    }
}
