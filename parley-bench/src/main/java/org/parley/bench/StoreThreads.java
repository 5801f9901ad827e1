package org.parley.bench;

import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.SendId;
import org.parley.server.store.SendMark;

/** What {@link StoreCpuMain} and {@link EnvelopeStoreCpuMain} share: the store threads' CPU, and a send made once. */
final class StoreThreads {
    private StoreThreads() {
    }

    /** The CPU time of the store's writer and log-sync threads ({@code parley-sqlite-*}) so far. */
    static long cpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            if (info != null && info.getThreadName().startsWith("parley-sqlite-")) {
                total += Math.max(0, threads.getThreadCpuTime(id));
            }
        }
        return total;
    }

    /** A send of {@code account} made once, with a random send id and digest. */
    static SendMark randomMark(String account, SecureRandom random) {
        byte[] id = new byte[SendId.LENGTH];
        random.nextBytes(id);
        byte[] digest = new byte[SendMark.DIGEST_LENGTH];
        random.nextBytes(digest);
        return new SendMark(account, new SendId(Bytes.wrapOwned(id)), Bytes.wrapOwned(digest));
    }
}
