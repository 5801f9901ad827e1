package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.suite.SignatureComponent;

class LoginKeyFingerprintsTest {
    private static final RegisteredPublicKey ONE = new RegisteredPublicKey(SignatureComponent.ED25519, Bytes.fromHex("01".repeat(32)));
    private static final RegisteredPublicKey TWO = new RegisteredPublicKey(SignatureComponent.ED25519, Bytes.fromHex("02".repeat(32)));

    @Test
    void aKeyIsFoundByItsWholeFingerprintOrAPrefixWrittenAnyWay() {
        String full = LoginKeyFingerprints.of(TWO).toString();
        assertThat(LoginKeyFingerprints.find(List.of(ONE, TWO), full)).isEqualTo(TWO);
        String prefix = full.substring("SHA256:".length(), "SHA256:".length() + 9).toUpperCase();
        assertThat(LoginKeyFingerprints.find(List.of(ONE, TWO), prefix)).isEqualTo(TWO);
    }

    @Test
    void aShortUnknownOrNonHexFingerprintIsRefusedWithASentence() {
        String full = LoginKeyFingerprints.of(ONE).toString();
        assertThatThrownBy(() -> LoginKeyFingerprints.find(List.of(ONE), full.substring(7, 12)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8 hex digits");
        assertThatThrownBy(() -> LoginKeyFingerprints.find(List.of(TWO), full))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no login key has that fingerprint");
        assertThatThrownBy(() -> LoginKeyFingerprints.find(List.of(ONE), "zzzzzzzzzz"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
