package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.suite.SignatureComponent;

/** The look-alike keys of names in the store: the schema step, new collisions refused, old ones listed. */
class ConfusableNamesTest {
    private static final RegisteredPublicKey KEY =
            new RegisteredPublicKey(SignatureComponent.ED25519, Bytes.fromHex("0e".repeat(32)));

    @TempDir
    Path dir;

    private static AccountRecord account(String name) {
        return new AccountRecord(name, org.parley.server.names.NameRules.canonical(name), Optional.empty(), false, 1L);
    }

    private static RoomRecord room(String name) {
        return new RoomRecord(name, org.parley.server.names.NameRules.canonical(name), "", RoomVisibility.PUBLIC, "", 1L);
    }

    @Test
    void aVersionOneDatabaseGetsTheKeysAndItsLookAlikesAreListedUnchanged() throws Exception {
        Path file = dir.resolve("parley.db");
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = old.createStatement()) {
            sql.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            for (String statement : SchemaV1.STATEMENTS) {
                sql.execute(statement);
            }
            sql.execute("INSERT INTO schema_version VALUES (1, 0)");
            sql.execute("INSERT INTO accounts (canonical, name, created_at) VALUES ('alice', 'alice', 0),"
                    + " ('aiice', 'aIice', 0), ('张伟', '张伟', 0)");
            sql.execute("INSERT INTO rooms (canonical, name, topic, visibility, owner, created_at) VALUES"
                    + " ('lobby', 'Lobby', '', 'PUBLIC', '', 0), ('lobby\u034F', 'Lobby\u034F', '', 'PUBLIC', '', 0)");
        }

        try (SqliteStore store = SqliteStore.open(file)) {
            assertThat(store.confusableAccounts()).containsExactly(List.of("aIice", "alice"));
            assertThat(store.confusableRooms()).containsExactly(List.of("Lobby", "Lobby\u034F"));
            assertThat(store.findAccount("aiice")).isPresent();
            assertThatThrownBy(() -> store.createAccount(account("a1ice"))).isInstanceOf(StoreException.Confusable.class);
        }
    }

    @Test
    void aNewAccountThatLooksLikeAnExistingOneIsRefusedAsConfusable() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("parley.db"))) {
            store.createAccount(account("alice"));

            assertThatThrownBy(() -> store.createAccount(account("aIice"))).isInstanceOf(StoreException.Confusable.class);
            assertThatThrownBy(() -> store.createAccount(account("\u0430\u04CF\u0456\u0441\u0435")))
                    .isInstanceOf(StoreException.Confusable.class);
            assertThatThrownBy(() -> store.createAccount(account("ALICE")))
                    .isInstanceOf(StoreException.Conflict.class).isNotInstanceOf(StoreException.Confusable.class);
            store.createAccount(account("alicia"));
            assertThat(store.confusableAccounts()).isEmpty();
        }
    }

    @Test
    void aNewRoomThatLooksLikeAnExistingOneIsRefusedAsConfusable() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("parley.db"))) {
            store.createRoom(room("Lobby"));

            assertThatThrownBy(() -> store.createRoom(room("L0bby"))).isInstanceOf(StoreException.Confusable.class);
            assertThatThrownBy(() -> store.createRoom(room("Lobby\u034F"))).isInstanceOf(StoreException.Confusable.class);
            assertThat(store.findRoom("l0bby")).isEmpty();
        }
    }

    @Test
    void anAccountWithAnInviteChecksTheInviteBeforeTheNameAndUsesItOnlyOnSuccess() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("parley.db"))) {
            store.createAccount(account("alice"));
            store.createInvite("good", "operator", 1_000L);

            assertThat(store.createAccountWithInvite(account("alice"), "bad", 10L)).isFalse();
            assertThat(store.createAccountWithInvite(account("bob"), "good", 2_000L)).as("expired").isFalse();
            assertThatThrownBy(() -> store.createAccountWithInvite(account("ALICE"), "good", 10L))
                    .isInstanceOf(StoreException.Conflict.class);
            assertThat(store.createAccountWithInvite(account("bob"), "good", 10L)).isTrue();
            assertThat(store.findAccount("bob")).isPresent();
            assertThat(store.createAccountWithInvite(account("carol"), "good", 10L)).as("used").isFalse();
            assertThat(store.findAccount("carol")).isEmpty();
        }
    }

    @Test
    void aLoginKeyCountsOnlyForItsEnabledAccount() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("parley.db"))) {
            store.createAccount(account("alice"));
            store.createAccount(account("bob"));
            store.addLoginKey("alice", KEY);

            assertThat(store.hasLoginKey("alice", KEY)).isTrue();
            assertThat(store.hasLoginKey("bob", KEY)).isFalse();
            assertThat(store.hasLoginKey("nobody", KEY)).isFalse();
            store.setDisabled("alice", true);
            assertThat(store.hasLoginKey("alice", KEY)).isFalse();
        }
    }
}
