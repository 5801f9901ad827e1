package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;

/** {@link SqlRoomLogs} on a real file: one transaction per entry with its chat-state changes, seq conflicts, the v3 to v4 upgrade. */
class SqliteStoreRoomLogTest {
    private static final Bytes GENESIS = Bytes.fromHex("01aa");
    private static final RoomRecord SECRET = new RoomRecord("Secret", "secret", "", RoomVisibility.PRIVATE, "alice", 1L);

    @TempDir
    Path dir;

    @Test
    void anEncryptedRoomIsCreatedWithItsOwnerAndGenesisAndKeptAcrossAReopen() throws StoreException {
        try (SqliteStore store = SqliteStore.open(dir.resolve("parley.db"))) {
            store.roomLogs().createRoom(SECRET, GENESIS);
            store.createRoom(new RoomRecord("Plain", "plain", "", RoomVisibility.PUBLIC, "bob", 2L));
        }

        try (SqliteStore store = SqliteStore.open(dir.resolve("parley.db"))) {
            assertThat(store.roomLogs().allLogs()).containsExactly(Map.entry("secret", List.of(GENESIS)));
            assertThat(store.members("secret")).containsExactly(Map.entry("alice", Role.OWNER));
            assertThat(store.findRoom("secret")).contains(SECRET);
        }
    }

    @Test
    void anEntryIsStoredWithItsChangesAndASecondEntryAtTheSameSeqChangesNothing() throws StoreException {
        try (SqliteStore store = SqliteStore.open(dir.resolve("parley.db"))) {
            store.roomLogs().createRoom(SECRET, GENESIS);
            store.roomLogs().append("secret", 1, Bytes.fromHex("02"), List.of(new RoomChange.Invite("bob", "alice")));

            assertThatThrownBy(() -> store.roomLogs().append("secret", 1, Bytes.fromHex("03"),
                    List.of(new RoomChange.PutMember("carol", Role.MEMBER))))
                    .isInstanceOf(StoreException.Conflict.class);
            assertThat(store.roomLogs().entries("secret", 0, 10)).containsExactly(GENESIS, Bytes.fromHex("02"));
            assertThat(store.isInvited("secret", "bob")).isTrue();
            assertThat(store.members("secret")).doesNotContainKey("carol");
        }
    }

    @Test
    void theChangesOfAnEntryFollowItsEffects() throws StoreException {
        try (SqliteStore store = SqliteStore.open(dir.resolve("parley.db"))) {
            store.roomLogs().createRoom(SECRET, GENESIS);
            store.roomLogs().append("secret", 1, Bytes.fromHex("02"), List.of(new RoomChange.Invite("bob", "alice")));
            store.roomLogs().append("secret", 2, Bytes.fromHex("03"), List.of(new RoomChange.PutMember("bob", Role.OP),
                    new RoomChange.Uninvite("bob")));
            store.roomLogs().append("secret", 3, Bytes.fromHex("04"), List.of(new RoomChange.RemoveMember("bob"),
                    new RoomChange.Ban("bob", "alice"), new RoomChange.SetOwner("alice")));

            assertThat(store.isInvited("secret", "bob")).isFalse();
            assertThat(store.members("secret")).containsExactly(Map.entry("alice", Role.OWNER));
            assertThat(store.isBanned("secret", "bob", Long.MAX_VALUE - 1)).isTrue();
            assertThat(store.roomLogs().entries("secret", 2, 1)).containsExactly(Bytes.fromHex("03"));
            assertThat(store.roomLogs().entries("secret", 9, 10)).isEmpty();
        }
    }

    @Test
    void aVersionThreeDatabaseIsUpgradedWithItsRoomsPlain() throws Exception {
        Path old = dir.resolve("v3.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            int version = 1;
            for (List<String> statements : List.of(SchemaV1.STATEMENTS, SchemaNameKeys.STATEMENTS,
                    SchemaE2eTables.STATEMENTS)) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                statement.execute("INSERT INTO schema_version VALUES (" + version++ + ", 0)");
            }
            statement.execute("INSERT INTO rooms (canonical, name, topic, visibility, owner, created_at) "
                    + "VALUES ('old', 'Old', 'kept', 'PUBLIC', 'carol', 0)");
        }

        try (SqliteStore store = SqliteStore.open(old)) {
            assertThat(store.findRoom("old")).map(RoomRecord::topic).isEqualTo(Optional.of("kept"));
            assertThat(store.roomLogs().allLogs()).isEmpty();
            store.roomLogs().createRoom(SECRET, GENESIS);
            assertThat(store.roomLogs().allLogs()).containsOnlyKeys("secret");
        }
    }
}
