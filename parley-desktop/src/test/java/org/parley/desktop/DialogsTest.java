package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.parley.client.LoginFailedException;
import org.parley.client.RequestFailedException;
import org.parley.client.WeakPasswordException;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.chat.ErrorCode;

/** The one-sentence explanations the app shows for failures, in both languages. */
class DialogsTest {
    private final I18n i18n = new I18n(Locale.ENGLISH);

    @Test
    void aRateLimitedRequestIsExplainedInTheUsersLanguage() {
        RequestFailedException refused = new RequestFailedException(ErrorCode.RATE_LIMITED, "too many requests");

        assertThat(Dialogs.explain(i18n, new CompletionException(refused)))
                .isEqualTo("You are sending too fast; wait a few seconds and try again.");
        i18n.setLocale(I18n.CHINESE);
        assertThat(Dialogs.explain(i18n, refused)).isEqualTo("发送过于频繁，请等几秒钟再试。");
    }

    @Test
    void anInvalidNameKeepsTheServersReasonForTheBrokenRule() {
        RequestFailedException refused = new RequestFailedException(ErrorCode.INVALID_NAME, "room name must not contain U+202E");

        assertThat(Dialogs.explain(i18n, refused)).isEqualTo("That name is not allowed: room name must not contain U+202E.");
    }

    @Test
    void aCodeWithoutItsOwnTextShowsTheServersDetail() {
        RequestFailedException refused = new RequestFailedException(ErrorCode.MALFORMED_REQUEST, "bad field");

        assertThat(Dialogs.explain(i18n, refused)).isEqualTo("The server refused: bad field");
    }

    @Test
    void aLoginKeyOfAnAlgorithmTheServerRefusesIsNotCalledAWrongPassword() {
        LoginFailedException refused = new LoginFailedException("unsupported", Optional.of(AuthFailureCode.UNSUPPORTED_METHOD),
                Optional.empty());

        assertThat(Dialogs.explain(i18n, refused)).startsWith("The server does not accept this kind of login key");
        assertThat(Dialogs.explain(i18n, new LoginFailedException("no", Optional.of(AuthFailureCode.INVALID_CREDENTIALS),
                Optional.empty()))).isEqualTo("Wrong user name or password (the server does not say which).");
    }

    @Test
    void aRefusedNewPasswordIsExplainedInTheUsersLanguageWithoutAClassName() {
        I18n i18n = new I18n(Locale.SIMPLIFIED_CHINESE);
        WeakPasswordException weak = new WeakPasswordException(WeakPasswordException.Reason.TOO_COMMON);

        assertThat(Dialogs.explain(i18n, new CompletionException(weak))).isEqualTo("这是最常见的密码之一，请换一个。");
        i18n.setLocale(Locale.ENGLISH);
        assertThat(Dialogs.explain(i18n, weak)).startsWith("That password is one of the most common").doesNotContain("Exception");
    }
}
