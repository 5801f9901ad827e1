package org.parley.server.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.parley.protocol.auth.Usernames;

/**
 * Fuzzes the name rules with arbitrary strings (names come from anyone who connects): the only
 * exception is {@link InvalidNameException}; an accepted name is NFC, at most 64 bytes, free of
 * default-ignorable code points, and passes the protocol's wire syntax (so the server's policy is
 * never looser than what clients can send, the consistency the protocol module relies on); its
 * canonical form and look-alike key are stable; and a look-up of any string either fails with
 * {@link InvalidNameException} or gives the canonical form of its NFC form.
 */
class NameRulesFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void acceptedNamesAreVisibleNfcAndValidOnTheWire(FuzzedDataProvider data) {
        String raw = data.consumeRemainingAsString();

        String accepted;
        try {
            accepted = NameRules.displayForm(raw, NameKind.USER);
        } catch (InvalidNameException e) {
            accepted = null;
        }
        String looked;
        try {
            looked = NameRules.canonicalOf(raw, NameKind.ROOM);
        } catch (InvalidNameException e) {
            looked = null;
        }
        String key = NameRules.confusableKey(raw);

        assertThat(key).isEqualTo(NameRules.confusableKey(raw));
        if (looked != null) {
            assertThat(looked).isEqualTo(Usernames.canonical(Normalizer.normalize(raw, Normalizer.Form.NFC)));
        }
        if (accepted != null) {
            assertThat(accepted).isEqualTo(Normalizer.normalize(raw, Normalizer.Form.NFC));
            assertThat(accepted.getBytes(StandardCharsets.UTF_8).length).isBetween(1, NameRules.MAX_UTF8_BYTES);
            assertThat(Usernames.isValid(accepted)).isTrue();
            assertThat(accepted.codePoints())
                    .noneMatch(cp -> UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT));
            assertThat(looked).isEqualTo(NameRules.canonical(accepted));
        }
    }
}
