package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.crypto.SecretBytes;

/**
 * Passwords are hashed as the UTF-8 bytes of their NFC form (docs/PROTOCOL.md Section 13.3). Text
 * that has no UTF-8 form (an unpaired surrogate) is refused, not silently hashed as '?', which would
 * make it the same password as the text with a real '?' there.
 */
class PasswordsTest {

    @Test
    void aPasswordIsTheUtf8OfItsNfcForm() {
        try (SecretBytes decomposed = Passwords.normalise("e\u0301t\u00e9".toCharArray())) {
            assertThat(decomposed.revealCopy()).isEqualTo("\u00e9t\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void anUnpairedSurrogateIsRefusedRatherThanReplaced() {
        assertThatThrownBy(() -> Passwords.normalise(new char[] {'a', '\uD800', 'b'}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Passwords.normalise(new char[] {'a', '\uDC00'}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPairedSurrogateIsOneCharacter() {
        try (SecretBytes emoji = Passwords.normalise("pw\uD83D\uDE00".toCharArray())) {
            assertThat(emoji.revealCopy()).isEqualTo(new byte[] {'p', 'w', (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80});
        }
    }
}
