package org.parley.e2ee.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;

class InnerMessageCodecTest {

    @Test
    void aTextMessageRoundTripsWithItsIdAndTime() throws Exception {
        InnerMessage message = Fixtures.text("你好, bob", 42);

        InnerMessage decoded = InnerMessageCodec.decode(InnerMessageCodec.encode(message));

        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.text()).isEqualTo("你好, bob");
    }

    @Test
    void theLargestBodyFitsAndOneByteMoreIsRefused() throws Exception {
        InnerMessage largest = InnerMessage.text("x".repeat(InnerMessage.MAX_BODY), Bytes.wrapOwned(new byte[16]),
                Fixtures.NOW);
        Bytes encoded = InnerMessageCodec.encode(largest);

        assertThat(encoded.length()).isEqualTo(InnerMessage.MAX_LENGTH);
        assertThat(InnerMessageCodec.decode(encoded)).isEqualTo(largest);
        assertThatThrownBy(() -> InnerMessageCodec.decode(Bytes.concat(encoded, Bytes.fromHex("00"))))
                .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.MALFORMED));
    }

    @Test
    void invalidUtf8AnUnknownTypeAndAWrongVersionAreRefused() {
        Bytes valid = InnerMessageCodec.encode(Fixtures.text("ab", 1));
        byte[] badUtf8 = valid.toByteArray();
        badUtf8[badUtf8.length - 1] = (byte) 0xff;
        byte[] badType = valid.toByteArray();
        badType[1] = 9;
        byte[] badVersion = valid.toByteArray();
        badVersion[0] = 2;

        assertThatThrownBy(() -> InnerMessageCodec.decode(Bytes.wrapOwned(badUtf8)))
                .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.MALFORMED));
        assertThatThrownBy(() -> InnerMessageCodec.decode(Bytes.wrapOwned(badType)))
                .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.MALFORMED));
        assertThatThrownBy(() -> InnerMessageCodec.decode(Bytes.wrapOwned(badVersion))).isInstanceOfSatisfying(
                E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.UNSUPPORTED_VERSION));
    }
}
