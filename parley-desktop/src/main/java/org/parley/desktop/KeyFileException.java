package org.parley.desktop;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The chosen login key file cannot be used (missing, readable by others, not a Parley key); the message says which. */
final class KeyFileException extends RuntimeException {
    KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Key-file work that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} off the JavaFX thread; an {@link IOException} fails the future with a
     * {@link KeyFileException}, which {@link Dialogs#explain} shows with the file's problem.
     */
    static <T> CompletableFuture<T> async(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new CompletionException(new KeyFileException(e.getMessage(), e));
            }
        });
    }
}
