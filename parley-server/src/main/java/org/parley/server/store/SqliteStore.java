package org.parley.server.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.StoredMessage;

/**
 * The server's embedded store: accounts, rooms and message history in one SQLite file.
 *
 * <p>All writes go through one connection on one dedicated writer thread owned by this store: a
 * write method submits its transaction there and returns only after COMMIT returned. Reads run on
 * the calling thread with a small bounded pool of read-only connections. Every method blocks:
 * call it from a blocking executor, never from a Netty event loop.
 *
 * <p><b>Durability.</b> {@code journal_mode=WAL}, {@code synchronous=FULL}: a write that returned
 * (in particular an appended message, which the server then acknowledges) survives the process
 * being killed with {@code kill -9} and an operating-system crash or power loss, provided the disk
 * honours fsync. {@code foreign_keys=ON}; {@code busy_timeout} lets an operator command on the same
 * file wait for the lock instead of failing.
 *
 * <p><b>Security.</b> Every statement is prepared with bound values, never assembled from input.
 * Exception messages name the operation, never a message body or verifier bytes. The file holds
 * SCRAM verifiers (as sensitive as password hashes) and invite codes: keep the data directory
 * owner-only.
 */
public final class SqliteStore implements AccountStore, RoomStore, MessageStore, AutoCloseable {

    private final SqliteDatabase database;
    private final SqlAccounts accounts;
    private final SqlRooms rooms;
    private final SqlMessages messages;
    private final SqlE2e e2e;
    private final SqlRoomLogs roomLogs;

    private SqliteStore(SqliteDatabase database) throws StoreException {
        this.database = database;
        this.accounts = new SqlAccounts(database);
        this.rooms = new SqlRooms(database);
        SendIdRows sendIds = new SendIdRows();
        this.messages = new SqlMessages(database, sendIds);
        this.e2e = new SqlE2e(database, sendIds);
        this.roomLogs = new SqlRoomLogs(database);
    }

    /** End-to-end devices, prekeys and envelope queues (schema version 3). */
    public E2eStore e2e() {
        return e2e;
    }

    /** Membership logs of end-to-end encrypted rooms (schema version 4). */
    public RoomLogStore roomLogs() {
        return roomLogs;
    }

    /** Opens {@code file}, creating it and its schema if needed, and upgrading an older schema. */
    public static SqliteStore open(Path file) throws StoreException {
        return open(file, CommitObserver.none());
    }

    /** Like {@link #open(Path)}, telling {@code commits} about every write transaction. */
    public static SqliteStore open(Path file, CommitObserver commits) throws StoreException {
        return open(file, commits, CompletionBatch.direct());
    }

    /**
     * Like {@link #open(Path, CommitObserver)}, running each group commit's callbacks (the fan-out
     * of its messages, then their acknowledgements) through {@code completions}.
     */
    public static SqliteStore open(Path file, CommitObserver commits, CompletionBatch completions) throws StoreException {
        SqliteDatabase database = SqliteDatabase.open(file, commits, completions);
        try {
            SqlNameKeys.refresh(database);
            return new SqliteStore(database);
        } catch (StoreException e) {
            database.close();
            throw e;
        }
    }

    /** Runs {@code PRAGMA integrity_check}: true if SQLite finds the file sound. */
    public boolean integrityOk() throws StoreException {
        return database.integrityOk();
    }

    /** False once an fsync of the write-ahead log failed: every write is refused until the process ends (SqliteDatabase). */
    public boolean writable() {
        return !database.durabilityLost();
    }

    /** Lets pending writes finish, checkpoints the write-ahead log into the file and closes. Idempotent. */
    @Override
    public void close() throws StoreException {
        database.close();
    }

    SqliteDatabase database() {
        return database;
    }

    // Accounts

    @Override
    public Optional<AccountRecord> findAccount(String canonicalName) throws StoreException {
        return accounts.findAccount(canonicalName);
    }

    @Override
    public Optional<AccountRecord> findAccountForLogin(String canonicalName) throws StoreException {
        return accounts.findAccountForLogin(canonicalName);
    }

    @Override
    public void createAccount(AccountRecord account) throws StoreException {
        accounts.createAccount(account);
    }

    @Override
    public void setVerifier(String canonicalName, ScramVerifier verifier) throws StoreException {
        accounts.setVerifier(canonicalName, verifier);
    }

    @Override
    public void setDisabled(String canonicalName, boolean disabled) throws StoreException {
        accounts.setDisabled(canonicalName, disabled);
    }

    @Override
    public List<AccountRecord> listAccounts() throws StoreException {
        return accounts.listAccounts();
    }

    @Override
    public boolean createAccountWithInvite(AccountRecord account, String inviteCode, long nowMillis)
            throws StoreException {
        return accounts.createAccountWithInvite(account, inviteCode, nowMillis);
    }

    @Override
    public void createAccount(AccountRecord account, String room) throws StoreException {
        accounts.createAccount(account, room);
    }

    @Override
    public boolean createAccountWithInvite(AccountRecord account, String inviteCode, long nowMillis, String room)
            throws StoreException {
        return accounts.createAccountWithInvite(account, inviteCode, nowMillis, room);
    }

    @Override
    public boolean hasLoginKey(String canonicalName, RegisteredPublicKey key) throws StoreException {
        return accounts.hasLoginKey(canonicalName, key);
    }

    @Override
    public Optional<AccountRecord> findAccountByLoginKey(String canonicalName, RegisteredPublicKey key)
            throws StoreException {
        return accounts.findAccountByLoginKey(canonicalName, key);
    }

    /** Groups of two or more account names that look alike (same confusable key), for the operator. */
    public List<List<String>> confusableAccounts() throws StoreException {
        return SqlNameKeys.collisions(database, SqlNameKeys.Table.ACCOUNTS);
    }

    /** Groups of two or more room names that look alike (same confusable key), for the operator. */
    public List<List<String>> confusableRooms() throws StoreException {
        return SqlNameKeys.collisions(database, SqlNameKeys.Table.ROOMS);
    }

    @Override
    public List<RegisteredPublicKey> loginKeys(String canonicalName) throws StoreException {
        return accounts.loginKeys(canonicalName);
    }

    @Override
    public void addLoginKey(String canonicalName, RegisteredPublicKey key) throws StoreException {
        accounts.addLoginKey(canonicalName, key);
    }

    @Override
    public boolean removeLoginKey(String canonicalName, RegisteredPublicKey key) throws StoreException {
        return accounts.removeLoginKey(canonicalName, key);
    }

    @Override
    public void createInvite(String code, String createdBy, long expiresAtMillis) throws StoreException {
        accounts.createInvite(code, createdBy, expiresAtMillis);
    }

    @Override
    public boolean consumeInvite(String code, String usedBy, long nowMillis) throws StoreException {
        return accounts.consumeInvite(code, usedBy, nowMillis);
    }

    // Rooms

    @Override
    public void createRoom(RoomRecord room) throws StoreException {
        rooms.createRoom(room);
    }

    @Override
    public Optional<RoomRecord> findRoom(String canonicalName) throws StoreException {
        return rooms.findRoom(canonicalName);
    }

    @Override
    public List<RoomRecord> listRooms() throws StoreException {
        return rooms.listRooms();
    }

    @Override
    public void setTopic(String room, String topic) throws StoreException {
        rooms.setTopic(room, topic);
    }

    @Override
    public void putMember(String room, String user, Role role) throws StoreException {
        rooms.putMember(room, user, role);
    }

    @Override
    public boolean removeMember(String room, String user) throws StoreException {
        return rooms.removeMember(room, user);
    }

    @Override
    public Map<String, Role> members(String room) throws StoreException {
        return rooms.members(room);
    }

    @Override
    public List<String> roomsOf(String user) throws StoreException {
        return rooms.roomsOf(user);
    }

    @Override
    public void ban(String room, String user, long untilMillis, String by, String reason) throws StoreException {
        rooms.ban(room, user, untilMillis, by, reason);
    }

    @Override
    public void unban(String room, String user) throws StoreException {
        rooms.unban(room, user);
    }

    @Override
    public boolean isBanned(String room, String user, long nowMillis) throws StoreException {
        return rooms.isBanned(room, user, nowMillis);
    }

    @Override
    public void invite(String room, String user, String by) throws StoreException {
        rooms.invite(room, user, by);
    }

    @Override
    public boolean isInvited(String room, String user) throws StoreException {
        return rooms.isInvited(room, user);
    }

    @Override
    public boolean uninvite(String room, String user) throws StoreException {
        return rooms.uninvite(room, user);
    }

    @Override
    public void setOwner(String room, String owner) throws StoreException {
        rooms.setOwner(room, owner);
    }

    @Override
    public List<MemberEntry> allMemberships() throws StoreException {
        return rooms.allMemberships();
    }

    @Override
    public List<BanEntry> activeBans(long nowMillis) throws StoreException {
        return rooms.activeBans(nowMillis);
    }

    @Override
    public List<InviteEntry> allInvitations() throws StoreException {
        return rooms.allInvitations();
    }

    // Messages

    @Override
    public StoredMessage appendRoomMessage(String room, String from, ContentType type, Bytes body, long nowMillis)
            throws StoreException {
        return messages.appendRoomMessage(room, from, type, body, nowMillis);
    }

    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from,
            ContentType type, Bytes body, long nowMillis) {
        return messages.appendRoomMessageLater(room, from, type, body, nowMillis);
    }

    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type,
            Bytes body, long nowMillis, Consumer<StoredMessage> whenVisible) {
        return messages.appendRoomMessageLater(room, from, type, body, nowMillis, whenVisible);
    }

    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type,
            Bytes body, long nowMillis, Optional<SendMark> send, Consumer<StoredMessage> whenVisible) {
        return messages.appendRoomMessageLater(room, from, type, body, nowMillis, send, whenVisible);
    }

    @Override
    public List<StoredSend> recentSends(long sinceMillis, int perAccount, int total) throws StoreException {
        return messages.recentSends(sinceMillis, perAccount, total);
    }

    @Override
    public StoredMessage appendPrivateMessage(String from, String to, ContentType type, Bytes body, long nowMillis)
            throws StoreException {
        return messages.appendPrivateMessage(from, to, type, body, nowMillis);
    }

    @Override
    public List<StoredMessage> roomHistory(String room, long beforeId, int limit) throws StoreException {
        return messages.roomHistory(room, beforeId, limit);
    }

    @Override
    public List<StoredMessage> privateHistory(String userA, String userB, long beforeId, int limit)
            throws StoreException {
        return messages.privateHistory(userA, userB, beforeId, limit);
    }

    @Override
    public List<PrivateEnvelope> undeliveredPrivate(String user, int limit) throws StoreException {
        return messages.undeliveredPrivate(user, limit);
    }

    @Override
    public void markDelivered(String user, long messageId) throws StoreException {
        messages.markDelivered(user, messageId);
    }
}
