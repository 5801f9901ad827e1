package org.parley.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A value that is a range of a shared array behaves exactly like one that owns a copy of the range. */
class BytesViewTest {
    private static final byte[] ARRAY = {9, 9, 1, 2, 3, 4, 9};

    private static Bytes range() {
        return Bytes.wrapOwned(ARRAY.clone(), 2, 4);
    }

    @Test
    void aRangeReadsOnlyItsOwnBytes() {
        Bytes range = range();
        ByteBuffer buffer = range.asReadOnlyBuffer();
        byte[] target = new byte[6];
        range.copyTo(target, 1);
        ByteBuffer written = ByteBuffer.allocate(5);
        range.writeTo(written.position(1));

        assertThat(range.length()).isEqualTo(4);
        assertThat(range.get(0)).isEqualTo((byte) 1);
        assertThat(range.toByteArray()).containsExactly(1, 2, 3, 4);
        assertThat(range.toHex()).isEqualTo("01020304");
        assertThat(range.toString()).isEqualTo("Bytes[4]");
        assertThat(buffer.position()).isZero();
        assertThat(buffer.remaining()).isEqualTo(4);
        assertThat(buffer.get(0)).isEqualTo((byte) 1);
        assertThat(target).containsExactly(0, 1, 2, 3, 4, 0);
        assertThat(written.array()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aRangeEqualsAndHashesLikeACopyOfIt() {
        Bytes range = range();
        Bytes copy = Bytes.fromHex("01020304");

        assertThat(range).isEqualTo(copy).hasSameHashCodeAs(copy);
        assertThat(copy).isEqualTo(range);
        assertThat(range.constantTimeEquals(copy)).isTrue();
        assertThat(copy.constantTimeEquals(range)).isTrue();
        assertThat(range).isNotEqualTo(Bytes.fromHex("01020305"));
        assertThat(range.constantTimeEquals(Bytes.fromHex("010203"))).isFalse();
        assertThat(Bytes.concat(range, range)).isEqualTo(Bytes.fromHex("0102030401020304"));
    }

    @Test
    void aViewOfAViewSharesTheBytesAndASliceCopiesThem() {
        Bytes range = range();

        Bytes view = range.view(1, 3);
        Bytes slice = range.slice(1, 3);

        assertThat(view).isEqualTo(Bytes.fromHex("0203")).isEqualTo(slice);
        assertThat(view.view(1, 2)).isEqualTo(Bytes.fromHex("03"));
        assertThat(range.view(2, 2)).isSameAs(Bytes.empty());
        assertThat(Bytes.wrapOwned(ARRAY, 3, 0)).isSameAs(Bytes.empty());
    }

    @Test
    void refusesIndexesOutsideTheRangeEvenWhenTheArrayHasMoreBytes() {
        Bytes range = range();

        assertThatThrownBy(() -> range.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> range.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> range.view(2, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> range.slice(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Bytes.wrapOwned(ARRAY, 5, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
