package org.parley.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.suite.SignatureComponent;

/**
 * {@link Fingerprint#parse} reads the display form of docs/PROTOCOL.md Section 12.1: the
 * {@code SHA256:} prefix and exactly 64 hex digits (ASCII 0-9, a-f, any case), spaces ignored; any
 * other text is empty, never an exception.
 */
class FingerprintParseTest {
    private static final Fingerprint SAMPLE = Fingerprint.of(SignatureComponent.ED25519, Bytes.fromHex("11".repeat(32)));

    @Test
    void theDisplayFormParsesBackInAnyCaseWithOrWithoutSpaces() {
        String shown = SAMPLE.toString();

        assertThat(Fingerprint.parse(shown)).contains(SAMPLE);
        assertThat(Fingerprint.parse(shown.toUpperCase(java.util.Locale.ROOT))).contains(SAMPLE);
        assertThat(Fingerprint.parse(shown.replace(" ", ""))).contains(SAMPLE);
    }

    @Test
    void digitsThatAreNotAsciiHexAreNotAFingerprint() {
        String hex = SAMPLE.toString().substring("SHA256:".length()).replace(" ", "");
        String fullWidth = hex.chars().mapToObj(c -> String.valueOf((char) (c + 0xFEE0))).reduce("", String::concat);
        String arabicIndic = "\u0660".repeat(64);

        assertThat(Fingerprint.parse("SHA256:" + fullWidth)).isEmpty();
        assertThat(Fingerprint.parse("SHA256:" + arabicIndic)).isEmpty();
        assertThat(Fingerprint.parse("SHA256:" + hex.substring(1) + "g")).isEmpty();
        assertThat(Fingerprint.parse("SHA256:" + hex + "0")).isEmpty();
        assertThat(Fingerprint.parse(hex)).isEmpty();
    }
}
