package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.SendId;
import org.parley.protocol.chat.StoredMessage;

/**
 * The send ids of sends made once (docs/PROTOCOL.md 14.5) in the store: written in the transaction
 * of their message or envelopes and read back after a reopen, bounded and pruned by age.
 */
class SendIdRowsTest {
    private static final long KEPT = SendMark.KEPT.toMillis();
    private static final long NOW = 100 * KEPT;
    @TempDir
    Path dir;
    private SqliteStore store;

    @BeforeEach
    void open() throws StoreException {
        store = SqliteStore.open(dir.resolve("parley.db"));
        for (String user : List.of("alice", "bob")) {
            store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
        }
    }

    @AfterEach
    void close() throws StoreException {
        store.close();
    }

    private static SendMark mark(String account, int id, int digest) {
        return new SendMark(account, new SendId(Bytes.fromHex(String.format("%02x", id).repeat(SendId.LENGTH))),
                Bytes.fromHex(String.format("%02x", digest).repeat(SendMark.DIGEST_LENGTH)));
    }

    private StoredMessage say(String text, long at, Optional<SendMark> send) {
        return store.appendRoomMessageLater("lobby", "alice", ContentType.TEXT, Bytes.utf8(text), at, send,
                stored -> { }).join();
    }

    private void reopen() throws StoreException {
        store.close();
        store = SqliteStore.open(dir.resolve("parley.db"));
    }

    private long rows() throws StoreException {
        return store.database().read("count send ids", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(*) FROM send_batches")) {
                count.next();
                return count.getLong(1);
            }
        });
    }

    @Test
    void aRoomMessageSentOnceKeepsItsSendIdAcrossAReopenAnsweredWithTheMessageId() throws Exception {
        StoredMessage plain = say("plain", NOW, Optional.empty());
        StoredMessage once = say("once", NOW + 1, Optional.of(mark("alice", 1, 7)));

        reopen();

        assertThat(store.recentSends(NOW - KEPT, 10, 10))
                .containsExactly(new StoredSend(mark("alice", 1, 7), once.id(), NOW + 1));
        assertThat(once.id()).isNotEqualTo(plain.id());
    }

    @Test
    void envelopesSentOnceKeepTheirSendIdAnsweredWithTheFirstEnvelopeId() throws Exception {
        Bytes identity = Bytes.fromHex("01".repeat(64));
        StoredPrekey signed = new StoredPrekey(PrekeyKind.SIGNED_X25519, 1, Bytes.fromHex("0101"));
        StoredPrekey lastResort = new StoredPrekey(PrekeyKind.LAST_RESORT_KEM, 1, Bytes.fromHex("0201"));
        long device = store.e2e().addDevice("bob", identity, identity.slice(0, 32), "phone", 5, signed, lastResort);

        List<Long> ids = store.e2e().enqueue("alice", 1, "alice", "bob", List.of(
                new NewEnvelope("bob", device, Bytes.fromHex("0a")), new NewEnvelope("bob", device, Bytes.fromHex("0b"))),
                NOW, Optional.of(mark("alice", 2, 8)));
        reopen();

        assertThat(store.recentSends(NOW - KEPT, 10, 10))
                .containsExactly(new StoredSend(mark("alice", 2, 8), ids.getFirst(), NOW));
    }

    @Test
    void aMessageWhoseSendIdCannotBeWrittenIsNotStoredEither() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"));
             Statement statement = raw.createStatement()) {
            statement.execute("CREATE TRIGGER refuse BEFORE INSERT ON send_batches "
                    + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        }

        assertThatThrownBy(() -> say("once", NOW, Optional.of(mark("alice", 1, 7))))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(StoreException.class);
        assertThat(store.roomHistory("lobby", Long.MAX_VALUE, 10)).isEmpty();
    }

    @Test
    void sendsAtTheCutOffOrOlderAreNotReturnedAndAreDeleted() throws Exception {
        say("old", NOW - KEPT, Optional.of(mark("alice", 1, 1)));
        say("young", NOW - KEPT + 1, Optional.of(mark("alice", 2, 2)));

        List<StoredSend> recent = store.recentSends(NOW - KEPT, 10, 10);

        assertThat(recent).extracting(StoredSend::storedAt).containsExactly(NOW - KEPT + 1);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void theNewestAreKeptWithinEachAccountsBoundAndTheTotal() throws Exception {
        for (int i = 1; i <= 4; i++) {
            say("a" + i, NOW + i, Optional.of(mark("alice", i, i)));
        }
        say("b", NOW + 5, Optional.of(mark("bob", 9, 9)));

        assertThat(store.recentSends(NOW - KEPT, 2, 10)).extracting(StoredSend::storedAt)
                .containsExactly(NOW + 5, NOW + 4, NOW + 3);
        assertThat(store.recentSends(NOW - KEPT, 10, 3)).extracting(StoredSend::storedAt)
                .containsExactly(NOW + 5, NOW + 4, NOW + 3);
    }

    @Test
    void aSendIdStoredTwiceCountsOnceWithItsNewestRow() throws Exception {
        StoredMessage first = say("first", NOW, Optional.of(mark("alice", 1, 1)));
        StoredMessage again = say("again", NOW + 1, Optional.of(mark("alice", 1, 1)));

        assertThat(store.recentSends(NOW - KEPT, 1, 10)).extracting(StoredSend::answeredId)
                .containsExactly(again.id());
        assertThat(again.id()).isNotEqualTo(first.id());
    }

    @Test
    void aLaterWriteDeletesTheRowsPastTheirTimeWithoutAStartOfItsOwn() throws Exception {
        say("old", NOW, Optional.of(mark("alice", 1, 1)));
        say("young", NOW + KEPT - 1, Optional.of(mark("alice", 2, 2)));
        assertThat(rows()).as("still within its time at the second write").isEqualTo(2);

        say("later", NOW + KEPT - 1 + SendIdRows.PRUNE_EVERY_MILLIS, Optional.empty());

        assertThat(rows()).as("the first row past its time").isEqualTo(1);
    }

    @Test
    void aWriteAfterAnIdleStretchDeletesABoundedNumberOfRowsAndTheNextWritesTheRest() throws Exception {
        int stored = SendIdRows.PRUNE_AT_MOST + 100;
        store.database().write("store many old send ids", connection -> {
            try (var insert = connection.prepareStatement(SchemaSendBatches.INSERT)) {
                for (int n = 0; n < stored; n++) {
                    SendIdRows.insertRow(insert, SchemaSendBatches.ENVELOPES, n + 1,
                            List.of(new StoredSend(mark("alice", 1 + n % 200, 1), n + 1, NOW + n)));
                }
            }
            return null;
        });
        long idle = NOW + stored + KEPT;

        say("after the idle stretch", idle, Optional.empty());
        assertThat(rows()).as("one prune deleted its bound, the oldest").isEqualTo(100);
        say("next", idle + 1, Optional.empty());
        assertThat(rows()).as("a prune that reached its bound goes on with the next write").isZero();
    }

    @Test
    void aVersionFiveDatabaseOpensWithItsMessagesAndGainsTheSendIds() throws Exception {
        store.close();
        Path old = dir.resolve("v5.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            int version = 1;
            for (List<String> statements : List.of(SchemaV1.STATEMENTS, SchemaNameKeys.STATEMENTS,
                    SchemaE2eTables.STATEMENTS, SchemaRoomLogs.STATEMENTS, SchemaPartialIndexes.STATEMENTS)) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                statement.execute("INSERT INTO schema_version VALUES (" + version++ + ", 0)");
            }
            statement.execute("INSERT INTO messages (kind, room, sender, ts, content_type, body) "
                    + "VALUES ('ROOM', 'lobby', 'Carol', 10, 'TEXT', x'6869')");
        }

        store = SqliteStore.open(old);
        StoredMessage once = say("once", NOW, Optional.of(mark("alice", 3, 3)));

        assertThat(store.roomHistory("lobby", Long.MAX_VALUE, 10)).extracting(StoredMessage::from)
                .containsExactly("alice", "Carol");
        assertThat(store.recentSends(NOW - KEPT, 10, 10)).extracting(StoredSend::answeredId).containsExactly(once.id());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old)) {
            assertThat(SchemaMigrations.currentVersion(connection)).isEqualTo(7);
        }
    }

    @Test
    void aVersionSixDatabaseKeepsItsSendIdsAndLosesItsOldTable() throws Exception {
        store.close();
        Path old = dir.resolve("v6.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old);
             Statement statement = versionSix(connection)) {
            // Two of one millisecond answered with the same id (a room message and envelopes), one older.
            statement.execute("INSERT INTO send_ids VALUES (" + (NOW + 2) + ", 'alice', x'" + "01".repeat(16)
                    + "', x'" + "07".repeat(32) + "', 5)");
            statement.execute("INSERT INTO send_ids VALUES (" + (NOW + 2) + ", 'bob', x'" + "02".repeat(16)
                    + "', x'" + "08".repeat(32) + "', 5)");
            statement.execute("INSERT INTO send_ids VALUES (" + (NOW + 1) + ", 'alice', x'" + "03".repeat(16)
                    + "', x'" + "09".repeat(32) + "', 4)");
        }

        store = SqliteStore.open(old);

        assertThat(store.recentSends(NOW - KEPT, 10, 10)).containsExactlyInAnyOrder(
                new StoredSend(mark("alice", 1, 7), 5, NOW + 2), new StoredSend(mark("bob", 2, 8), 5, NOW + 2),
                new StoredSend(mark("alice", 3, 9), 4, NOW + 1));
        assertThat(store.recentSends(NOW - KEPT, 10, 10)).extracting(StoredSend::storedAt)
                .containsExactly(NOW + 2, NOW + 2, NOW + 1);
        StoredMessage once = say("once", NOW + 3, Optional.of(mark("bob", 4, 4)));
        assertThat(store.recentSends(NOW - KEPT, 10, 10)).first()
                .isEqualTo(new StoredSend(mark("bob", 4, 4), once.id(), NOW + 3));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old);
             ResultSet tables = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM sqlite_master WHERE name = 'send_ids'")) {
            assertThat(SchemaMigrations.currentVersion(connection)).isEqualTo(7);
            tables.next();
            assertThat(tables.getInt(1)).as("the version 6 table is dropped").isZero();
        }
    }

    @Test
    void moreVersionSixRowsOfOneMillisecondThanOneRowHoldsAreAllConverted() throws Exception {
        store.close();
        Path old = dir.resolve("v6-full.db");
        int count = SendBatchCodec.MAX_SENDS * 2 + 1;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old);
             Statement statement = versionSix(connection)) {
            for (int i = 1; i <= count; i++) {
                statement.execute("INSERT INTO send_ids VALUES (" + NOW + ", 'user" + (i % 3) + "', x'"
                        + "%032x".formatted(i) + "', x'" + "07".repeat(32) + "', " + i + ")");
            }
        }

        store = SqliteStore.open(old);

        assertThat(store.recentSends(NOW - KEPT, count, count)).hasSize(count)
                .extracting(StoredSend::answeredId).doesNotHaveDuplicates();
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void aRoomMessageAndEnvelopesStoredInOneMillisecondWithTheSameIdKeepBothSendIds() throws Exception {
        long device = bobsDevice();
        StoredMessage message = say("once", NOW, Optional.of(mark("alice", 1, 1)));
        List<Long> ids = store.e2e().enqueue("alice", 1, "alice", "bob",
                List.of(new NewEnvelope("bob", device, Bytes.fromHex("0a"))), NOW, Optional.of(mark("alice", 2, 2)));
        assertThat(ids.getFirst()).as("the test needs the same id from both sequences").isEqualTo(message.id());

        reopen();

        assertThat(store.recentSends(NOW - KEPT, 10, 10)).containsExactlyInAnyOrder(
                new StoredSend(mark("alice", 1, 1), message.id(), NOW),
                new StoredSend(mark("alice", 2, 2), ids.getFirst(), NOW));
    }

    @Test
    void sendsOfRowsWhoseTimesInterleaveComeNewestFirstAndOnlyThoseAfterTheCutOff() throws Exception {
        SendIdRows rows = new SendIdRows();
        store.database().write("two transactions' sends", connection -> {
            rows.insert(connection, SchemaSendBatches.ROOM_MESSAGES, List.of(
                    new StoredSend(mark("alice", 1, 1), 10, NOW - KEPT), new StoredSend(mark("alice", 2, 2), 11, NOW + 1),
                    new StoredSend(mark("bob", 3, 3), 12, NOW + 4)));
            rows.insert(connection, SchemaSendBatches.ENVELOPES,
                    List.of(new StoredSend(mark("bob", 4, 4), 10, NOW + 3)));
            return null;
        });

        assertThat(rows.recent(store.database(), NOW - KEPT, 10, 10)).extracting(StoredSend::answeredId)
                .containsExactly(12L, 10L, 11L);
        assertThat(rows.recent(store.database(), NOW - KEPT, 1, 10)).extracting(StoredSend::answeredId)
                .containsExactly(12L, 11L);
    }

    @Test
    void aRowThatDoesNotUnpackIsAStoreExceptionAtStart() throws Exception {
        say("once", NOW, Optional.of(mark("alice", 1, 1)));
        store.close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"));
             Statement statement = raw.createStatement()) {
            statement.execute("UPDATE send_batches SET sends = substr(sends, 1, length(sends) - 1)");
        }
        store = SqliteStore.open(dir.resolve("parley.db"));

        assertThatThrownBy(() -> store.recentSends(NOW - KEPT, 10, 10)).isInstanceOf(StoreException.class)
                .hasMessageContaining("malformed send batch");
    }

    private long bobsDevice() throws StoreException {
        Bytes identity = Bytes.fromHex("01".repeat(64));
        StoredPrekey signed = new StoredPrekey(PrekeyKind.SIGNED_X25519, 1, Bytes.fromHex("0101"));
        StoredPrekey lastResort = new StoredPrekey(PrekeyKind.LAST_RESORT_KEM, 1, Bytes.fromHex("0201"));
        return store.e2e().addDevice("bob", identity, identity.slice(0, 32), "phone", 5, signed, lastResort);
    }

    /** Makes {@code connection}'s empty database one of version 6; returns a statement for the test's rows. */
    private static Statement versionSix(Connection connection) throws SQLException {
        Statement statement = connection.createStatement();
        statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        int version = 1;
        for (List<String> statements : List.of(SchemaV1.STATEMENTS, SchemaNameKeys.STATEMENTS,
                SchemaE2eTables.STATEMENTS, SchemaRoomLogs.STATEMENTS, SchemaPartialIndexes.STATEMENTS,
                SchemaSendIds.STATEMENTS)) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            statement.execute("INSERT INTO schema_version VALUES (" + version++ + ", 0)");
        }
        return statement;
    }
}
