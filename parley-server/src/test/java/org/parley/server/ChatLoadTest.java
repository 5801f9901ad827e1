package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.chat.RequestRate;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreSeed;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * Issue 11 §1 as a load test on loopback against a real server: 3,000+ accounts and 2,000 rooms,
 * 20 hostile accounts asking for the room list, the Lobby's member list and the Lobby itself as
 * fast as their read limit lets them (and, in a second run, with the limit raised so that every
 * listing is served), while a probe user sends messages at a steady 50 a second
 * and measures each acknowledgement (sent until Accepted, which comes after the commit).
 *
 * <p>The latencies are measurements, printed and recorded in docs/OPERATIONS.md ("Chat under hostile
 * load"), never asserted: a test that asserts wall-clock times fails on a loaded machine and proves
 * nothing on a quiet one. What is asserted cannot depend on the machine: every one of the probe's
 * messages is acknowledged (before the fix, none of the 1,000 measured ones was, within the 120 s
 * the probe waits: the single chat worker was busy with listings and answered {@code server_busy}),
 * the hostiles got full-size lists and were held at their limit, and no connection was dropped. That
 * no request costs work proportional to the whole server is {@code ChatServiceCostTest}'s, counted
 * in store calls. A third run without hostile requests gives the machine's own baseline, since a
 * shared 2-core machine adds stalls of its own.
 */
class ChatLoadTest {
    private static final int FILLER_ACCOUNTS = 3_000;
    private static final int HOSTILES = 20;
    private static final int ROOMS_PER_HOSTILE = 100;
    private static final int WARM_UP = 200;
    private static final int MEASURED = 1_000;
    private static final long PROBE_PERIOD_MILLIS = 20;
    /** Faster than the default read refill (10 a second), so the hostiles sit at their limit. */
    private static final long HOSTILE_PERIOD_MILLIS = 80;

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyProbeMessageIsAcknowledgedWhileHostileAccountsHammerListingsAtTheirReadLimit() throws Exception {
        Result result = run("default read limit", ServerLimits.DEFAULT_CHAT_READ_RATE, true);

        assertThat(result.rateLimited()).as("the hostiles were held at their limit").isPositive();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyProbeMessageIsAcknowledgedEvenWhenEveryHostileListingIsAnswered() throws Exception {
        // The read limit raised far above the hostiles' rate: 250 full listings a second are served.
        Result result = run("read limit raised", new RequestRate(1_000, 1_000), true);

        assertThat(result.rateLimited()).isZero();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theSameProbeWithoutHostileLoadGivesTheBaselineOfThisMachine() throws Exception {
        // The same server, data and logged-in accounts, nobody hammering: what the machine itself adds.
        Result result = run("baseline, no hostile requests", ServerLimits.DEFAULT_CHAT_READ_RATE, false);

        assertThat(result.rateLimited()).isZero();
    }

    private Result run(String label, RequestRate hostileReadRate, boolean attack) throws Exception {
        SigningKey key = SignatureComponent.ED25519.algorithm().create().generate(new SecureRandom());
        List<String> hostiles = IntStream.range(0, HOSTILES).mapToObj(i -> "host%02d".formatted(i)).toList();
        seed(key, hostiles);
        fixture.start(ServerLimits.defaults()
                .withChatRates(new RequestRate(1_000, 1_000), hostileReadRate)
                .withLoginAttempts(5, 1_000).withMaxConnectionsPerIp(64));

        Map<Class<?>, AtomicLong> hostileAnswers = new ConcurrentHashMap<>();
        AtomicLong rateLimited = new AtomicLong();
        AtomicLong largestList = new AtomicLong();
        List<TestClient> attackers = new ArrayList<>();
        for (String hostile : hostiles) {
            TestClient client = loggedIn(hostile, key);
            client.listen(event -> {
                hostileAnswers.computeIfAbsent(event.getClass(), c -> new AtomicLong()).incrementAndGet();
                switch (event) {
                    case ChatEvent.RoomList list -> largestList.accumulateAndGet(list.rooms().size(), Math::max);
                    case ChatEvent.Rejected r when r.code() == ErrorCode.RATE_LIMITED -> rateLimited.incrementAndGet();
                    default -> { }
                }
            }, false);
            attackers.add(client);
        }
        TestClient probe = loggedIn("probe", key);
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        probe.listen(event -> {
            if (event instanceof ChatEvent.Accepted accepted) {
                long arrived = System.nanoTime();
                Long sent = sentAt.remove(accepted.requestId());
                if (sent != null) {
                    latencies.add(arrived - sent);
                }
            }
        }, false);

        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        try {
            List<LongFunction<ChatRequest>> cycle = List.of(id -> new ChatRequest.ListRooms(id),
                    id -> new ChatRequest.ListMembers(id, Optional.of("lobby")), id -> new ChatRequest.JoinRoom(id, "lobby"));
            AtomicLong turn = new AtomicLong();
            for (TestClient attacker : attack ? attackers : List.<TestClient>of()) {
                load.scheduleAtFixedRate(() -> send(attacker, cycle.get((int) (turn.getAndIncrement() % cycle.size()))),
                        0, HOSTILE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            }
            runProbe(probe, sentAt, latencies, WARM_UP);
            latencies.clear();
            runProbe(probe, sentAt, latencies, MEASURED);
        } finally {
            load.shutdownNow();
        }

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p50 = millis(sorted, 0.50);
        double p99 = millis(sorted, 0.99);
        double max = sorted.getLast() / 1e6;
        System.out.printf(Locale.ROOT, "ChatLoadTest (%s): %d accounts, %d rooms, %d hostile accounts; probe acks n=%d"
                        + " p50=%.1f ms p99=%.1f ms max=%.1f ms; hostile answers %s, rate_limited %d, largest room list %d%n",
                label, FILLER_ACCOUNTS + HOSTILES + 1, HOSTILES * ROOMS_PER_HOSTILE + 2, HOSTILES, sorted.size(), p50, p99, max,
                summary(hostileAnswers), rateLimited.get(), largestList.get());

        assertThat(sorted).as("every measured probe message acknowledged").hasSize(MEASURED);
        assertThat(largestList.get()).as("the hostiles got full 1,000-entry room lists").isEqualTo(attack ? 1_000 : 0);
        assertThat(attackers).noneMatch(TestClient::isClosed);
        return new Result(rateLimited.get());
    }

    /** What one run counted (its latencies are printed above, not asserted). */
    private record Result(long rateLimited) {
    }

    private void seed(SigningKey key, List<String> hostiles) throws Exception {
        try (SqliteStore store = SqliteStore.open(fixture.dataDirectory().resolve("parley.db"))) {
            List<String> fillers = IntStream.range(0, FILLER_ACCOUNTS).mapToObj(i -> "user%04d".formatted(i)).toList();
            StoreSeed.accounts(store, fillers);
            StoreSeed.rooms(store, List.of("lobby"), RoomVisibility.PUBLIC, "");
            StoreSeed.members(store, "lobby", fillers);
            for (String user : concat(hostiles, "probe")) {
                store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
                store.addLoginKey(user, new RegisteredPublicKey(SignatureComponent.ED25519, key.publicKey()));
                store.putMember("lobby", user, Role.MEMBER);
            }
            for (String hostile : hostiles) {
                StoreSeed.rooms(store, IntStream.range(0, ROOMS_PER_HOSTILE)
                        .mapToObj(i -> "%s-room%03d".formatted(hostile, i)).toList(), RoomVisibility.PUBLIC, hostile);
            }
            StoreSeed.rooms(store, List.of("probe-room"), RoomVisibility.PUBLIC, "probe");
        }
    }

    private TestClient loggedIn(String user, SigningKey key) throws Exception {
        TestClient client = fixture.connect();
        assertThat(client.loginWithKey(user, key)).isInstanceOf(AuthSucceeded.class);
        return client;
    }

    /** Sends {@code count} messages at a fixed rate (not waiting for answers) and waits for every acknowledgement. */
    private static void runProbe(TestClient probe, Map<Long, Long> sentAt, ConcurrentLinkedQueue<Long> latencies, int count)
            throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicLong sent = new AtomicLong();
        try {
            pacer.scheduleAtFixedRate(() -> {
                if (sent.getAndIncrement() < count) {
                    send(probe, id -> {
                        sentAt.put(id, System.nanoTime());
                        return new ChatRequest.SendRoomMessage(id, "probe-room", org.parley.protocol.chat.ContentType.TEXT,
                                org.parley.crypto.Bytes.utf8("probe " + id));
                    });
                }
            }, 0, PROBE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(120)).until(() -> latencies.size() >= count);
        } finally {
            pacer.shutdownNow();
        }
    }

    private static void send(TestClient client, LongFunction<ChatRequest> request) {
        try {
            client.request(request);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double millis(List<Long> sortedNanos, double quantile) {
        int index = (int) Math.ceil(quantile * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private static String summary(Map<Class<?>, AtomicLong> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((type, count) -> text.append(type.getSimpleName()).append('=').append(count.get()).append(' '));
        return text.toString().strip();
    }

    private static List<String> concat(List<String> names, String last) {
        List<String> all = new ArrayList<>(names);
        all.add(last);
        return all;
    }
}
