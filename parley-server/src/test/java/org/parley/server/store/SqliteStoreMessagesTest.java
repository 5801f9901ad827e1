package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.store.MessageStore.PrivateEnvelope;

class SqliteStoreMessagesTest {

    @TempDir
    Path dir;
    private SqliteStore store;

    @BeforeEach
    void open() throws StoreException {
        store = SqliteStore.open(dir.resolve("parley.db"));
    }

    @AfterEach
    void close() throws StoreException {
        store.close();
    }

    private StoredMessage room(String room, String from, String text) throws StoreException {
        return store.appendRoomMessage(room, from, ContentType.TEXT, Bytes.utf8(text), 1_000L);
    }

    private StoredMessage direct(String from, String to, String text) throws StoreException {
        return store.appendPrivateMessage(from, to, ContentType.TEXT, Bytes.utf8(text), 2_000L);
    }

    @Test
    void returnsTheStoredMessageWithItsFields() throws StoreException {
        Bytes body = Bytes.utf8("你好, world");

        StoredMessage stored = store.appendRoomMessage("lobby", "Alice", ContentType.TEXT, body, 1_234L);

        assertThat(stored.id()).isPositive();
        assertThat(stored).isEqualTo(new StoredMessage(stored.id(), 1_234L, "Alice", ContentType.TEXT, body));
        assertThat(store.roomHistory("lobby", Long.MAX_VALUE, 10)).containsExactly(stored);
    }

    @Test
    void keepsOpaqueAndEmptyBodiesByteForByte() throws StoreException {
        Bytes opaque = Bytes.fromHex("00ff10e2808b00");

        StoredMessage sealed = store.appendPrivateMessage("Alice", "Bob", ContentType.OPAQUE, opaque, 1L);
        StoredMessage empty = store.appendPrivateMessage("Alice", "Bob", ContentType.OPAQUE, Bytes.empty(), 2L);

        assertThat(store.privateHistory("Alice", "Bob", Long.MAX_VALUE, 10)).containsExactly(empty, sealed);
    }

    @Test
    void givesIdsThatIncreaseAcrossRoomsAndPrivateMessages() throws StoreException {
        long a = room("lobby", "Alice", "1").id();
        long b = direct("Alice", "Bob", "2").id();
        long c = room("other", "Bob", "3").id();
        long d = direct("Carol", "Dave", "4").id();

        assertThat(List.of(a, b, c, d)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void pagesRoomHistoryNewestFirstBeforeAnId() throws StoreException {
        List<StoredMessage> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sent.add(room("lobby", "Alice", "m" + i));
            room("elsewhere", "Bob", "noise" + i);
        }

        List<StoredMessage> newest = store.roomHistory("lobby", Long.MAX_VALUE, 3);
        List<StoredMessage> older = store.roomHistory("lobby", newest.getLast().id(), 3);
        List<StoredMessage> oldest = store.roomHistory("lobby", older.getLast().id(), 3);

        assertThat(newest).containsExactly(sent.get(6), sent.get(5), sent.get(4));
        assertThat(older).containsExactly(sent.get(3), sent.get(2), sent.get(1));
        assertThat(oldest).containsExactly(sent.get(0));
        assertThat(store.roomHistory("lobby", sent.get(0).id(), 3)).isEmpty();
    }

    @Test
    void returnsNothingForALimitOfZeroAndRefusesANegativeLimit() throws StoreException {
        room("lobby", "Alice", "hi");

        assertThat(store.roomHistory("lobby", Long.MAX_VALUE, 0)).isEmpty();
        assertThatThrownBy(() -> store.roomHistory("lobby", Long.MAX_VALUE, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void showsPrivateHistoryOnlyToThePair() throws StoreException {
        StoredMessage one = direct("Alice", "Bob", "one");
        direct("Carol", "Alice", "from a third user");
        direct("Bob", "Carol", "bob to carol");
        StoredMessage two = direct("Bob", "Alice", "two");
        room("lobby", "Alice", "public");

        List<StoredMessage> aliceBob = store.privateHistory("Alice", "Bob", Long.MAX_VALUE, 50);
        List<StoredMessage> bobAlice = store.privateHistory("Bob", "Alice", Long.MAX_VALUE, 50);

        assertThat(aliceBob).containsExactly(two, one);
        assertThat(bobAlice).isEqualTo(aliceBob);
        assertThat(store.privateHistory("Alice", "Bob", two.id(), 50)).containsExactly(one);
    }

    @Test
    void matchesConversationsByCanonicalName() throws StoreException {
        StoredMessage toRoom = room("Lobby", "Alice", "hello");
        StoredMessage toBob = direct("Alice", "BOB", "psst");

        assertThat(store.roomHistory("lobby", Long.MAX_VALUE, 5)).containsExactly(toRoom);
        assertThat(store.privateHistory("bob", "alice", Long.MAX_VALUE, 5)).containsExactly(toBob);
        assertThat(store.undeliveredPrivate("bob", 5)).containsExactly(new PrivateEnvelope("BOB", toBob));
    }

    @Test
    void deliversPrivateMessagesAboveTheCursorOldestFirst() throws StoreException {
        StoredMessage first = direct("Alice", "Bob", "first");
        direct("Bob", "Alice", "to alice");
        direct("Alice", "Carol", "to carol");
        StoredMessage second = direct("Carol", "Bob", "second");

        List<PrivateEnvelope> pending = store.undeliveredPrivate("Bob", 10);

        assertThat(pending).containsExactly(new PrivateEnvelope("Bob", first), new PrivateEnvelope("Bob", second));
        assertThat(store.undeliveredPrivate("Bob", 1)).containsExactly(new PrivateEnvelope("Bob", first));
    }

    @Test
    void advancesTheDeliveryCursorButNeverBackwards() throws StoreException {
        StoredMessage first = direct("Alice", "Bob", "first");
        StoredMessage second = direct("Alice", "Bob", "second");
        StoredMessage third = direct("Alice", "Bob", "third");

        store.markDelivered("Bob", second.id());
        List<PrivateEnvelope> afterSecond = store.undeliveredPrivate("Bob", 10);
        store.markDelivered("Bob", first.id());

        assertThat(afterSecond).containsExactly(new PrivateEnvelope("Bob", third));
        assertThat(store.undeliveredPrivate("Bob", 10)).containsExactly(new PrivateEnvelope("Bob", third));
        assertThat(store.undeliveredPrivate("Alice", 10)).isEmpty();
    }

    @Test
    void findsMessagesThatWaitedAcrossAReopenOfTheStore() throws StoreException {
        direct("Alice", "Bob", "delivered");
        StoredMessage waiting = direct("Alice", "Bob", "waiting");
        store.markDelivered("Bob", waiting.id() - 1);
        store.close();

        store = SqliteStore.open(dir.resolve("parley.db"));

        assertThat(store.undeliveredPrivate("bob", 10)).containsExactly(new PrivateEnvelope("Bob", waiting));
        assertThat(store.undeliveredPrivate("Alice", 10)).isEmpty();
    }

    @Test
    void findsANewMessageForAUserWhoseLastLookUpFoundNothing() throws StoreException {
        StoredMessage first = direct("Alice", "Bob", "first");
        store.markDelivered("Bob", first.id());
        List<PrivateEnvelope> afterDelivery = store.undeliveredPrivate("Bob", 10);

        StoredMessage second = direct("Carol", "Bob", "second");

        assertThat(afterDelivery).isEmpty();
        assertThat(store.undeliveredPrivate("Bob", 10)).containsExactly(new PrivateEnvelope("Bob", second));
    }

    @Test
    void keepsReportingAWaitingMessageUntilItsCursorPassesIt() throws StoreException {
        StoredMessage only = direct("Alice", "Bob", "only");

        List<PrivateEnvelope> firstLook = store.undeliveredPrivate("Bob", 10);
        List<PrivateEnvelope> withNoRoom = store.undeliveredPrivate("Bob", 0);
        List<PrivateEnvelope> secondLook = store.undeliveredPrivate("Bob", 10);
        store.markDelivered("Bob", only.id());

        assertThat(firstLook).containsExactly(new PrivateEnvelope("Bob", only));
        assertThat(withNoRoom).isEmpty();
        assertThat(secondLook).containsExactly(new PrivateEnvelope("Bob", only));
        assertThat(store.undeliveredPrivate("Bob", 10)).isEmpty();
    }
}
