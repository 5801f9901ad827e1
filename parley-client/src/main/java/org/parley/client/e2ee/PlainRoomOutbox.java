package org.parley.client.e2ee;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.parley.client.SendNotConfirmedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plaintext-room sends of a device ({@link org.parley.client.ParleySession#sendRoomText}) in
 * its write-ahead outbox (docs/E2EE.md 20.1, 20.3): each is written before its request is, and
 * deleted durably once it has a definite outcome; the ones a start finds are handed out once
 * ({@link #takeRestored}) to be sent again with the same send id and text, their outcome reported
 * as {@link E2eEvent.RoomTextSettled}. Writes and deletes run in order on one thread of their own,
 * never on the caller's (a UI thread) or on a connection's event thread; nor on the device's
 * worker, which waits for the server's answers.
 *
 * <p><b>Security.</b> A text waiting for its answer sits in the owner-only device directory; once
 * answered its file is deleted, not wiped (docs/SECURITY.md). The server reads plaintext rooms anyway.
 */
public final class PlainRoomOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(PlainRoomOutbox.class);

    private final SendOutbox outbox;
    private final Consumer<E2eEvent> events;
    private final ExecutorService disk =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("parley-room-outbox").factory());
    private List<Kept> restored;

    /** A plaintext-room send on disk, by its file. */
    public record Kept(String file, PendingPlainSend send) {
    }

    PlainRoomOutbox(SendOutbox outbox, List<Kept> restored, Consumer<E2eEvent> events) {
        this.outbox = outbox;
        this.restored = List.copyOf(restored);
        this.events = events;
    }

    /** The sends the device's start found in its outbox, in first-try order; empty after the first call. */
    public synchronized List<Kept> takeRestored() {
        List<Kept> taken = restored;
        restored = List.of();
        return taken;
    }

    /**
     * On the outbox's thread, in call order: writes {@code send}, then runs {@code written} with
     * its file (still on that thread, so requests leave in the order their entries were written).
     * A room name or text over the file's bound is not written ({@code written} gets null: the
     * server refuses it anyway); a failed write runs {@code failed} and the message is not sent.
     */
    public void keep(PendingPlainSend send, Consumer<String> written, Consumer<Exception> failed) {
        try {
            disk.execute(() -> {
                String file;
                try {
                    file = outbox.keep(send);
                } catch (IllegalArgumentException e) {
                    file = null;
                } catch (IOException | RuntimeException e) {
                    LOG.warn("a room message was not written to the outbox, so not sent: {}", e.getClass().getSimpleName());
                    failed.accept(e);
                    return;
                }
                written.accept(file);
            });
        } catch (RejectedExecutionException e) {
            failed.accept(new org.parley.client.ConnectionFailedException("the session is closed"));
        }
    }

    /** The send of {@code file} has a definite outcome: its file is deleted durably, on the outbox's thread. */
    public void settled(String file) {
        try {
            disk.execute(() -> delete(file));
        } catch (RejectedExecutionException e) {
            delete(file); // after the close: rare, and better late than sent again at the next start
        }
    }

    private void delete(String file) {
        try {
            outbox.delete(file);
        } catch (IOException e) {
            LOG.warn("an outbox entry was not deleted: {} ({})", file, e.getClass().getSimpleName());
        }
    }

    /**
     * Reports how a restored send ended: stored under {@code id}, or {@code failure}; nothing when
     * the session closed before it was answered (it stays on disk for the start after).
     */
    public void report(PendingPlainSend send, Long id, Throwable failure) {
        if (failure == null) {
            events.accept(new E2eEvent.RoomTextSettled(send.room(), send.text(), id, SendOutcome.SENT, ""));
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof SendNotConfirmedException unconfirmed && unconfirmed.keptForNextStart()) {
            return;
        }
        events.accept(new E2eEvent.RoomTextSettled(send.room(), send.text(), 0, SendSettling.outcome(cause),
                SendSettling.detail(cause)));
    }

    /** Lets the writes and deletes already asked for finish; later ones run on the caller's thread or fail. */
    void close() {
        disk.shutdown();
    }

    /** Splits the entries a start read: the plaintext-room ones go to {@link #takeRestored}. */
    static List<Kept> plain(List<SendOutbox.Entry> entries) {
        List<Kept> plain = new ArrayList<>();
        for (SendOutbox.Entry entry : entries) {
            if (entry.send() instanceof PendingPlainSend send) {
                plain.add(new Kept(entry.file(), send));
            }
        }
        return plain;
    }
}
