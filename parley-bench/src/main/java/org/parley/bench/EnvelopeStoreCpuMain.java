package org.parley.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.NewEnvelope;
import org.parley.server.store.PrekeyKind;
import org.parley.server.store.SendMark;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoredPrekey;

/**
 * What queueing one end-to-end private send costs the store's threads (docs/E2EE.md 20.3 step 4,
 * `SendEnvelopes`): alice sends to bob's two devices and her own second device, three envelopes of
 * 300 bytes in one transaction, plain and sent once alternated in one JVM on one database; the CPU
 * time of the writer and log-sync threads per send. Each send is its own transaction (and fsync),
 * as the server makes it. Thread CPU time, unlike a rate, does not count the time other jobs on a
 * shared machine take the core away. 8 rounds, the first 3 discarded as warm-up. A measurement,
 * not a test.
 *
 * <pre>source bench/classpath.sh &amp;&amp; java -cp "$BENCH_CP" org.parley.bench.EnvelopeStoreCpuMain</pre>
 */
public final class EnvelopeStoreCpuMain {
    private static final int ROUNDS = 8;
    private static final int WARM_UP_ROUNDS = 3;
    private static final int SENDS_PER_ROUND = 1_000;
    private static final Bytes ENVELOPE = Bytes.wrapOwned(new byte[300]);

    private EnvelopeStoreCpuMain() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SecureRandom random = new SecureRandom();
        Path directory = Files.createTempDirectory("parley-envelope-cpu");
        try (SqliteStore store = SqliteStore.open(directory.resolve("parley.db"))) {
            System.out.println(Machine.describe());
            for (String user : List.of("alice", "bob")) {
                store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
            }
            long alice1 = device(store, "alice", 1);
            long alice2 = device(store, "alice", 2);
            List<NewEnvelope> envelopes = List.of(new NewEnvelope("bob", device(store, "bob", 3), ENVELOPE),
                    new NewEnvelope("bob", device(store, "bob", 4), ENVELOPE), new NewEnvelope("alice", alice2, ENVELOPE));
            StringBuilder plain = new StringBuilder();
            StringBuilder once = new StringBuilder();
            for (int round = 0; round < ROUNDS; round++) {
                double plainMicros = microsPerSend(threads, store, alice1, envelopes, false, random);
                double onceMicros = microsPerSend(threads, store, alice1, envelopes, true, random);
                if (round >= WARM_UP_ROUNDS) {
                    plain.append(String.format(Locale.ROOT, " %.1f", plainMicros));
                    once.append(String.format(Locale.ROOT, " %.1f", onceMicros));
                }
            }
            System.out.printf(Locale.ROOT, "3 envelopes per send, µs of store CPU per send, plain:%s%n", plain);
            System.out.printf(Locale.ROOT, "3 envelopes per send, µs of store CPU per send, once: %s%n", once);
        }
    }

    private static long device(SqliteStore store, String account, int key) throws Exception {
        Bytes identity = Bytes.fromHex(String.format("%02x", key).repeat(64));
        return store.e2e().addDevice(account, identity, identity.slice(0, 32), "d" + key, 5,
                prekey(PrekeyKind.SIGNED_X25519), prekey(PrekeyKind.LAST_RESORT_KEM));
    }

    private static StoredPrekey prekey(PrekeyKind kind) {
        return new StoredPrekey(kind, 1, Bytes.fromHex(String.format("%02x%08x", kind.code(), 1)));
    }

    private static double microsPerSend(ThreadMXBean threads, SqliteStore store, long senderDevice,
            List<NewEnvelope> envelopes, boolean sentOnce, SecureRandom random) throws Exception {
        // The marks first, so that making them does not slow the sends measured.
        List<Optional<SendMark>> marks = new ArrayList<>(SENDS_PER_ROUND);
        for (int i = 0; i < SENDS_PER_ROUND; i++) {
            marks.add(sentOnce ? Optional.of(StoreThreads.randomMark("alice", random)) : Optional.empty());
        }
        long before = StoreThreads.cpuNanos(threads);
        for (Optional<SendMark> mark : marks) {
            store.e2e().enqueue("alice", senderDevice, "alice", "bob", envelopes, System.currentTimeMillis(), mark);
        }
        return (StoreThreads.cpuNanos(threads) - before) / 1_000.0 / SENDS_PER_ROUND;
    }
}
