package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.UserBundles;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.E2eStore;
import org.parley.server.store.PrekeyKind;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoredPrekey;

/**
 * What a batched directory read costs the server and the account (docs/PROTOCOL.md 14.7, 14.8):
 * one store transaction per batch, and read tokens in proportion to the entries of its answer, so
 * that no account gets more lookups than it is charged for. The server's clock does not move, so
 * no token comes back during a test.
 */
class DirectoryBatchCostTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path directory;
    private SqliteStore store;
    private final List<String> e2eCalls = new ArrayList<>();
    private ChatService chat;
    private final RecordingLink link = new RecordingLink();
    private ChatSession alice;

    @BeforeEach
    void seed() throws Exception {
        store = SqliteStore.open(directory.resolve("parley.db"));
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
        }
        for (int i = 1; i <= 2; i++) {
            addDevice("bob", i);
        }
        addDevice("carol", 3);
    }

    private void start(RequestRate readRate) throws Exception {
        chat = TestChatService.open(store, store, store, store, counting(store.e2e()), readRate, ServerMetrics.off(),
                DeliveryBatch.direct(), 0, 66_560);
        alice = new ChatSession(1, "alice", "alice", "127.0.0.1", link);
        chat.sessionStarted(alice);
    }

    @AfterEach
    void close() throws Exception {
        if (chat != null) {
            chat.close();
        }
        store.close();
    }

    private void addDevice(String account, int key) throws Exception {
        Bytes identity = Bytes.fromHex("%02x".formatted(key).repeat(64));
        long device = store.e2e().addDevice(account, identity, identity.slice(0, 32), "d" + key, 5,
                prekey(PrekeyKind.SIGNED_X25519, 1), prekey(PrekeyKind.LAST_RESORT_KEM, 1));
        store.e2e().storePrekeys(account, device, Optional.empty(), List.of(prekey(PrekeyKind.ONE_TIME_X25519, 7)),
                Optional.empty());
    }

    private static StoredPrekey prekey(PrekeyKind kind, long keyId) {
        return new StoredPrekey(kind, keyId, Bytes.fromHex("%02x%08x".formatted(kind.code(), keyId)));
    }

    /** The end-to-end store, recording the name of every call made to it. */
    private E2eStore counting(E2eStore real) {
        return (E2eStore) Proxy.newProxyInstance(E2eStore.class.getClassLoader(), new Class<?>[] {E2eStore.class},
                (proxy, method, args) -> {
                    synchronized (e2eCalls) {
                        e2eCalls.add(method.getName());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private List<String> calls() {
        synchronized (e2eCalls) {
            return List.copyOf(e2eCalls);
        }
    }

    private void ask(ChatRequest request) {
        chat.handle(alice, request);
        await().atMost(WAIT).until(() -> link.answered(request.requestId()));
    }

    @Test
    void aBundleBatchHandsOutEveryUsersBundlesInOneStoreCallAndOneTransaction() throws Exception {
        start(new RequestRate(1000, 1000));

        ask(new ChatRequest.FetchBundlesMany(1, List.of("carol", "nobody", "bob", "dave")));

        assertThat(calls()).as("the devices read for the answer's size, then one takeBundles: one write transaction"
                + " (E2eStore)").containsExactly("devices", "takeBundles");
        List<UserBundles> lists = link.events(ChatEvent.BundleLists.class).getFirst().lists();
        assertThat(lists).extracting(UserBundles::user).containsExactly("carol", "nobody", "bob", "dave");
        assertThat(lists).extracting(l -> l.bundles().map(List::size).orElse(-1)).containsExactly(1, -1, 2, 0);
        assertThat(lists.get(2).bundles().orElseThrow()).allSatisfy(b -> assertThat(b.oneTimePrekey()).isPresent());
    }

    @Test
    void aDeviceBatchReadsEveryUsersDevicesInOneStoreCall() throws Exception {
        start(new RequestRate(1000, 1000));

        ask(new ChatRequest.ListDevicesMany(1, List.of("bob", "nobody", "carol")));

        assertThat(calls()).containsExactly("devices");
        assertThat(link.events(ChatEvent.DeviceLists.class).getFirst().lists())
                .extracting(l -> l.devices().map(List::size).orElse(-1)).containsExactly(2, -1, 1);
    }

    @Test
    void twoNamesOfOneAccountAreRefusedAsMalformedAndHandOutNothing() throws Exception {
        start(new RequestRate(1000, 1000));

        ask(new ChatRequest.FetchBundlesMany(1, List.of("bob", "BOB")));

        assertThat(link.events(ChatEvent.Rejected.class)).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        assertThat(calls()).isEmpty();
    }

    @Test
    void aBatchOfUnknownNamesCostsATokenPerNameAsSingleListingsDoSoNoAccountLearnsFasterWhichNamesAreAccounts()
            throws Exception {
        // A burst of 20: each batch of 10 names of no account is 1 token when admitted and 10 after its
        // answer, so the third finds the bucket in debt: 20 names answered, as 20 ListDevices would be.
        // Charged one token per 10 such names, all three would pass, and 200 names a burst would.
        start(new RequestRate(20, 1));
        List<String> unknown = IntStream.range(0, 10).mapToObj(i -> "ghost" + i).toList();

        for (long id = 1; id <= 3; id++) {
            ask(new ChatRequest.ListDevicesMany(id, unknown));
        }

        assertThat(link.events(ChatEvent.DeviceLists.class)).hasSize(2)
                .allSatisfy(answer -> assertThat(answer.lists()).allSatisfy(l -> assertThat(l.devices()).isEmpty()));
        assertThat(link.events(ChatEvent.Rejected.class)).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }

    @Test
    void aBatchOfUsersWithoutDevicesCostsATokenPerTenUsersSoNoAccountLooksUpMoreThanItIsCharged() throws Exception {
        // A burst of 20: each batch of 100 accounts without a device is 1 token when admitted and 10
        // after its answer, so the third finds the bucket in debt. Charged by devices alone, all 20
        // would pass: 2,000 lookups.
        List<String> deviceless = IntStream.range(0, 100).mapToObj(i -> "quiet" + i).toList();
        for (String user : deviceless) {
            store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
        }
        start(new RequestRate(20, 1));

        for (long id = 1; id <= 3; id++) {
            ask(new ChatRequest.ListDevicesMany(id, deviceless));
        }

        assertThat(link.events(ChatEvent.DeviceLists.class)).hasSize(2)
                .allSatisfy(answer -> assertThat(answer.lists()).allSatisfy(l -> assertThat(l.devices()).hasValue(List.of())));
        assertThat(link.events(ChatEvent.Rejected.class)).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }

    @Test
    void aBatchIsChargedForTheDevicesItCarries() throws Exception {
        // A burst of 3: bob's 2 devices, carol's 1, dave (found, no device) 1 and a name of no account
        // 10 are 14 entries, 1 token more after the answer, so the third request finds the bucket empty.
        start(new RequestRate(3, 1));
        List<String> users = List.of("bob", "carol", "ghost0", "dave");

        ask(new ChatRequest.ListDevicesMany(1, users));
        ask(new ChatRequest.ListDevicesMany(2, List.of("bob")));
        ask(new ChatRequest.ListDevicesMany(3, List.of("bob")));

        assertThat(link.events(ChatEvent.DeviceLists.class)).extracting(ChatEvent.DeviceLists::requestId)
                .containsExactly(1L, 2L);
        assertThat(link.events(ChatEvent.Rejected.class)).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }
}
