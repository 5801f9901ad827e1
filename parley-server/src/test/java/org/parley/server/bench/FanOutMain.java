package org.parley.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.parley.crypto.Bytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.ParleyServer;
import org.parley.server.RegistrationPolicy;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;
import org.parley.server.chat.RequestRate;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreSeed;
import org.parley.server.testing.TestClient;

/**
 * A measurement, not a test (issue 13): room fan-out and durable messages per second against a
 * real server on loopback, in this JVM, with real clients ({@link TestClient}, one reader thread
 * each). Server CPU is the CPU time of the server's own threads ({@code parley-*}), so the
 * clients' share of the machine is not counted in the cost per delivery.
 *
 * <p>Modes: {@code fanout MEMBERS SENDERS RATE[,RATE...] SECONDS BYTES} offers RATE room messages a
 * second (open loop, spread over SENDERS) to one room of MEMBERS online members and reports,
 * for each rate: sent, accepted, refused, delivered per second, the delivered share, p50/p99
 * delivery latency (sent to received), and server CPU per delivery. {@code durable
 * SENDERS[,SENDERS...] SECONDS} runs closed-loop senders, each in its own room with one message
 * outstanding, and reports acknowledged (committed) messages per second.
 */
public final class FanOutMain {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int LATENCY_BUCKETS = 100_000;

    private FanOutMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "fanout";
        if (mode.equals("durable")) {
            String[] counts = (args.length > 1 ? args[1] : "1,16,64").split(",");
            int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
            for (String count : counts) {
                durable(Integer.parseInt(count), seconds);
            }
        } else {
            int members = args.length > 1 ? Integer.parseInt(args[1]) : 100;
            int senders = args.length > 2 ? Integer.parseInt(args[2]) : 10;
            String[] rates = (args.length > 3 ? args[3] : "500,1000,2000").split(",");
            int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
            int bytes = args.length > 5 ? Integer.parseInt(args[5]) : 100;
            try (Bench bench = Bench.start(members, 1)) {
                for (String rate : rates) {
                    fanout(bench, senders, Integer.parseInt(rate), seconds, bytes);
                }
            }
        }
        System.exit(0);
    }

    private static void fanout(Bench bench, int senders, int rate, int seconds, int bytes) throws Exception {
        AtomicLongArray latency = new AtomicLongArray(LATENCY_BUCKETS);
        AtomicLong delivered = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        for (TestClient client : bench.clients) {
            client.listen(event -> {
                switch (event) {
                    case ChatEvent.RoomMessage m when !m.history() -> {
                        long sent = Long.parseLong(new String(m.message().body().toByteArray(), 0, 19, StandardCharsets.US_ASCII).strip());
                        long micros = (System.nanoTime() - sent) / 1_000;
                        latency.incrementAndGet((int) Math.min(LATENCY_BUCKETS - 1, micros / 10));
                        delivered.incrementAndGet();
                    }
                    case ChatEvent.Accepted a -> accepted.incrementAndGet();
                    case ChatEvent.Rejected r -> refused.incrementAndGet();
                    default -> { }
                }
            }, false);
        }
        String padding = "x".repeat(Math.max(0, bytes - 20));
        long cpuBefore = serverCpuNanos();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        for (int s = 0; s < senders; s++) {
            TestClient sender = bench.clients.get(s);
            long period = TimeUnit.SECONDS.toNanos(1) * senders / rate;
            threads.add(Thread.ofPlatform().start(() -> {
                long next = System.nanoTime();
                while (next < end) {
                    long now = System.nanoTime();
                    if (now < next) {
                        LockSupport.parkNanos(next - now);
                        continue;
                    }
                    String text = "%19d %s".formatted(System.nanoTime(), padding);
                    try {
                        sender.request(id -> new ChatRequest.SendRoomMessage(id, "room0", ContentType.TEXT, Bytes.utf8(text)));
                    } catch (java.io.IOException e) {
                        return;
                    }
                    sent.incrementAndGet();
                    next += period;
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long sendEnd = System.nanoTime();
        long expectedPerMessage = bench.clients.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = -1;
        while (System.nanoTime() < deadline && delivered.get() != last) {
            last = delivered.get();
            Thread.sleep(500); // a measurement program, not a test: wait for the tail to arrive
        }
        long cpu = serverCpuNanos() - cpuBefore;
        double elapsed = (sendEnd - start) / 1e9;
        long d = delivered.get();
        System.out.printf(Locale.ROOT, "fanout members=%d senders=%d bytes=%d offered=%d/s: sent=%.0f/s accepted=%.0f/s refused=%d"
                        + " delivered=%.0f/s (%.1f%% of accepted x members) msgs=%.0f/s p50=%.1fms p99=%.1fms server-cpu/delivery=%.2fus"
                        + " server-cpu=%.2f cores%n",
                bench.clients.size(), senders, bytes, rate, sent.get() / elapsed, accepted.get() / elapsed, refused.get(),
                d / elapsed, 100.0 * d / Math.max(1, accepted.get() * expectedPerMessage), d / elapsed / expectedPerMessage,
                quantile(latency, d, 0.50), quantile(latency, d, 0.99), cpu / 1e3 / Math.max(1, d),
                cpu / 1e9 / ((System.nanoTime() - start) / 1e9));
        for (TestClient client : bench.clients) {
            client.listen(event -> { }, false);
        }
    }

    private static void durable(int senders, int seconds) throws Exception {
        try (Bench bench = Bench.start(senders, senders)) {
            AtomicLong acked = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long cpuBefore = serverCpuNanos();
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                TestClient sender = bench.clients.get(s);
                String room = "room" + s;
                java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(1);
                sender.listen(event -> {
                    if (event instanceof ChatEvent.Accepted || event instanceof ChatEvent.Rejected) {
                        if (event instanceof ChatEvent.Accepted && System.nanoTime() < end) {
                            acked.incrementAndGet();
                        }
                        window.release();
                    }
                }, false);
                threads.add(Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < end) {
                        window.acquireUninterruptibly();
                        try {
                            sender.request(id -> new ChatRequest.SendRoomMessage(id, room, ContentType.TEXT, Bytes.utf8("durable")));
                        } catch (java.io.IOException e) {
                            return;
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "durable senders=%d: acknowledged=%.0f msgs/s server-cpu=%.2f cores%n", senders,
                    acked.get() / elapsed, (serverCpuNanos() - cpuBefore) / 1e9 / elapsed);
        }
    }

    private static double quantile(AtomicLongArray buckets, long total, double q) {
        long target = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < LATENCY_BUCKETS; i++) {
            seen += buckets.get(i);
            if (seen >= target && target > 0) {
                return i / 100.0;
            }
        }
        return Double.NaN;
    }

    /** CPU time of every live server thread (named parley-*). */
    private static long serverCpuNanos() {
        long total = 0;
        for (ThreadInfo info : CPU.getThreadInfo(CPU.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("parley-")) {
                long t = CPU.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, t);
            }
        }
        return total;
    }

    /** A server with {@code members} logged-in accounts in {@code rooms} rooms (member i in room i % rooms). */
    private record Bench(ParleyServer server, List<TestClient> clients, Path directory) implements AutoCloseable {
        static Bench start(int members, int rooms) throws Exception {
            Path directory = Files.createTempDirectory("parley-fanout");
            SigningKey key = SignatureComponent.ED25519.algorithm().create().generate(new SecureRandom());
            List<String> names = new ArrayList<>();
            try (SqliteStore store = SqliteStore.open(directory.resolve("parley.db"))) {
                for (int r = 0; r < rooms; r++) {
                    StoreSeed.rooms(store, List.of("room" + r), RoomVisibility.PUBLIC, "");
                }
                for (int i = 0; i < members; i++) {
                    String user = "m%05d".formatted(i);
                    names.add(user);
                    store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
                    store.addLoginKey(user, new RegisteredPublicKey(SignatureComponent.ED25519, key.publicKey()));
                    store.putMember("room" + (i % rooms), user, Role.MEMBER);
                }
            }
            RequestRate unlimited = new RequestRate(1_000_000, 1_000_000);
            ServerLimits limits = ServerLimits.defaults().withChatRates(unlimited, unlimited)
                    .withMaxConnectionsPerIp(100_000).withLoginAttempts(1_000_000, 1_000_000)
                    .withHandshakeRates(unlimited, unlimited);
            ParleyServer server = ParleyServer.start(new ServerSettings(new InetSocketAddress("127.0.0.1", 0), directory,
                    Preset.MODERN, RegistrationPolicy.CLOSED, false, limits));
            List<TestClient> clients = new ArrayList<>();
            for (String user : names) {
                TestClient client = TestClient.connect(server.address());
                client.loginWithKey(user, key);
                clients.add(client);
            }
            return new Bench(server, clients, directory);
        }

        @Override
        public void close() throws Exception {
            for (TestClient client : clients) {
                client.close();
            }
            server.close();
        }
    }
}
