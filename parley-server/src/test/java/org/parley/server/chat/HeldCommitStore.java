package org.parley.server.chat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.store.MessageStore;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;

/**
 * A {@link MessageStore} whose group commits the test completes by hand: each
 * {@code appendRoomMessageLater} waits in {@link #held} until the test commits it (really stored)
 * or fails it; a commit may also be split as the group commit does it, shown first (committed,
 * not yet synced) and acknowledged or failed later. Everything else goes to the SQLite store.
 */
final class HeldCommitStore implements MessageStore {
    private final SqliteStore store;
    private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
    private volatile Thread lastAppendThread;
    private final ConcurrentLinkedQueue<Shown> shown = new ConcurrentLinkedQueue<>();

    HeldCommitStore(SqliteStore store) {
        this.store = store;
    }

    int waiting() {
        return held.size();
    }

    /** The thread that made the latest append, if any. */
    Thread lastAppendThread() {
        return lastAppendThread;
    }

    /** Stores the oldest waiting message, shows it and completes its future (commit and sync at once). */
    void commitNext() throws StoreException {
        showNext();
        acknowledgeShown();
    }

    /** Fails the oldest waiting message's future with {@code failure}, storing nothing. */
    void failNext(StoreException failure) {
        held.remove().result().completeExceptionally(failure);
    }

    /** Stores the oldest waiting message and tells its {@code whenVisible}, as a commit before the log sync does. */
    void showNext() throws StoreException {
        Held next = held.remove();
        StoredMessage stored = store.appendRoomMessage(next.room(), next.from(), next.type(), next.body(), next.nowMillis());
        next.whenVisible().accept(stored);
        shown.add(new Shown(stored, next.result()));
    }

    /** Completes the future of the oldest shown message: its log sync returned. */
    void acknowledgeShown() {
        Shown next = shown.remove();
        next.result().complete(next.stored());
    }

    /** Fails the future of the oldest shown message: its log sync failed. */
    void failShown(StoreException failure) {
        shown.remove().result().completeExceptionally(failure);
    }

    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type, Bytes body,
                                                                   long nowMillis) {
        return appendRoomMessageLater(room, from, type, body, nowMillis, stored -> { });
    }

    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type, Bytes body,
                                                                   long nowMillis, Consumer<StoredMessage> whenVisible) {
        Held entry = new Held(room, from, type, body, nowMillis, whenVisible, new CompletableFuture<>());
        lastAppendThread = Thread.currentThread();
        held.add(entry);
        return entry.result();
    }

    @Override
    public StoredMessage appendRoomMessage(String room, String from, ContentType type, Bytes body, long nowMillis)
            throws StoreException {
        return store.appendRoomMessage(room, from, type, body, nowMillis);
    }

    @Override
    public StoredMessage appendPrivateMessage(String from, String to, ContentType type, Bytes body, long nowMillis)
            throws StoreException {
        return store.appendPrivateMessage(from, to, type, body, nowMillis);
    }

    @Override
    public List<StoredMessage> roomHistory(String room, long beforeId, int limit) throws StoreException {
        return store.roomHistory(room, beforeId, limit);
    }

    @Override
    public List<StoredMessage> privateHistory(String userA, String userB, long beforeId, int limit) throws StoreException {
        return store.privateHistory(userA, userB, beforeId, limit);
    }

    @Override
    public List<PrivateEnvelope> undeliveredPrivate(String user, int limit) throws StoreException {
        return store.undeliveredPrivate(user, limit);
    }

    @Override
    public void markDelivered(String user, long messageId) throws StoreException {
        store.markDelivered(user, messageId);
    }

    private record Held(String room, String from, ContentType type, Bytes body, long nowMillis,
                        Consumer<StoredMessage> whenVisible, CompletableFuture<StoredMessage> result) {
    }

    private record Shown(StoredMessage stored, CompletableFuture<StoredMessage> result) {
    }
}
