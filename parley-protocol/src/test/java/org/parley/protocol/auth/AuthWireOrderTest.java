package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireWriter;

/**
 * docs/PROTOCOL.md Section 1.3, rule 4: fields are checked in wire order and the first failing
 * check decides the alert. A user name that is not NFC (or an invite code with a control character)
 * is {@code illegal_parameter} even when a later field is also broken.
 */
class AuthWireOrderTest {

    @Test
    void aNameNotInNfcFollowedByATruncatedKeyIsAnIllegalParameter() {
        Bytes login = new WireWriter().u8(AuthMessageType.PUBLIC_KEY_LOGIN.code()).utf8Vector8("e\u0301")
                .u16(0x0101).u16(32).toBytes();

        WireFormatException failure = assertThrows(WireFormatException.class, () -> AuthCodec.decode(login));

        assertThat(failure.alert()).isEqualTo(Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void aNameWithAControlCharacterFollowedByNothingIsAnIllegalParameter() {
        Bytes register = new WireWriter().u8(AuthMessageType.REGISTER.code()).utf8Vector8("bob\u0007").toBytes();

        WireFormatException failure = assertThrows(WireFormatException.class, () -> AuthCodec.decode(register));

        assertThat(failure.alert()).isEqualTo(Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void anInviteWithAControlCharacterFollowedByTrailingBytesIsAnIllegalParameter() {
        WireWriter out = new WireWriter().u8(AuthMessageType.REGISTER.code()).utf8Vector8("bob");
        ScramVerifierCodec.write(out, new ScramVerifier(ScramMechanism.SCRAM_SHA_256, Bytes.fromHex("00".repeat(16)),
                600_000, Bytes.fromHex("11".repeat(32)), Bytes.fromHex("22".repeat(32))));
        Bytes register = out.bool(true).utf8Vector8("code\n").u8(0).toBytes();

        WireFormatException failure = assertThrows(WireFormatException.class, () -> AuthCodec.decode(register));

        assertThat(failure.alert()).isEqualTo(Alert.ILLEGAL_PARAMETER);
    }
}
