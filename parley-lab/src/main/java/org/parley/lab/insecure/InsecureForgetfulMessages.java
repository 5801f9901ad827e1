package org.parley.lab.insecure;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.store.MessageStore;
import org.parley.server.store.SendMark;
import org.parley.server.store.StoredSend;
import org.parley.server.store.StoreException;

/**
 * The real server's message history with its send ids taken away: a room message sent once is
 * stored without its send id, and when the server starts again it finds none. The server's
 * {@code SendOnce} still answers a repeat while it runs, from memory, so only a restart between a
 * send and its repeat shows the difference. Everything else is passed through unchanged.
 *
 * <p><b>Insecure on purpose</b>: this is the Parley server before 2026-12-07, when send ids were
 * remembered in memory only, so a repeat that reached a restarted server stored a second copy. The
 * real server writes each stored send's id in the transaction that stores its message and seeds
 * {@code SendOnce} from those rows at start (docs/PROTOCOL.md 14.5; {@code SendIdRows}). Lab only:
 * it reaches the server through {@code ParleyServer.start}'s test seam, which no program passes.
 */
public final class InsecureForgetfulMessages implements MessageStore {
    private final MessageStore real;

    public InsecureForgetfulMessages(MessageStore real) {
        this.real = real;
    }

    /** Stores the message as the real store does, but not its send id. */
    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type,
            Bytes body, long nowMillis, Optional<SendMark> send, Consumer<StoredMessage> whenVisible) {
        return real.appendRoomMessageLater(room, from, type, body, nowMillis, Optional.empty(), whenVisible);
    }

    /** No send id survives a restart. */
    @Override
    public List<StoredSend> recentSends(long sinceMillis, int perAccount, int total) {
        return List.of();
    }

    @Override
    public StoredMessage appendRoomMessage(String room, String from, ContentType type, Bytes body, long nowMillis)
            throws StoreException {
        return real.appendRoomMessage(room, from, type, body, nowMillis);
    }

    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type,
            Bytes body, long nowMillis) {
        return real.appendRoomMessageLater(room, from, type, body, nowMillis);
    }

    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type,
            Bytes body, long nowMillis, Consumer<StoredMessage> whenVisible) {
        return real.appendRoomMessageLater(room, from, type, body, nowMillis, whenVisible);
    }

    @Override
    public StoredMessage appendPrivateMessage(String from, String to, ContentType type, Bytes body, long nowMillis)
            throws StoreException {
        return real.appendPrivateMessage(from, to, type, body, nowMillis);
    }

    @Override
    public List<StoredMessage> roomHistory(String room, long beforeId, int limit) throws StoreException {
        return real.roomHistory(room, beforeId, limit);
    }

    @Override
    public List<StoredMessage> privateHistory(String userA, String userB, long beforeId, int limit)
            throws StoreException {
        return real.privateHistory(userA, userB, beforeId, limit);
    }

    @Override
    public List<PrivateEnvelope> undeliveredPrivate(String user, int limit) throws StoreException {
        return real.undeliveredPrivate(user, limit);
    }

    @Override
    public void markDelivered(String user, long messageId) throws StoreException {
        real.markDelivered(user, messageId);
    }
}
