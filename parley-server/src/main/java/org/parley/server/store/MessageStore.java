package org.parley.server.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/**
 * Durable history of room and private messages. An append returns only after the transaction
 * committed durably (WAL, fsynced): the server acknowledges a message to its sender only then.
 * Ids increase across rooms and private messages.
 */
public interface MessageStore {

    StoredMessage appendRoomMessage(String room, String from, ContentType type, Bytes body, long nowMillis) throws StoreException;

    /**
     * Appends a room message without waiting: the future completes once the transaction holding it
     * has committed (several messages may share one transaction), or fails with its
     * {@link StoreException} ({@link StoreException.Overloaded} when too many wait). Appends
     * complete in the order they were made. This default commits on the calling thread.
     */
    default CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from,
            ContentType type, Bytes body, long nowMillis) {
        try {
            return CompletableFuture.completedFuture(appendRoomMessage(room, from, type, body, nowMillis));
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * As {@link #appendRoomMessageLater(String, String, ContentType, Bytes, long)}, also telling
     * {@code whenVisible} the stored message as soon as it is committed, possibly before it is
     * durable (the future completes only once it is): the chat layer fans it out to the other
     * members then. {@code whenVisible} runs at most once, before the future completes, never if
     * the commit failed; it must be quick. This default tells it when the future completes.
     */
    default CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type,
            Bytes body, long nowMillis, Consumer<StoredMessage> whenVisible) {
        return appendRoomMessageLater(room, from, type, body, nowMillis).thenApply(stored -> {
            whenVisible.accept(stored);
            return stored;
        });
    }

    /**
     * As {@link #appendRoomMessageLater(String, String, ContentType, Bytes, long, Consumer)}, for a
     * message sent once: {@code send}, if present, is stored in the same transaction as the message,
     * answered with its id, at {@code nowMillis}, and {@link #recentSends} returns it after a restart
     * (docs/PROTOCOL.md 14.5). This default stores no send id (as {@link #recentSends}'s default
     * returns none): a store so made forgets send ids when the server stops.
     */
    default CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type,
            Bytes body, long nowMillis, Optional<SendMark> send, Consumer<StoredMessage> whenVisible) {
        return appendRoomMessageLater(room, from, type, body, nowMillis, whenVisible);
    }

    /**
     * The sends made once (room messages and envelopes) stored after {@code sinceMillis}, newest
     * first: each (account, send id) once, its newest; at most {@code perAccount} of one account and
     * {@code total} in all, the newest kept. Those stored at {@code sinceMillis} or before are not
     * returned, and deleted (a store that keeps a transaction's sends together may delete them once
     * all of them are). This default keeps none.
     */
    default List<StoredSend> recentSends(long sinceMillis, int perAccount, int total) throws StoreException {
        return List.of();
    }

    StoredMessage appendPrivateMessage(String from, String to, ContentType type, Bytes body, long nowMillis) throws StoreException;

    /** Room messages with id below {@code beforeId} (Long.MAX_VALUE = newest), newest first. */
    List<StoredMessage> roomHistory(String room, long beforeId, int limit) throws StoreException;

    /** Private messages between the two users with id below {@code beforeId}, newest first. */
    List<StoredMessage> privateHistory(String userA, String userB, long beforeId, int limit) throws StoreException;

    /** Private messages to {@code user} above its delivery cursor, oldest first (offline delivery). */
    List<PrivateEnvelope> undeliveredPrivate(String user, int limit) throws StoreException;

    /** Advances the user's delivery cursor to {@code messageId} (never backwards). */
    void markDelivered(String user, long messageId) throws StoreException;

    /** A private message with its recipient. */
    record PrivateEnvelope(String to, StoredMessage message) {
    }
}
