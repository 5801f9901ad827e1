package org.parley.client.e2ee;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.parley.client.Backoff;
import org.parley.client.RequestFailedException;
import org.parley.protocol.chat.ErrorCode;

/**
 * The end-to-end reads a send may need many of at once ({@code ListDevices}, {@code FetchBundles}:
 * one each per member a room's first message goes to), paced to the server's read limit: a read
 * answered {@code rate_limited} is asked again after a pause that doubles from 100 ms to 2 s, for
 * at most {@link #MAX_WAIT} in all, then the refusal stands (docs/E2EE.md §20.3). A refused read
 * changed nothing at the server (PROTOCOL.md 14.7), so asking again is safe. Never a tight loop:
 * the server's limit, not this client, sets the pace. Runs on the device's worker.
 */
final class PacedReads {
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    /** The pauses: the reconnect's doubling, from 100 ms up to 2 s. */
    private static final Backoff PAUSES = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    private PacedReads() {
    }

    /** The answer to {@code request}, asked again while the server answers {@code rate_limited}. */
    static <T> T await(Supplier<CompletableFuture<T>> request) throws Exception {
        return await(request, MAX_WAIT);
    }

    /** As {@link #await(Supplier)}, pausing at most {@code maxWait} in all. */
    static <T> T await(Supplier<CompletableFuture<T>> request, Duration maxWait) throws Exception {
        long waited = 0;
        for (int attempt = 0; ; attempt++) {
            long pause = PAUSES.delay(attempt).toMillis();
            try {
                return E2eDevice.await(request.get());
            } catch (RequestFailedException e) {
                if (e.code() != ErrorCode.RATE_LIMITED || waited + pause > maxWait.toMillis()) {
                    throw e;
                }
            }
            // A pause the server's limit asks for, not a wait for another thread.
            Thread.sleep(pause);
            waited += pause;
        }
    }
}
