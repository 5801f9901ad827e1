package org.parley.server.chat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.store.MessageStore;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;

/**
 * A {@link MessageStore} whose group commits the test completes by hand: each
 * {@code appendRoomMessageLater} waits in {@link #held} until the test commits it (really stored)
 * or fails it. Everything else goes to the SQLite store.
 */
final class HeldCommitStore implements MessageStore {
    private final SqliteStore store;
    private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();

    HeldCommitStore(SqliteStore store) {
        this.store = store;
    }

    int waiting() {
        return held.size();
    }

    /** Stores the oldest waiting message and completes its future. */
    void commitNext() throws StoreException {
        Held next = held.remove();
        next.result().complete(store.appendRoomMessage(next.room(), next.from(), next.type(), next.body(), next.nowMillis()));
    }

    /** Fails the oldest waiting message's future with {@code failure}, storing nothing. */
    void failNext(StoreException failure) {
        held.remove().result().completeExceptionally(failure);
    }

    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type, Bytes body,
                                                                   long nowMillis) {
        Held entry = new Held(room, from, type, body, nowMillis, new CompletableFuture<>());
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
                        CompletableFuture<StoredMessage> result) {
    }
}
