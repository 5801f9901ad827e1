package org.parley.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

/** {@link Bytes} is an immutable value: no array handed in or out can change it. */
class BytesTest {

    @Test
    void isNotChangedByMutatingTheSourceArray() {
        byte[] source = {1, 2, 3};
        Bytes bytes = Bytes.copyOf(source);

        source[0] = 9;

        assertThat(bytes.toByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void isNotChangedByMutatingACopyItHandedOut() {
        Bytes bytes = Bytes.fromHex("010203");
        byte[] copy = bytes.toByteArray();

        copy[1] = 9;

        assertThat(bytes).isEqualTo(Bytes.fromHex("010203"));
    }

    @Test
    void isNotChangedThroughItsBufferView() {
        Bytes bytes = Bytes.fromHex("010203");
        ByteBuffer view = bytes.asReadOnlyBuffer();

        assertThatThrownBy(() -> view.put(0, (byte) 9)).isInstanceOf(ReadOnlyBufferException.class);
        assertThat(bytes.get(0)).isEqualTo((byte) 1);
    }

    @Test
    void copiesARangeAndABufferWithoutMovingItsPosition() {
        byte[] source = {1, 2, 3, 4, 5};
        ByteBuffer buffer = ByteBuffer.wrap(source).position(2);

        Bytes range = Bytes.copyOf(source, 1, 3);
        Bytes remaining = Bytes.copyOf(buffer);
        source[2] = 9;

        assertThat(range.toHex()).isEqualTo("020304");
        assertThat(remaining.toHex()).isEqualTo("030405");
        assertThat(buffer.position()).isEqualTo(2);
    }

    @Test
    void comparesByValueWithEqualHashCodes() {
        Bytes one = Bytes.fromHex("cafe");
        Bytes two = Bytes.concat(Bytes.fromHex("ca"), Bytes.fromHex("fe"));

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one).isNotEqualTo(Bytes.fromHex("cafd"));
        assertThat(Bytes.copyOf(new byte[0])).isSameAs(Bytes.empty());
    }

    @Test
    void comparesInConstantTimeWithTheSameAnswersAsEquals() {
        Bytes value = Bytes.fromHex("00112233");

        assertThat(value.constantTimeEquals(Bytes.fromHex("00112233"))).isTrue();
        assertThat(value.constantTimeEquals(Bytes.fromHex("00112234"))).isFalse();
        assertThat(value.constantTimeEquals(Bytes.fromHex("001122"))).isFalse();
        assertThat(Bytes.empty().constantTimeEquals(Bytes.empty())).isTrue();
    }

    @Test
    void slicesAndPrintsOnlyTheLengthNeverTheContents() {
        Bytes slice = Bytes.fromHex("0a0b0c").slice(1, 3);

        assertThat(slice.toHex()).isEqualTo("0b0c");
        assertThat(slice.toString()).isEqualTo("Bytes[2]");
        assertThat(Bytes.utf8("secret plaintext").toString()).isEqualTo("Bytes[16]");
    }

    @Test
    void refusesARangeThatRunsPastTheEndOfTheSourceInsteadOfPaddingWithZeros() {
        byte[] source = {1, 2, 3};

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bytes.copyOf(source, 2, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SecretBytes.copyOf(source, 2, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
