package org.parley.client.e2ee;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
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
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 2_000;

    private PacedReads() {
    }

    /** The answer to {@code request}, asked again while the server answers {@code rate_limited}. */
    static <T> T await(Supplier<CompletableFuture<T>> request) throws Exception {
        return await(request, MAX_WAIT);
    }

    /** As {@link #await(Supplier)}, pausing at most {@code maxWait} in all. */
    static <T> T await(Supplier<CompletableFuture<T>> request, Duration maxWait) throws Exception {
        long waited = 0;
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                return E2eDevice.await(request.get());
            } catch (RequestFailedException e) {
                if (e.code() != ErrorCode.RATE_LIMITED || waited + pause > maxWait.toMillis()) {
                    throw e;
                }
            }
            Thread.sleep(pause);
            waited += pause;
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }
}
