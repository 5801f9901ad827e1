package org.parley.cli.chat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.protocol.chat.Conversation;

/**
 * The controller's wait for a message it sent. A message not confirmed within the wait (its answer
 * lost with the connection, the server slow, the device busy) is not a failure: the session sends
 * it again, once, when it can (docs/PROTOCOL.md 14.5). The user is told it is pending, and later
 * shown it as confirmed (a plaintext room's message by the room's copy from the server) or its
 * failure ({@code NOT_CONFIRMED}, or the server's refusal).
 */
final class PendingSends {
    private final ChatView view;
    private final Duration timeout;
    private final Consumer<Throwable> report;

    PendingSends(ChatView view, Duration timeout, Consumer<Throwable> report) {
        this.view = view;
        this.timeout = timeout;
        this.report = report;
    }

    /** The message {@code sent} to {@code to}, if it is confirmed within the wait; empty if it is pending. */
    <T> Optional<T> whenSent(CompletableFuture<T> sent, Conversation to) throws ExecutionException, InterruptedException {
        try {
            return Optional.of(sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException notYet) {
            view.sendPending(to);
            sent.whenComplete((done, failure) -> {
                if (failure != null) {
                    report.accept(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                } else if (done instanceof E2eMessage message) {
                    view.e2e(new E2eEvent.Message(message));
                } else if (done instanceof E2eRoomMessage message) {
                    view.room(new RoomEvent.Message(message));
                }
            });
            return Optional.empty();
        }
    }
}
