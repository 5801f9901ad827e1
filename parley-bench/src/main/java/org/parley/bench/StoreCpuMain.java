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
import java.util.concurrent.CompletableFuture;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.store.SendMark;
import org.parley.server.store.SqliteStore;

/**
 * What a room message costs the store's threads, plain and sent once (docs/PROTOCOL.md 14.5: a
 * send id row in the message's transaction), alternated in one JVM on one database: the CPU time
 * of the writer and log-sync threads per message, for group commits of 1, 16 and 64 messages
 * (that many appended back to back, the send ids made beforehand, then all awaited; the writer may
 * start a commit before the last is queued, alike for both kinds). Thread CPU time, unlike a rate, does not count the time
 * other jobs on a shared machine take the core away. 8 rounds per size, the first 3 discarded as
 * warm-up. A measurement, not a test.
 *
 * <pre>source bench/classpath.sh &amp;&amp; java -cp "$BENCH_CP" org.parley.bench.StoreCpuMain</pre>
 */
public final class StoreCpuMain {
    private static final int ROUNDS = 8;
    private static final int WARM_UP_ROUNDS = 3;
    private static final int MESSAGES_PER_ROUND = 4_096;
    private static final Bytes BODY = Bytes.wrapOwned(new byte[100]);

    private StoreCpuMain() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SecureRandom random = new SecureRandom();
        Path directory = Files.createTempDirectory("parley-store-cpu");
        try (SqliteStore store = SqliteStore.open(directory.resolve("parley.db"))) {
            System.out.println(Machine.describe());
            for (int batch : new int[] {1, 16, 64}) {
                StringBuilder plain = new StringBuilder();
                StringBuilder once = new StringBuilder();
                for (int round = 0; round < ROUNDS; round++) {
                    double plainMicros = microsPerMessage(threads, store, batch, false, random);
                    double onceMicros = microsPerMessage(threads, store, batch, true, random);
                    if (round >= WARM_UP_ROUNDS) {
                        plain.append(String.format(Locale.ROOT, " %.1f", plainMicros));
                        once.append(String.format(Locale.ROOT, " %.1f", onceMicros));
                    }
                }
                System.out.printf(Locale.ROOT, "%2d per commit, µs of store CPU per message, plain:%s%n", batch, plain);
                System.out.printf(Locale.ROOT, "%2d per commit, µs of store CPU per message, once: %s%n", batch, once);
            }
        }
    }

    private static double microsPerMessage(ThreadMXBean threads, SqliteStore store, int batch, boolean sentOnce,
            SecureRandom random) throws Exception {
        long before = StoreThreads.cpuNanos(threads);
        for (int sent = 0; sent < MESSAGES_PER_ROUND; sent += batch) {
            // The marks first: made between the appends, they slowed the once rounds' appends, so the writer
            // took fewer messages per commit than in the plain rounds and the once figure counted commits too.
            List<Optional<SendMark>> marks = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                marks.add(sentOnce ? Optional.of(StoreThreads.randomMark("alice", random)) : Optional.empty());
            }
            List<CompletableFuture<StoredMessage>> commits = new ArrayList<>(batch);
            for (Optional<SendMark> mark : marks) {
                commits.add(store.appendRoomMessageLater("lobby", "alice", ContentType.TEXT, BODY,
                        System.currentTimeMillis(), mark, stored -> { }));
            }
            CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).join();
        }
        return (StoreThreads.cpuNanos(threads) - before) / 1_000.0 / MESSAGES_PER_ROUND;
    }
}
