package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.StoredMessage;

/** Where a benchmark connection sends what it reads, with and without the lean room-message listener. */
class ParleyConnectionTest {
    private LoggedInPair pair;
    private final List<String> live = new ArrayList<>();
    private final List<ChatEvent.Push> pushes = new ArrayList<>();

    @BeforeEach
    void logIn() throws Exception {
        pair = new LoggedInPair();
        pair.connection().onPush(pushes::add);
    }

    private void listenLean() {
        pair.connection().onLiveRoomMessage((message, offset, length, readNanos, serverMillis) ->
                live.add(new String(message, offset, length, StandardCharsets.UTF_8)));
    }

    @Test
    void handsEveryLiveRoomMessageOfABatchRecordToTheLeanListenerInOrder() {
        listenLean();
        List<Bytes> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(roomMessage("1:0:" + i + ":你好", false));
        }
        ByteBuffer sealed = ByteBuffer.allocate(pair.server().sendBound(batch));

        pair.server().send(batch, sealed);
        pair.read(Unpooled.wrappedBuffer(sealed.flip()));

        assertThat(live).containsExactly("1:0:0:你好", "1:0:1:你好", "1:0:2:你好", "1:0:3:你好", "1:0:4:你好",
                "1:0:5:你好", "1:0:6:你好", "1:0:7:你好");
        assertThat(pushes).isEmpty();
        assertThat(pair.open()).isTrue();
    }

    @Test
    void sendsHistoryRoomMessagesAndOtherEventsToThePushListenerDecodedInFull() {
        listenLean();
        ChatEvent.Presence presence = new ChatEvent.Presence("room", "bob", PresenceChange.JOINED, 2);

        pair.server().send(roomMessage("an old one", true));
        pair.server().send(ChatCodec.encode(presence));
        pair.flushServer();

        assertThat(live).isEmpty();
        assertThat(pushes).hasSize(2);
        assertThat(pushes.getFirst()).isInstanceOfSatisfying(ChatEvent.RoomMessage.class, m -> {
            assertThat(m.history()).isTrue();
            assertThat(m.message().body()).isEqualTo(Bytes.utf8("an old one"));
        });
        assertThat(pushes.getLast()).isEqualTo(presence);
    }

    @Test
    void withoutTheLeanListenerLiveRoomMessagesGoToThePushListener() {
        pair.server().send(roomMessage("hello", false));
        pair.flushServer();

        assertThat(pushes).singleElement().isInstanceOfSatisfying(ChatEvent.RoomMessage.class,
                m -> assertThat(m.message().body()).isEqualTo(Bytes.utf8("hello")));
    }

    @Test
    void closesTheConnectionOnARoomMessageTheFullDecoderWouldReject() {
        listenLean();
        byte[] bad = roomMessage("ok", false).toByteArray();
        bad[bad.length - 3] = (byte) 0xc0; // the TEXT body "ok" becomes an overlong encoding: not UTF-8
        bad[bad.length - 2] = (byte) 0x80;

        pair.server().send(Bytes.wrapOwned(bad));
        pair.flushServer();

        assertThat(live).isEmpty();
        assertThat(pair.open()).isFalse();
        assertThat(pair.connection().closed()).isCompletedWithValue("WireFormatException");
    }

    @Test
    void closesTheConnectionOnATamperedRecordAndCountsNoneOfItsMessages() {
        listenLean();
        List<Bytes> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(roomMessage("1:0:" + i + ":", false));
        }
        ByteBuffer sealed = ByteBuffer.allocate(pair.server().sendBound(batch));
        pair.server().send(batch, sealed);
        sealed.flip();
        sealed.put(sealed.limit() - 30, (byte) (sealed.get(sealed.limit() - 30) ^ 0x01));

        pair.read(Unpooled.wrappedBuffer(sealed));

        assertThat(live).isEmpty();
        assertThat(pair.open()).isFalse();
        assertThat(pair.connection().closed()).isCompletedWithValue("RecordException");
    }

    @Test
    void timesEveryMessageOfOneReadByThatRead() {
        List<Long> times = new ArrayList<>();
        pair.connection().onLiveRoomMessage((message, offset, length, readNanos, serverMillis) -> times.add(readNanos));
        List<Bytes> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(roomMessage("1:0:" + i + ":", false));
        }
        for (int read = 0; read < 2; read++) {
            ByteBuffer sealed = ByteBuffer.allocate(pair.server().sendBound(batch));
            pair.server().send(batch, sealed);
            long before = System.nanoTime();
            pair.read(Unpooled.wrappedBuffer(sealed.flip()));
            long after = System.nanoTime();
            assertThat(times.subList(8 * read, 8 * read + 8)).containsOnly(times.get(8 * read))
                    .allSatisfy(t -> assertThat(t).isBetween(before, after));
        }
    }

    @Test
    void handsTheServersTimestampOfEachLiveRoomMessageToTheLeanListener() {
        List<Long> stamps = new ArrayList<>();
        pair.connection().onLiveRoomMessage((message, offset, length, readNanos, serverMillis) -> stamps.add(serverMillis));
        List<Bytes> batch = List.of(
                ChatCodec.encode(new ChatEvent.RoomMessage("a-longer-room-name", new StoredMessage(7, 1_764_990_000_123L,
                        "alice", ContentType.TEXT, Bytes.utf8("1:0:1:")), false)),
                ChatCodec.encode(new ChatEvent.RoomMessage("r", new StoredMessage(Long.MAX_VALUE, 42L, "bob",
                        ContentType.TEXT, Bytes.utf8("1:0:2:")), false)));
        ByteBuffer sealed = ByteBuffer.allocate(pair.server().sendBound(batch));

        pair.server().send(batch, sealed);
        pair.read(Unpooled.wrappedBuffer(sealed.flip()));

        assertThat(stamps).containsExactly(1_764_990_000_123L, 42L);
    }

    private static Bytes roomMessage(String body, boolean history) {
        return ChatCodec.encode(new ChatEvent.RoomMessage("room", new StoredMessage(9, 1_700_000_000_000L, "alice",
                ContentType.TEXT, Bytes.utf8(body)), history));
    }
}
