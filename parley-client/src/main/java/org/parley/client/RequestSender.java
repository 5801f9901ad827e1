package org.parley.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;

/**
 * Sends a {@link ParleyClient}'s chat requests: a fresh request id from {@link PendingRequests}, the
 * request encoded and sent (or queued behind the unanswered ones), and its answer checked to be of
 * the expected type.
 */
final class RequestSender {
    private final ClientSession connection;
    private final PendingRequests pending;

    RequestSender(ClientSession connection, PendingRequests pending) {
        this.connection = connection;
        this.pending = pending;
    }

    /** A request answered by {@link ChatEvent.Accepted}; completes with nothing. */
    CompletableFuture<Void> accepted(LongFunction<ChatRequest> build) {
        return request(build, ChatEvent.Accepted.class).thenApply(accepted -> null);
    }

    /**
     * Sends the request {@code build} makes with its id; completes with the answer, which must be an
     * {@code answer}, or fails (before login, an invalid request, another answer type).
     */
    <T extends ChatEvent.Answer> CompletableFuture<T> request(LongFunction<ChatRequest> build, Class<T> answer) {
        if (!connection.isLoggedIn()) {
            return CompletableFuture.failedFuture(connection.isOpen()
                    ? new IllegalStateException("log in first")
                    : new ConnectionFailedException("not connected"));
        }
        PendingRequests.Registration registration = pending.register();
        Bytes encoded;
        ChatRequest request;
        try {
            request = build.apply(registration.requestId());
            encoded = ChatCodec.encode(request);
        } catch (IllegalArgumentException e) {
            pending.take(registration.requestId());
            return CompletableFuture.failedFuture(e);
        }
        // At most 64 unanswered, then queued in order (PendingRequests); a Ping (the keepalive) always goes at once.
        pending.send(registration.requestId(), encoded, request instanceof ChatRequest.Ping, connection::send);
        return registration.answer().thenApply(expect(answer, registration.requestId()));
    }

    private static <T extends ChatEvent.Answer> Function<ChatEvent.Answer, T> expect(Class<T> answer, long requestId) {
        return event -> {
            if (!answer.isInstance(event)) {
                throw new CompletionException(new ConnectionFailedException("the server answered request " + requestId
                        + " with " + event.getClass().getSimpleName() + " instead of " + answer.getSimpleName()));
            }
            return answer.cast(event);
        };
    }
}
