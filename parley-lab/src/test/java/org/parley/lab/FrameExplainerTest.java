package org.parley.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.lab.net.CapturedFrame;
import org.parley.lab.net.Direction;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.suite.Preset;

/** The inspector explains real frames field by field and reports malformed ones without failing. */
class FrameExplainerTest {
    private final FrameExplainer explainer = new FrameExplainer(LabText.forLocale(Locale.ENGLISH));

    private static CapturedFrame frame(int index, String hex) {
        return new CapturedFrame(1, Direction.CLIENT_TO_SERVER, index, Bytes.fromHex(hex));
    }

    @Test
    void aRealClientHelloIsShownFieldByField() {
        Bytes hello = SecureChannel.client(ClientConfig.of(Preset.MODERN, (algorithm, key) -> {
        })).drainOutbound().getFirst();
        List<String> lines = explainer.explain(List.of(new CapturedFrame(1, Direction.CLIENT_TO_SERVER, 0, hello)));
        assertThat(lines.get(1)).contains("ClientHello", "X25519MLKEM768, X25519, X448", "AES256GCM",
                "X25519MLKEM768 1216 B");
        assertThat(lines.getLast()).isEqualTo("1 frames: 1 plaintext handshake, 0 encrypted, 0 plaintext alert");
    }

    @Test
    void encryptedRecordsAlertsAndMalformedFramesAreEachExplained() {
        List<String> lines = explainer.explain(List.of(
                frame(0, "17000400112233"),
                frame(1, "15000116"),
                frame(2, "150001ee"),
                frame(3, "16000401000009"),
                frame(4, "99000100")));
        assertThat(lines.get(1)).contains("encrypted record: 4 bytes", "17 00 04");
        assertThat(lines.get(3)).contains("plaintext alert record_overflow(22)");
        assertThat(lines.get(5)).contains("cannot decode", "unknown alert code 238");
        assertThat(lines.get(7)).contains("cannot decode", "decode_error(50)");
        assertThat(lines.get(9)).contains("unknown frame type");
    }
}
