package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.crypto.SecretBytes;

/** NFC normalisation and the rules for user names and passwords. */
class CredentialTextTest {

    @Test
    void normalisesUsernamesToNfc() {
        assertThat(Usernames.normalise("Zoe\u0308")).isEqualTo("Zo\u00eb");
    }

    @Test
    void refusesNamesThatAreEmptyTooLongOrContainControlCharacters() {
        assertThatThrownBy(() -> Usernames.normalise("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Usernames.normalise("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Usernames.normalise("al\nice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Usernames.normalise("al\u200bice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Usernames.normalise("\ud800x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Usernames.normalise("a".repeat(64))).hasSize(64);
    }

    @Test
    void countsTheLimitInUtf8Bytes() {
        assertThat(Usernames.isValid("\u00e9".repeat(32))).isTrue();
        assertThat(Usernames.isValid("\u00e9".repeat(33))).isFalse();
    }

    @Test
    void passwordsAreNfcUtf8() {
        SecretBytes decomposed = Passwords.normalise("e\u0301".toCharArray());

        assertThat(decomposed.revealCopy()).containsExactly(0xc3, 0xa9);
    }

    @Test
    void refusesEmptyAndOverlongPasswords() {
        assertThatThrownBy(() -> Passwords.normalise(new char[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Passwords.normalise(new char[1025])).isInstanceOf(IllegalArgumentException.class);
    }
}
