package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private final PasswordPolicy policy = PasswordPolicy.standard();

    @Test
    void aPasswordShorterThanEightCharactersIsRefusedCountingCharactersNotBytes() {
        assertThat(policy.check("short1!".toCharArray(), "alice")).contains(WeakPasswordException.Reason.TOO_SHORT);
        assertThat(policy.check("密码很长很安全吧".toCharArray(), "alice")).isEmpty();
        assertThat(policy.check("密码太短".toCharArray(), "alice")).contains(WeakPasswordException.Reason.TOO_SHORT);
    }

    @Test
    void aCommonPasswordOrTheUserNameIsRefusedWhateverItsCase() {
        assertThat(policy.check("Password123".toCharArray(), "alice")).contains(WeakPasswordException.Reason.TOO_COMMON);
        assertThat(policy.check("QWERTYUIOP".toCharArray(), null)).contains(WeakPasswordException.Reason.TOO_COMMON);
        assertThat(policy.check("Alexandria".toCharArray(), "alexandria")).contains(WeakPasswordException.Reason.SAME_AS_USER);
        assertThat(policy.check("correct horse battery staple".toCharArray(), "alice")).isEmpty();
    }

    @Test
    void requireThrowsTheReasonWithAnEnglishSentence() {
        assertThatThrownBy(() -> policy.require("iloveyou".toCharArray(), "bob"))
                .isInstanceOfSatisfying(WeakPasswordException.class,
                        e -> assertThat(Optional.of(e.reason())).contains(WeakPasswordException.Reason.TOO_COMMON))
                .hasMessageContaining("most common");
    }
}
