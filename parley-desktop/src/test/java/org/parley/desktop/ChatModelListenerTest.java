package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.client.LoginFailedException;
import org.parley.client.ServerNotTrustedException;
import org.parley.crypto.Bytes;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;

/**
 * A session that ends because a reconnect was refused for good tells the user why in their
 * language, not in the client library's English: the status bar shows the reason through
 * {@link ServerTexts}.
 */
class ChatModelListenerTest {
    private final I18n chinese = new I18n(Locale.SIMPLIFIED_CHINESE);
    private final ChatModel model = new ChatModel(chinese);
    private final ChatModelListener listener = new ChatModelListener(model);

    private String status() {
        return ServerTexts.translate(chinese, model.disconnectReason().get());
    }

    @Test
    void aReconnectWhoseSessionKeyWasRefusedIsShownInTheUsersLanguage() {
        listener.onClosed("not reconnecting: login refused: invalid credentials",
                Optional.of(new LoginFailedException("login refused: invalid credentials", Optional.empty(), Optional.empty())));

        assertThat(status()).isEqualTo(chinese.get("server.sessionKeyRefused")).contains("请重新登录");
        assertThat(model.connected().get()).isFalse();
    }

    @Test
    void aReconnectToAServerNoLongerTrustedIsShownInTheUsersLanguage() {
        Fingerprint offered = Fingerprint.of(SignatureComponent.ED25519, Bytes.copyOf(new byte[32]));

        listener.onClosed("not reconnecting: first contact ... not trusted",
                Optional.of(new ServerNotTrustedException("chat.example:7443", offered)));

        assertThat(status()).isEqualTo(chinese.get("server.notTrusted"));
    }

    @Test
    void aSessionEndedWithoutACauseKeepsItsReason() {
        listener.onClosed("the server is shutting down", Optional.empty());

        assertThat(status()).isEqualTo(chinese.get("server.shutdown"));
    }
}
