package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.PrekeyBundle;
import org.parley.protocol.chat.QueuedEnvelope;

/** {@link SqlE2e} on a real file: ids, atomic hand-outs, per-device queues, cascades, the v1 to v2 upgrade. */
class SqliteStoreE2eTest {
    private static final StoredPrekey SIGNED = prekey(PrekeyKind.SIGNED_X25519, 1);
    private static final StoredPrekey LAST_RESORT = prekey(PrekeyKind.LAST_RESORT_KEM, 1);

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

    private static StoredPrekey prekey(PrekeyKind kind, long keyId) {
        return new StoredPrekey(kind, keyId, Bytes.fromHex(String.format("%02x%08x", kind.code(), keyId)));
    }

    private long add(String account, int key) throws StoreException {
        Bytes identity = Bytes.fromHex(String.format("%02x", key).repeat(64));
        return store.e2e().addDevice(account, identity, identity.slice(0, 32), "d" + key, 5, SIGNED, LAST_RESORT);
    }

    @Test
    void deviceIdsStartAtOneAndAreNeverReusedEvenAfterAReopen() throws Exception {
        long first = add("alice", 1);
        long second = add("alice", 2);
        store.e2e().removeDevice("alice", second);
        store.close();
        store = SqliteStore.open(dir.resolve("parley.db"));

        long third = add("alice", 3);

        assertThat(List.of(first, second, third)).containsExactly(1L, 2L, 3L);
        assertThat(add("bob", 4)).isEqualTo(1);
        assertThat(store.e2e().devices("alice")).extracting(DeviceInfo::deviceId).containsExactly(1L, 3L);
    }

    @Test
    void bundlesHandOutTheLowestOneTimeKeysOnceThenTheLastResortKey() throws Exception {
        long device = add("bob", 1);
        store.e2e().storePrekeys("bob", device, Optional.empty(), List.of(prekey(PrekeyKind.ONE_TIME_X25519, 9),
                prekey(PrekeyKind.ONE_TIME_X25519, 3), prekey(PrekeyKind.ONE_TIME_KEM, 7)), Optional.empty());

        PrekeyBundle first = store.e2e().takeBundles("bob").getFirst();
        PrekeyBundle second = store.e2e().takeBundles("bob").getFirst();

        assertThat(first.oneTimePrekey()).contains(prekey(PrekeyKind.ONE_TIME_X25519, 3).record());
        assertThat(first.kemPrekey()).isEqualTo(prekey(PrekeyKind.ONE_TIME_KEM, 7).record());
        assertThat(second.oneTimePrekey()).contains(prekey(PrekeyKind.ONE_TIME_X25519, 9).record());
        assertThat(second.kemPrekey()).isEqualTo(LAST_RESORT.record());
        assertThat(store.e2e().pools("bob", device)).isEqualTo(new PrekeyPools(0, 0));
    }

    @Test
    void anUploadReplacesTheSignedAndLastResortKeys() throws Exception {
        long device = add("bob", 1);
        StoredPrekey newSigned = prekey(PrekeyKind.SIGNED_X25519, 2);

        store.e2e().storePrekeys("bob", device, Optional.of(newSigned), List.of(), Optional.empty());

        PrekeyBundle bundle = store.e2e().takeBundles("bob").getFirst();
        assertThat(bundle.signedPrekey()).isEqualTo(newSigned.record());
        assertThat(bundle.kemPrekey()).isEqualTo(LAST_RESORT.record());
    }

    @Test
    void aQueueIsReadAndAcknowledgedOnlyByItsOwnDeviceAndGoesWithIt() throws Exception {
        long a = add("bob", 1);
        long b = add("bob", 2);
        add("alice", 3);
        List<Long> ids = store.e2e().enqueue("alice", 1, "alice", "bob", List.of(
                new NewEnvelope("bob", a, Bytes.fromHex("0a")), new NewEnvelope("bob", b, Bytes.fromHex("0b"))), 9);

        int wrongDevice = store.e2e().acknowledge("bob", a, List.of(ids.get(1)));
        List<QueuedEnvelope> queueOfA = store.e2e().queued("bob", a, 0, 10);
        store.e2e().removeDevice("bob", b);

        assertThat(ids.get(1)).isGreaterThan(ids.get(0));
        assertThat(wrongDevice).isZero();
        assertThat(queueOfA).singleElement().isEqualTo(new QueuedEnvelope(ids.get(0), "alice", 1, 9, Bytes.fromHex("0a")));
        assertThat(store.e2e().queueLength("bob", b)).isZero();
        assertThat(store.e2e().acknowledge("bob", a, ids)).isEqualTo(1);
        assertThat(store.e2e().contactsOf("bob")).containsExactly("alice");
    }

    @Test
    void anEnvelopeForAMissingDeviceFailsTheWholeSend() throws Exception {
        long a = add("bob", 1);

        assertThatThrownBy(() -> store.e2e().enqueue("alice", 1, "alice", "bob", List.of(
                new NewEnvelope("bob", a, Bytes.fromHex("0a")), new NewEnvelope("bob", 99, Bytes.fromHex("0b"))), 9))
                .isInstanceOf(StoreException.class);

        assertThat(store.e2e().queueLength("bob", a)).isZero();
    }

    @Test
    void aSendQueuedAfterAFailedOneGetsTheNextIdsAndItsContactsOnTheStatementsKeptPrepared() throws Exception {
        long a = add("bob", 1);
        List<Long> first = store.e2e().enqueue("alice", 1, "alice", "bob",
                List.of(new NewEnvelope("bob", a, Bytes.fromHex("0a"))), 9);
        assertThatThrownBy(() -> store.e2e().enqueue("alice", 1, "alice", "bob", List.of(
                new NewEnvelope("bob", a, Bytes.fromHex("0b")), new NewEnvelope("bob", 99, Bytes.fromHex("0c"))), 9))
                .isInstanceOf(StoreException.class);

        List<Long> next = store.e2e().enqueue("bob", a, "bob", "alice",
                List.of(new NewEnvelope("bob", a, Bytes.fromHex("0d")), new NewEnvelope("bob", a, Bytes.fromHex("0e"))), 10);

        assertThat(next).hasSize(2).allMatch(id -> id > first.getFirst());
        assertThat(next.get(1)).isEqualTo(next.get(0) + 1);
        assertThat(store.e2e().queued("bob", a, 0, 10)).extracting(QueuedEnvelope::id, QueuedEnvelope::envelope)
                .containsExactly(tuple(first.getFirst(), Bytes.fromHex("0a")), tuple(next.get(0), Bytes.fromHex("0d")),
                        tuple(next.get(1), Bytes.fromHex("0e")));
        assertThat(store.e2e().contactsOf("alice")).containsExactly("bob");
    }

    @Test
    void aVersionOneDatabaseIsUpgradedWithItsDataKept() throws Exception {
        store.close();
        Path old = dir.resolve("old.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
            for (String sql : SchemaV1.STATEMENTS) {
                statement.execute(sql);
            }
            statement.execute("INSERT INTO schema_version VALUES (1, 0)");
            statement.execute("INSERT INTO accounts (canonical, name, created_at) VALUES ('carol', 'Carol', 0)");
        }

        store = SqliteStore.open(old);

        assertThat(store.findAccount("carol")).isPresent();
        assertThat(add("carol", 1)).isEqualTo(1);
    }
}
