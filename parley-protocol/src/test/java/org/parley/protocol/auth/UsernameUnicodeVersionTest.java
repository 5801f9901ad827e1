package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The user-name rules of docs/PROTOCOL.md Section 13.3 ("unassigned" characters, NFC) depend on a
 * Unicode version, which the document pins to 16.0. A letter added in 16.0 is valid; one added in
 * 17.0 is still unassigned here. If this test fails, the JDK's character database has changed the
 * wire syntax of user names, and the document must change with it.
 */
class UsernameUnicodeVersionTest {

    @Test
    void aLetterAssignedInUnicode16IsValid() {
        // U+10D4A, a GARAY letter (script added in Unicode 16.0).
        assertThat(Usernames.isValid("a" + Character.toString(0x10D4A))).isTrue();
    }

    @Test
    void aLetterAssignedOnlyInUnicode17IsStillUnassigned() {
        // U+10940, a SIDETIC letter (script added in Unicode 17.0).
        assertThat(Usernames.isValid("a" + Character.toString(0x10940))).isFalse();
    }

    @Test
    void aCodePointUnassignedInEveryVersionIsRefused() {
        assertThat(Usernames.isValid("a\u0378")).isFalse();
    }
}
