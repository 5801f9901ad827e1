package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.store.MessageStore.PrivateEnvelope;
import org.parley.server.store.SqliteDatabase.Pragma;

class SqliteStoreDurabilityTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("parley.db");
    }

    @Test
    void opensWithWriteAheadLogFullSyncForeignKeysAndABusyTimeout() throws StoreException {
        try (SqliteStore store = SqliteStore.open(file())) {
            SqliteDatabase database = store.database();

            assertThat(database.writerPragma(Pragma.JOURNAL_MODE)).isEqualToIgnoringCase("wal");
            assertThat(database.writerPragma(Pragma.SYNCHRONOUS)).isEqualTo("2");
            assertThat(database.writerPragma(Pragma.FOREIGN_KEYS)).isEqualTo("1");
            assertThat(database.writerPragma(Pragma.BUSY_TIMEOUT)).isEqualTo("10000");
            assertThat(store.integrityOk()).isTrue();
        }
    }

    @Test
    void createsTheDatabaseFileReadableByItsOwnerOnly() throws Exception {
        try (SqliteStore store = SqliteStore.open(file())) {
            store.appendRoomMessage("lobby", "a", ContentType.TEXT, Bytes.utf8("x"), 1L);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("parley.db-wal"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void findsEverythingAfterCloseAndReopen() throws StoreException {
        ScramVerifier verifier = new ScramVerifier(ScramMechanism.SCRAM_SHA_256, Bytes.fromHex("01".repeat(16)),
                600_000, Bytes.fromHex("02".repeat(32)), Bytes.fromHex("03".repeat(32)));
        AccountRecord alice = new AccountRecord("Alice", "alice", Optional.of(verifier), true, 7L);
        RegisteredPublicKey key = new RegisteredPublicKey(SignatureComponent.ML_DSA_65, Bytes.fromHex("9a".repeat(1952)));
        RoomRecord room = new RoomRecord("茶室", "茶室", "tea", RoomVisibility.PRIVATE, "alice", 8L);
        StoredMessage said;
        StoredMessage whispered;
        try (SqliteStore store = SqliteStore.open(file())) {
            store.createAccount(alice);
            store.addLoginKey("alice", key);
            store.createInvite("inv", "alice", 100L);
            store.createRoom(room);
            store.putMember("茶室", "alice", Role.OWNER);
            store.ban("茶室", "mallory", 50L, "alice", "rude");
            store.invite("茶室", "bob", "alice");
            said = store.appendRoomMessage("茶室", "Alice", ContentType.TEXT, Bytes.utf8("你好"), 9L);
            whispered = store.appendPrivateMessage("Alice", "Bob", ContentType.TEXT, Bytes.utf8("psst"), 10L);
            store.markDelivered("Carol", whispered.id());
        }

        try (SqliteStore reopened = SqliteStore.open(file())) {
            assertThat(reopened.findAccount("alice")).contains(alice);
            assertThat(reopened.loginKeys("alice")).containsExactly(key);
            assertThat(reopened.findRoom("茶室")).contains(room);
            assertThat(reopened.members("茶室")).containsExactly(entry("alice", Role.OWNER));
            assertThat(reopened.isBanned("茶室", "mallory", 49L)).isTrue();
            assertThat(reopened.isInvited("茶室", "bob")).isTrue();
            assertThat(reopened.roomHistory("茶室", Long.MAX_VALUE, 5)).containsExactly(said);
            assertThat(reopened.undeliveredPrivate("Bob", 5)).containsExactly(new PrivateEnvelope("Bob", whispered));
            assertThat(reopened.undeliveredPrivate("Carol", 5)).isEmpty();
            assertThat(reopened.consumeInvite("inv", "bob", 99L)).isTrue();
            assertThat(reopened.integrityOk()).isTrue();
        }
    }

    @Test
    void continuesIdsAfterReopen() throws StoreException {
        long before;
        try (SqliteStore store = SqliteStore.open(file())) {
            before = store.appendRoomMessage("lobby", "a", ContentType.TEXT, Bytes.utf8("x"), 1L).id();
        }

        try (SqliteStore store = SqliteStore.open(file())) {
            assertThat(store.appendRoomMessage("lobby", "a", ContentType.TEXT, Bytes.utf8("y"), 2L).id())
                    .isGreaterThan(before);
        }
    }

    @Test
    void recordsEachSchemaVersionOnceAcrossOpens() throws StoreException, SQLException {
        SqliteStore.open(file()).close();
        SqliteStore.open(file()).close();

        assertThat(versions()).containsExactly(1, 2);
    }

    @Test
    void refusesAFileFromANewerServer() throws StoreException, SQLException {
        SqliteStore.open(file()).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
        }

        assertThatThrownBy(() -> SqliteStore.open(file()))
                .isInstanceOf(StoreException.class).hasMessageContaining("newer");
    }

    @Test
    void storesConcurrentAppendsWithUniqueIncreasingIds() throws Exception {
        int threads = 6;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (SqliteStore store = SqliteStore.open(file())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String sender = "user" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        StoredMessage stored = i % 2 == 0
                                ? store.appendRoomMessage("lobby", sender, ContentType.TEXT, Bytes.utf8("r" + i), i)
                                : store.appendPrivateMessage(sender, "sink", ContentType.TEXT, Bytes.utf8("p" + i), i);
                        ids.add(stored.id());
                    }
                    return ids;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                List<Long> ids = result.get();
                assertThat(ids).isSorted().doesNotHaveDuplicates();
                all.addAll(ids);
            }

            List<Long> stored = new ArrayList<>();
            store.roomHistory("lobby", Long.MAX_VALUE, 1_000).forEach(m -> stored.add(m.id()));
            store.undeliveredPrivate("sink", 1_000).forEach(e -> stored.add(e.message().id()));
            assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
            assertThat(stored).containsExactlyInAnyOrderElementsOf(all);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sharesTheFileWithASecondStoreAsAnOperatorCommandWould() throws StoreException {
        try (SqliteStore server = SqliteStore.open(file()); SqliteStore operator = SqliteStore.open(file())) {
            server.createRoom(new RoomRecord("Lobby", "lobby", "", RoomVisibility.PUBLIC, "server", 1L));
            operator.createInvite("op-code", "operator", 10L);
            StoredMessage said = server.appendRoomMessage("lobby", "a", ContentType.TEXT, Bytes.utf8("x"), 2L);

            assertThat(operator.listRooms()).extracting(RoomRecord::canonicalName).containsExactly("lobby");
            assertThat(operator.roomHistory("lobby", Long.MAX_VALUE, 5)).containsExactly(said);
            assertThat(server.consumeInvite("op-code", "bob", 5L)).isTrue();
        }
    }

    @Test
    void refusesWritesAfterCloseAndClosesTwiceQuietly() throws StoreException {
        SqliteStore store = SqliteStore.open(file());
        store.close();

        store.close();

        assertThatThrownBy(() -> store.appendRoomMessage("lobby", "a", ContentType.TEXT, Bytes.utf8("x"), 1L))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.roomHistory("lobby", Long.MAX_VALUE, 1))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }

    @Test
    void checkpointsTheWriteAheadLogOnClose() throws StoreException, Exception {
        try (SqliteStore store = SqliteStore.open(file())) {
            store.appendRoomMessage("lobby", "a", ContentType.TEXT, Bytes.utf8("x"), 1L);
            assertThat(Files.size(dir.resolve("parley.db-wal"))).isPositive();
        }

        Path wal = dir.resolve("parley.db-wal");
        assertThat(Files.notExists(wal) || Files.size(wal) == 0).as("WAL emptied").isTrue();
    }

    private List<Integer> versions() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            List<Integer> versions = new ArrayList<>();
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
            return versions;
        }
    }
}
