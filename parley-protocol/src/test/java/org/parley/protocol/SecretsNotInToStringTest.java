package org.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.Register;
import org.parley.protocol.auth.ScramClientFinal;
import org.parley.protocol.auth.ScramClientStep;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramServerFinal;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameType;
import org.parley.protocol.record.InnerRecord;
import org.parley.protocol.record.InnerType;

/**
 * "No plaintext, key, password or whole frame in any log at any level" (SECURITY.md): a value is
 * logged through its {@code toString}, so no protocol value that carries a message body, a frame's
 * payload or a password-derived value may print it, neither as text nor as hex. One
 * {@code log.debug("got {}", event)} anywhere would otherwise leak the message.
 */
class SecretsNotInToStringTest {
    /** The secret: long enough that a 32-byte hex prefix of it is unmistakable. */
    static final String SECRET = "the launch code is 0000, tell nobody";
    static final Bytes SECRET_BYTES = Bytes.utf8(SECRET);
    /** The secret as SCRAM carries a proof or a server signature: base64 in the message text. */
    static final String SECRET_BASE64 = Base64.getEncoder().encodeToString(SECRET_BYTES.slice(0, 32).toByteArray());
    static final ScramClientFinal CLIENT_FINAL = new ScramClientFinal("c=biws,r=abcdefghijklmnop,p=" + SECRET_BASE64);
    static final ScramVerifier VERIFIER = new ScramVerifier(ScramMechanism.SCRAM_SHA_256,
            Bytes.fromHex("000102030405060708090a0b0c0d0e0f"), 600_000, SECRET_BYTES.slice(0, 32), SECRET_BYTES.slice(0, 32));
    static final StoredMessage STORED = new StoredMessage(7, 1_764_000_000_000L, "alice", ContentType.TEXT, SECRET_BYTES);

    static Stream<Arguments> valuesHoldingTheSecret() {
        return Stream.of(
                Arguments.of("Bytes", SECRET_BYTES),
                Arguments.of("ChannelEvent.MessageReceived", new ChannelEvent.MessageReceived(SECRET_BYTES)),
                Arguments.of("StoredMessage", STORED),
                Arguments.of("ChatEvent.RoomMessage", new ChatEvent.RoomMessage("lobby", STORED, false)),
                Arguments.of("ChatEvent.PrivateMessage", new ChatEvent.PrivateMessage("bob", STORED, true)),
                Arguments.of("ChatRequest.SendRoomMessage",
                        new ChatRequest.SendRoomMessage(1, "lobby", ContentType.TEXT, SECRET_BYTES)),
                Arguments.of("ChatRequest.SendPrivateMessage",
                        new ChatRequest.SendPrivateMessage(2, "bob", ContentType.TEXT, SECRET_BYTES)),
                Arguments.of("Frame", new Frame(FrameType.ENCRYPTED, SECRET_BYTES)),
                Arguments.of("InnerRecord", new InnerRecord(InnerType.APPLICATION_FINAL, SECRET_BYTES)),
                Arguments.of("List<Bytes>", List.of(SECRET_BYTES)),
                Arguments.of("ScramVerifier", VERIFIER),
                Arguments.of("ChatRequest.ChangePassword", new ChatRequest.ChangePassword(3, SECRET_BYTES.slice(0, 32), VERIFIER)),
                Arguments.of("ScramClientFinal", CLIENT_FINAL),
                Arguments.of("ScramClientStep.Send", new ScramClientStep.Send(CLIENT_FINAL)),
                Arguments.of("ScramServerFinal", new ScramServerFinal("v=" + SECRET_BASE64)),
                Arguments.of("Register", new Register("alice", VERIFIER, Optional.of(SECRET.substring(0, 20)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesHoldingTheSecret")
    void printsNeitherTheSecretNorItsHexNorItsBase64(String name, Object value) {
        String printed = value.toString();

        assertThat(printed).as(name).doesNotContain(SECRET.substring(0, 10));
        assertThat(printed.toLowerCase(Locale.ROOT)).as(name).doesNotContain(hex(SECRET.substring(0, 4)));
        assertThat(printed).as(name).doesNotContain(SECRET_BASE64.substring(0, 8));
    }

    private static String hex(String text) {
        return Bytes.utf8(text).toHex();
    }
}
