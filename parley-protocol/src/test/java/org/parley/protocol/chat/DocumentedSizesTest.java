package org.parley.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.PublicKeyLogin;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The largest sizes docs/PROTOCOL.md quotes (Sections 13.1 and 14.7) are the sizes the codecs
 * produce for messages with every field at its maximum, so servers and clients sized from the
 * document agree with this implementation byte for byte.
 */
class DocumentedSizesTest {
    private static final String NAME = "n".repeat(ChatLimits.MAX_USER_NAME_BYTES);

    private static Bytes zeros(int length) {
        return Bytes.wrapOwned(new byte[length]);
    }

    @Test
    void theLargestPublicKeyLoginIs6216Bytes() {
        PublicKeyLogin login = new PublicKeyLogin(NAME, SignatureComponent.ML_DSA_65,
                zeros(AuthCodec.MAX_PUBLIC_KEY), zeros(AuthCodec.MAX_SIGNATURE));

        assertThat(AuthCodec.encode(login).length()).isEqualTo(6_216);
    }

    @Test
    void theLargestSendEnvelopesIs390541Bytes() {
        EnvelopeTarget target = new EnvelopeTarget(NAME, 1, zeros(ChatLimits.MAX_ENVELOPE_BYTES));
        ChatRequest send = new ChatRequest.SendEnvelopes(1, NAME,
                Collections.nCopies(ChatLimits.MAX_ENVELOPES_PER_SEND, target));

        assertThat(ChatCodec.encode(send).length()).isEqualTo(390_541);
        ChatRequest once = new ChatRequest.SendEnvelopes(1, NAME,
                Collections.nCopies(ChatLimits.MAX_ENVELOPES_PER_SEND, target),
                java.util.Optional.of(new SendId(Bytes.fromHex("01".repeat(SendId.LENGTH)))));
        assertThat(ChatCodec.encode(once).length()).isEqualTo(390_557);
    }

    @Test
    void theLargestRoomMessageRequestIs65610Bytes() {
        ChatRequest send = new ChatRequest.SendRoomMessage(1, NAME, ContentType.OPAQUE, zeros(ChatLimits.MAX_BODY_BYTES));

        assertThat(ChatCodec.encode(send).length()).isEqualTo(65_610);
    }

    @Test
    void theLargestRoomMessageEventIs65688Bytes() {
        StoredMessage stored = new StoredMessage(1, 0, NAME, ContentType.OPAQUE, zeros(ChatLimits.MAX_BODY_BYTES));

        assertThat(ChatCodec.encode(new ChatEvent.RoomMessage(NAME, stored, true)).length()).isEqualTo(65_688);
        assertThat(ChatCodec.encode(new ChatEvent.PrivateMessage(NAME, stored, true)).length()).isEqualTo(65_688);
    }

    @Test
    void theLargestRoomLogPageIs205277Bytes() {
        List<Bytes> entries = Collections.nCopies(ChatLimits.MAX_LOG_PAGE_ENTRIES, zeros(ChatLimits.MAX_LOG_ENTRY_BYTES));

        assertThat(ChatCodec.encode(new ChatEvent.RoomLogPage(1, NAME, 0, entries, true)).length()).isEqualTo(205_277);
    }

    @Test
    void theLargestLoginKeyListIs32839Bytes() {
        List<RegisteredPublicKey> keys = Collections.nCopies(ChatLimits.MAX_LOGIN_KEYS,
                new RegisteredPublicKey(SignatureComponent.ML_DSA_65, zeros(AuthCodec.MAX_PUBLIC_KEY)));

        assertThat(ChatCodec.encode(new ChatEvent.LoginKeyList(1, keys)).length()).isEqualTo(32_839);
    }
}
