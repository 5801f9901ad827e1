package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.StoredMessage;

/** The load generator's lean RoomMessage reader against the chat codec's full decoder. */
class RoomMessageReaderTest {

    static List<byte[]> validMessages() {
        String longName = "n".repeat(64);
        return List.of(
                encode("fanout-x", 1, "bob", ContentType.TEXT, Bytes.utf8("1:2:3:xxxxxxxxxxxxxxxx"), false),
                encode("房间", Long.MAX_VALUE, "张伟", ContentType.TEXT, Bytes.utf8("你好, 世界 🌏"), false),
                encode(longName, 0, longName, ContentType.TEXT, Bytes.empty(), true),
                encode("r", 7, "u", ContentType.OPAQUE, Bytes.fromHex("00ff80c0eda080"), false),
                encode("r", 7, "u", ContentType.TEXT, Bytes.wrapOwned(filled(16 * 1024, 'x')), false),
                encode("r", 7, "u", ContentType.OPAQUE, Bytes.wrapOwned(filled(64 * 1024, (char) 0xfe)), true));
    }

    @ParameterizedTest
    @MethodSource("validMessages")
    void findsTheBodyAndHistoryFlagTheFullDecoderReads(byte[] message) throws Exception {
        ChatEvent.RoomMessage full = (ChatEvent.RoomMessage) ChatCodec.decodeEvent(Bytes.copyOf(message));

        int body = RoomMessageReader.bodyOffset(message, message.length);

        assertThat(Arrays.copyOfRange(message, body, message.length - 1)).isEqualTo(full.message().body().toByteArray());
        assertThat(message[message.length - 1] == 1).isEqualTo(full.history());
    }

    @Test
    void leavesEveryOtherEventTypeToTheFullDecoder() throws Exception {
        byte[] presence = ChatCodec.encode(new ChatEvent.Presence("r", "u", PresenceChange.JOINED, 3)).toByteArray();

        assertThat(RoomMessageReader.bodyOffset(presence, presence.length)).isEqualTo(RoomMessageReader.NOT_A_ROOM_MESSAGE);
        assertThat(RoomMessageReader.bodyOffset(new byte[0], 0)).isEqualTo(RoomMessageReader.NOT_A_ROOM_MESSAGE);
    }

    /** Offsets in {@link #plain()}: type 0, room length 1, room 2-3, id 4-11, timestamp 12-19, from length 20, from 21-22, type 23, body length 24-26, body 27-29, history 30. */
    static List<byte[]> malformedMessages() {
        return List.of(
                with(plain(), 4, 0x80),                      // id above 2^63-1
                with(plain(), 23, 9),                        // unknown content type
                with(plain(), 27, 0xc0, 0x80),               // TEXT body: overlong encoding
                with(plain(), 27, 0xed, 0xa0, 0x80),         // TEXT body: a surrogate
                with(plain(), 2, 0xff),                      // room name not UTF-8
                with(plain(), 21, 0xe4, 0xbd),               // sender name: truncated sequence
                with(plain(), 30, 2),                        // history not a boolean
                with(plain(), 1, 0),                         // empty room name
                with(plain(), 20, 65),                       // sender name over 64 bytes
                with(plain(), 24, 0, 0x40, 0x01),            // TEXT body over 16,384 bytes
                Arrays.copyOf(plain(), 31 + 1),              // a trailing byte
                Arrays.copyOf(plain(), 30),                  // no history byte
                Arrays.copyOf(plain(), 22));                 // cut inside the sender name
    }

    @ParameterizedTest
    @MethodSource("malformedMessages")
    void rejectsWhatTheFullDecoderRejects(byte[] message) {
        assertThrows(WireFormatException.class, () -> ChatCodec.decodeEvent(Bytes.copyOf(message)));

        assertThrows(WireFormatException.class, () -> RoomMessageReader.bodyOffset(message, message.length));
    }

    @Test
    void agreesWithTheFullDecoderOnRandomlyMutatedMessages() throws Exception {
        Random random = new Random(13);
        List<byte[]> seeds = new ArrayList<>(validMessages().subList(0, 4));
        seeds.add(plain());
        int accepted = 0;
        int rejected = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] message = mutate(seeds.get(random.nextInt(seeds.size())), random);
            ChatEvent.RoomMessage full = null;
            try {
                full = (ChatEvent.RoomMessage) ChatCodec.decodeEvent(Bytes.copyOf(message));
            } catch (WireFormatException expected) {
                // compared below
            }
            byte[] framed = framed(message); // the same event where a record layer reads it: inside a larger array
            if (full == null) {
                assertThrows(WireFormatException.class, () -> RoomMessageReader.bodyOffset(message, message.length),
                        () -> "the full decoder rejects " + Bytes.copyOf(message).toHex());
                assertThrows(WireFormatException.class, () -> RoomMessageReader.bodyOffset(framed, FRAME, message.length),
                        () -> "the full decoder rejects " + Bytes.copyOf(message).toHex() + " (framed)");
                rejected++;
            } else {
                int body = RoomMessageReader.bodyOffset(message, message.length);
                assertThat(Arrays.copyOfRange(message, body, message.length - 1)).isEqualTo(full.message().body().toByteArray());
                assertThat(message[message.length - 1] == 1).isEqualTo(full.history());
                assertThat(RoomMessageReader.bodyOffset(framed, FRAME, message.length)).isEqualTo(FRAME + body);
                accepted++;
            }
        }
        assertThat(accepted).as("mutations both decoders accepted").isGreaterThan(1_000);
        assertThat(rejected).as("mutations both decoders rejected").isGreaterThan(1_000);
    }

    /** Bytes of another message (non-ASCII, not zero) on either side of a framed one. */
    private static final int FRAME = 5;

    private static byte[] framed(byte[] message) {
        byte[] framed = new byte[FRAME + message.length + FRAME];
        Arrays.fill(framed, (byte) 0xc3);
        System.arraycopy(message, 0, framed, FRAME, message.length);
        return framed;
    }

    /** One byte changed, inserted, removed or cut, keeping the type byte so that both readers read it. */
    private static byte[] mutate(byte[] seed, Random random) {
        byte[] m = seed.clone();
        int at = 1 + random.nextInt(m.length - 1);
        return switch (random.nextInt(6)) {
            case 0 -> with(m, at, random.nextInt(256));
            case 1 -> with(m, at, new int[] {0, 1, 2, 0x3f, 0x40, 0x41, 0x7f, 0x80, 0xc0, 0xed, 0xf4, 0xff}[random.nextInt(12)]);
            case 2 -> Arrays.copyOf(m, at);
            case 3 -> {
                byte[] longer = Arrays.copyOf(m, m.length + 1);
                System.arraycopy(m, at, longer, at + 1, m.length - at);
                longer[at] = (byte) random.nextInt(256);
                yield longer;
            }
            case 4 -> {
                byte[] shorter = new byte[m.length - 1];
                System.arraycopy(m, 0, shorter, 0, at);
                System.arraycopy(m, at + 1, shorter, at, m.length - at - 1);
                yield shorter;
            }
            default -> m; // unchanged: valid
        };
    }

    private static byte[] plain() {
        return encode("ab", 5, "cd", ContentType.TEXT, Bytes.utf8("xyz"), false);
    }

    private static byte[] encode(String room, long id, String from, ContentType type, Bytes body, boolean history) {
        return ChatCodec.encode(new ChatEvent.RoomMessage(room, new StoredMessage(id, 1_700_000_000_000L, from, type, body),
                history)).toByteArray();
    }

    private static byte[] with(byte[] message, int at, int... values) {
        byte[] copy = message.clone();
        for (int i = 0; i < values.length; i++) {
            copy[at + i] = (byte) values[i];
        }
        return copy;
    }

    private static byte[] filled(int length, char value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
