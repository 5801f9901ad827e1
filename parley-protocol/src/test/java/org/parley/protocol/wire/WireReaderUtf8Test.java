package org.parley.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;

/** Strings are decoded where they lie in the message, strictly, and reading goes on right after them. */
class WireReaderUtf8Test {

    @Test
    void decodesMultiByteTextAndReadsTheFieldAfterIt() throws WireFormatException {
        Bytes text = Bytes.utf8("密谈 room");
        byte[] message = new byte[1 + text.length() + 2 + 2 + 1];
        message[0] = (byte) text.length();
        text.copyTo(message, 1);
        int at = 1 + text.length();
        message[at + 1] = 2;
        message[at + 2] = 'o';
        message[at + 3] = 'k';
        message[at + 4] = 7;
        WireReader reader = WireReader.over(message, 0, message.length);

        String first = reader.utf8Vector8("name", 1, 64);
        String second = reader.utf8Vector16("topic", 0, 64);
        int last = reader.u8();

        assertThat(first).isEqualTo("密谈 room");
        assertThat(second).isEqualTo("ok");
        assertThat(last).isEqualTo(7);
        reader.expectEnd();
    }

    @Test
    void rejectsMalformedUtf8InsideTheMessageWithoutLookingPastTheField() {
        // An overlong '/', a lone surrogate, a truncated sequence: each followed by valid bytes.
        for (String hex : new String[] {"c0af", "eda080", "e6af"}) {
            Bytes field = Bytes.fromHex(hex);
            byte[] message = new byte[1 + field.length() + 1];
            message[0] = (byte) field.length();
            field.copyTo(message, 1);
            message[message.length - 1] = 'a';
            WireReader reader = WireReader.over(message, 0, message.length);

            assertThatThrownBy(() -> reader.utf8Vector8("name", 0, 64)).as(hex)
                    .isInstanceOf(WireFormatException.class)
                    .hasMessageContaining("not valid UTF-8");
        }
    }

    @Test
    void checksTheLengthAgainstTheMaximumBeforeDecoding() {
        WireReader reader = WireReader.over(new byte[] {5, 'a', 'b', 'c', 'd', 'e'}, 0, 6);

        assertThatThrownBy(() -> reader.utf8Vector8("name", 0, 4))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("name");
    }

    @Test
    void decodesFromTheReadersRangeOfASharedArray() throws WireFormatException {
        byte[] shared = {'x', 2, 'h', 'i', 'y'};

        assertThat(WireReader.over(shared, 1, 3).utf8Vector8("name", 0, 8)).isEqualTo("hi");
    }
}
