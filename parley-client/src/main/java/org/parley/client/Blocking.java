package org.parley.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Thin blocking wrappers for callers without an event loop of their own (scripts, the terminal
 * client's command thread): waits for a {@link ParleyClient} future and rethrows its failure as
 * the typed {@link ClientException} it was, instead of an {@link ExecutionException}.
 *
 * <p>Never call from a {@link ClientListener} callback: answers complete on the listener thread,
 * so waiting there would wait forever (bounded here by the timeout).
 */
public final class Blocking {
    private Blocking() {
    }

    /**
     * The future's value.
     *
     * @throws ClientException the failure the future completed with
     * @throws TimeoutException if it did not complete within {@code timeout}
     * @throws IllegalStateException or IllegalArgumentException as the future failed with them
     */
    public static <T> T await(CompletableFuture<T> future, Duration timeout)
            throws ClientException, TimeoutException, InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static ClientException rethrow(Throwable cause) throws TimeoutException {
        return switch (cause) {
            case ClientException client -> client;
            case TimeoutException timeout -> throw timeout;
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> new ConnectionFailedException("unexpected failure: " + cause, cause);
        };
    }
}
