package org.parley.client;

import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import org.parley.crypto.Bytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.channel.SessionInfo;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.SendId;
import org.parley.protocol.suite.SignatureComponent;

/**
 * A connection to a Parley server: handshake with key pinning, one login or registration, then
 * chat requests as {@link CompletableFuture}s and pushed events to a {@link ClientListener}.
 *
 * <p>Futures fail with {@link ClientException} subtypes ({@link RequestFailedException} when the
 * server rejects a request), with {@link java.util.concurrent.TimeoutException} when no answer
 * came within {@link ClientOptions#requestTimeout()}, and with {@link IllegalStateException} or
 * {@link IllegalArgumentException} for calls that cannot be sent (before login, invalid names).
 * Answers complete on the listener thread, in order with the pushed events.
 *
 * <p><b>Security.</b> The server's key is checked against the pin store before anything else is
 * sent; a changed key fails {@link #connect} with {@link ServerKeyChangedException}. Password
 * arrays passed in are wiped before the call returns; PBKDF2 for SCRAM and registration runs on
 * the client's work thread. The sender of a message is never sent: the server takes it from the
 * login.
 *
 * <p>After login the client pings the server every {@link ClientOptions#keepAliveInterval()}, so
 * the server's idle timeout does not close a quiet session; a ping left unanswered for the request
 * timeout closes the connection. The timer stops when the connection ends.
 */
public final class ParleyClient implements AutoCloseable {
    private final ClientOptions options;
    private final ClientSession connection;
    private final RequestSender requests;
    private final Authenticator authenticator;

    private ParleyClient(ClientOptions options, ClientListener listener, FirstContactQuestion question) {
        this.options = options;
        PendingRequests pending = new PendingRequests(options.requestTimeout());
        this.connection = new ClientSession(this, options, listener, pending, question);
        this.requests = new RequestSender(connection, pending);
        this.authenticator = new Authenticator(connection, requests);
    }

    /**
     * Connects and runs the handshake, deciding a first contact at once with
     * {@link ClientOptions#firstContact()}; completes (on the listener thread) once {@link #session()}
     * is available.
     */
    public static CompletableFuture<ParleyClient> connect(ClientOptions options, ClientListener listener) {
        return connect(options, listener, FirstContactQuestion.answeredBy(options.firstContact()));
    }

    /**
     * Connects and runs the handshake; a first contact pauses it until {@code question} is answered
     * (asked on the listener thread; see {@link FirstContactQuestion}). Completes on the listener
     * thread once {@link #session()} is available; fails with {@link ServerNotTrustedException} when
     * the answer was no.
     */
    public static CompletableFuture<ParleyClient> connect(ClientOptions options, ClientListener listener,
            FirstContactQuestion question) {
        ParleyClient client = new ParleyClient(options, listener, question);
        return client.connection.start();
    }

    /**
     * The last frames of this connection (at most 64) as a network attacker sees them: direction, header and
     * the first bytes of each payload, which after the hellos is ciphertext.
     */
    public java.util.List<WireFrame> attackerView() {
        return connection.wireFrames();
    }

    /** The negotiated suite, the server's key and fingerprint, and the handshake steps. */
    public SessionInfo session() {
        return connection.session().orElseThrow(() -> new IllegalStateException("not connected yet"));
    }

    /** True if the server's key was pinned by this connection (first contact, trusted by the user). */
    public boolean firstContact() {
        return connection.pinnedNow();
    }

    /** How often each direction has ratcheted its record keys so far; from any thread. */
    public KeyUpdates keyUpdates() {
        return connection.keyUpdates();
    }

    /**
     * How many of this connection's requests the server has answered {@code rate_limited} so far
     * (PROTOCOL.md 14.7), whoever sent them; from any thread. A diagnostic: a client that paces its
     * reads well sees it stay at 0.
     */
    public long rateLimitedAnswers() {
        return connection.rateLimitedAnswers();
    }

    /**
     * Ratchets this client's sending key now and asks the server to ratchet its own (the answer is
     * reported to {@link ClientListener#onKeysUpdated}); completes with the counts after our update.
     */
    public CompletableFuture<KeyUpdates> updateKeys() {
        return connection.updateKeys();
    }

    /** The options this client connected with. */
    public ClientOptions options() {
        return options;
    }

    /** Logs in with SCRAM-SHA-256 bound to this connection; completes with the display name. Wipes {@code password}. */
    public CompletableFuture<String> login(String user, char[] password) {
        return authenticator.login(user, password);
    }

    /** Logs in by signing this connection's channel binding with a key registered for {@code user}. */
    public CompletableFuture<String> loginWithKey(String user, SigningKey key) {
        return authenticator.loginWithKey(user, key);
    }

    /**
     * Creates an account and logs in as it. The SCRAM verifier is computed here (the server never
     * sees the password); {@code password} is wiped. A password {@link PasswordPolicy} refuses
     * fails with {@link WeakPasswordException} before anything is sent.
     */
    public CompletableFuture<String> register(String user, char[] password, Optional<String> inviteCode) {
        return authenticator.register(user, password, inviteCode);
    }

    public CompletableFuture<ChatEvent.JoinedRoom> join(String room) {
        return request(id -> new ChatRequest.JoinRoom(id, room), ChatEvent.JoinedRoom.class);
    }

    public CompletableFuture<ChatEvent.JoinedRoom> createRoom(String room, RoomVisibility visibility) {
        return request(id -> new ChatRequest.CreateRoom(id, room, visibility), ChatEvent.JoinedRoom.class);
    }

    public CompletableFuture<Void> leave(String room) {
        return accepted(id -> new ChatRequest.LeaveRoom(id, room));
    }

    /** Sends text (NFC-normalised) to a room; completes with the message id once the server stored it. */
    public CompletableFuture<Long> sendRoom(String room, String text) {
        return request(id -> new ChatRequest.SendRoomMessage(id, room, ContentType.TEXT, text(text)), ChatEvent.Accepted.class)
                .thenApply(ChatEvent.Accepted::messageId);
    }

    /**
     * Sends text to a room once (docs/PROTOCOL.md 14.5, "Sending once"): the same {@code sendId} and
     * text sent again, on this connection or another of the account, is answered with the id the
     * first was stored under and stores nothing.
     */
    public CompletableFuture<Long> sendRoom(String room, String text, SendId sendId) {
        return request(id -> new ChatRequest.SendRoomMessage(id, room, ContentType.TEXT, text(text), Optional.of(sendId)),
                ChatEvent.Accepted.class).thenApply(ChatEvent.Accepted::messageId);
    }

    /**
     * A plaintext private message, which the server refuses since private messages became end to
     * end only (issue 8): it fails with {@link RequestFailedException} ({@code NOT_PERMITTED}).
     *
     * @deprecated use {@link ParleySession#sendPrivate(String, String)}, always end to end
     */
    @Deprecated(forRemoval = true)
    public CompletableFuture<Long> sendPrivate(String user, String text) {
        return request(id -> new ChatRequest.SendPrivateMessage(id, user, ContentType.TEXT, text(text)), ChatEvent.Accepted.class)
                .thenApply(ChatEvent.Accepted::messageId);
    }

    public CompletableFuture<ChatEvent.RoomList> rooms() {
        return request(ChatRequest.ListRooms::new, ChatEvent.RoomList.class);
    }

    /** Members of {@code room}, or every online user when empty. */
    public CompletableFuture<ChatEvent.MemberList> members(Optional<String> room) {
        return request(id -> new ChatRequest.ListMembers(id, room), ChatEvent.MemberList.class);
    }

    public CompletableFuture<Void> topic(String room, String topic) {
        return accepted(id -> new ChatRequest.SetTopic(id, room, topic));
    }

    public CompletableFuture<Void> invite(String room, String user) {
        return accepted(id -> new ChatRequest.Invite(id, room, user));
    }

    /** Withdraws an invitation to a private room (docs/PROTOCOL.md §14.5). */
    public CompletableFuture<Void> uninvite(String room, String user) {
        return accepted(id -> new ChatRequest.Uninvite(id, room, user));
    }

    public CompletableFuture<Void> kick(String room, String user, String reason) {
        return accepted(id -> new ChatRequest.Kick(id, room, user, reason));
    }

    /** Bans {@code user}; {@link Duration#ZERO} means until lifted. */
    public CompletableFuture<Void> ban(String room, String user, Duration duration, String reason) {
        return accepted(id -> new ChatRequest.Ban(id, room, user, duration.toSeconds(), reason));
    }

    public CompletableFuture<Void> unban(String room, String user) {
        return accepted(id -> new ChatRequest.Unban(id, room, user));
    }

    public CompletableFuture<Void> setRole(String room, String user, Role role) {
        return accepted(id -> new ChatRequest.SetRole(id, room, user, role));
    }

    /** Messages with id below {@code beforeId} (0 = newest), newest first. */
    public CompletableFuture<ChatEvent.HistoryPage> history(Conversation conversation, long beforeId, int limit) {
        return request(id -> new ChatRequest.FetchHistory(id, conversation, beforeId, limit), ChatEvent.HistoryPage.class);
    }

    /**
     * Replaces the password, proving the current one (docs/PROTOCOL.md, Section 14.5): asks the
     * server for the account's SCRAM parameters, derives from {@code currentPassword} a proof bound
     * to this connection and to the new verifier, which is computed here too. Works on a password-
     * or a key-login session. Both arrays are wiped. A new password the {@link PasswordPolicy}
     * refuses fails with {@link WeakPasswordException} before anything is sent; a wrong current
     * password fails with a {@link RequestFailedException} of code {@code WRONG_PASSWORD}.
     */
    public CompletableFuture<Void> changePassword(char[] currentPassword, char[] newPassword) {
        return authenticator.changePassword(currentPassword, newPassword);
    }

    public CompletableFuture<Void> addLoginKey(SignatureComponent algorithm, Bytes publicKey) {
        return accepted(id -> new ChatRequest.AddLoginKey(id, algorithm, publicKey));
    }

    public CompletableFuture<Void> removeLoginKey(SignatureComponent algorithm, Bytes publicKey) {
        return accepted(id -> new ChatRequest.RemoveLoginKey(id, algorithm, publicKey));
    }

    /** This account's login keys (public halves), oldest first. */
    public CompletableFuture<List<RegisteredPublicKey>> loginKeys() {
        return request(ChatRequest.ListLoginKeys::new, ChatEvent.LoginKeyList.class).thenApply(ChatEvent.LoginKeyList::keys);
    }

    /** Keeps an idle connection alive; sent automatically every {@link ClientOptions#keepAliveInterval()} after login. */
    public CompletableFuture<Void> ping() {
        return accepted(ChatRequest.Ping::new);
    }

    /**
     * Asks the server to deliver in batch records from now on (sent right after login when
     * {@link ClientOptions#batchRecords()}); the channel accepts them already. A refusal changes
     * nothing: the server then keeps sending one record per message.
     */
    CompletableFuture<Void> requestBatchRecords() {
        return accepted(id -> new ChatRequest.SetDeliveryOptions(id, ChatRequest.SetDeliveryOptions.ACCEPT_BATCH_RECORDS));
    }

    // ---- end-to-end devices, prekeys and envelopes (docs/PROTOCOL.md, Section 14.8) ----------------
    // Raw requests; ParleySession's end-to-end layer (org.parley.client.e2ee) is what applications use.

    /** Adds this connection's device to the account; completes with the new device id. */
    public CompletableFuture<Long> addDevice(Bytes identity, String name, Bytes signedPrekey, Bytes lastResortPrekey,
            Bytes proof) {
        return request(id -> new ChatRequest.AddDevice(id, identity, name, signedPrekey, lastResortPrekey, proof),
                ChatEvent.Accepted.class).thenApply(ChatEvent.Accepted::messageId);
    }

    /** Binds this session to the account's existing device {@code deviceId}. */
    public CompletableFuture<Long> bindDevice(long deviceId, Bytes proof) {
        return request(id -> new ChatRequest.BindDevice(id, deviceId, proof), ChatEvent.Accepted.class)
                .thenApply(ChatEvent.Accepted::messageId);
    }

    public CompletableFuture<ChatEvent.DeviceList> listDevices(String user) {
        return request(id -> new ChatRequest.ListDevices(id, user), ChatEvent.DeviceList.class);
    }

    /**
     * The devices of each of 1..{@value org.parley.protocol.chat.ChatLimits#MAX_USERS_PER_DEVICE_LISTS}
     * distinct users in one request ({@code ListDevicesMany}, PROTOCOL.md 14.8): one entry per user,
     * in the order given, empty for a name of no account.
     */
    public CompletableFuture<ChatEvent.DeviceLists> listDevices(List<String> users) {
        return request(id -> new ChatRequest.ListDevicesMany(id, users), ChatEvent.DeviceLists.class);
    }

    public CompletableFuture<Void> removeDevice(long deviceId) {
        return accepted(id -> new ChatRequest.RemoveDevice(id, deviceId));
    }

    public CompletableFuture<ChatEvent.PrekeyCounts> uploadPrekeys(Optional<Bytes> signedPrekey, List<Bytes> oneTimeX25519,
            List<Bytes> oneTimeKem, Optional<Bytes> lastResortPrekey) {
        return request(id -> new ChatRequest.UploadPrekeys(id, signedPrekey, oneTimeX25519, oneTimeKem, lastResortPrekey),
                ChatEvent.PrekeyCounts.class);
    }

    public CompletableFuture<ChatEvent.PrekeyCounts> countPrekeys() {
        return request(ChatRequest.CountPrekeys::new, ChatEvent.PrekeyCounts.class);
    }

    public CompletableFuture<ChatEvent.BundleList> fetchBundles(String user) {
        return request(id -> new ChatRequest.FetchBundles(id, user), ChatEvent.BundleList.class);
    }

    /**
     * The prekey bundles of each of 1..{@value org.parley.protocol.chat.ChatLimits#MAX_USERS_PER_BUNDLE_LISTS}
     * distinct users in one request ({@code FetchBundlesMany}, PROTOCOL.md 14.8): one entry per
     * user, in the order given, with a bundle for each of the user's devices; empty for a name of no account.
     */
    public CompletableFuture<ChatEvent.BundleLists> fetchBundles(List<String> users) {
        return request(id -> new ChatRequest.FetchBundlesMany(id, users), ChatEvent.BundleLists.class);
    }

    /** Completes with {@link ChatEvent.Accepted} or {@link ChatEvent.DeviceMismatch}. */
    public CompletableFuture<ChatEvent.Answer> sendEnvelopes(String peer, List<EnvelopeTarget> envelopes) {
        return request(id -> new ChatRequest.SendEnvelopes(id, peer, envelopes), ChatEvent.Answer.class);
    }

    /** As {@link #sendEnvelopes(String, List)}, sent once: a repeat with {@code sendId} queues nothing again (PROTOCOL.md 14.5). */
    public CompletableFuture<ChatEvent.Answer> sendEnvelopes(String peer, List<EnvelopeTarget> envelopes, SendId sendId) {
        return request(id -> new ChatRequest.SendEnvelopes(id, peer, envelopes, Optional.of(sendId)), ChatEvent.Answer.class);
    }

    public CompletableFuture<ChatEvent.EnvelopePage> fetchEnvelopes(long afterId) {
        return request(id -> new ChatRequest.FetchEnvelopes(id, afterId), ChatEvent.EnvelopePage.class);
    }

    public CompletableFuture<Void> ackEnvelopes(List<Long> envelopeIds) {
        return accepted(id -> new ChatRequest.AckEnvelopes(id, envelopeIds));
    }

    // ---- encrypted rooms (docs/PROTOCOL.md §14, docs/E2EE.md §19): the membership log and room keys ----

    /** Creates an encrypted room whose membership log starts with {@code genesis} (a signed create entry). */
    public CompletableFuture<ChatEvent.JoinedRoom> createEncryptedRoom(String room, RoomVisibility visibility, Bytes genesis) {
        return request(id -> new ChatRequest.CreateEncryptedRoom(id, room, visibility, genesis), ChatEvent.JoinedRoom.class);
    }

    /** Appends one signed log entry; completes with {@link ChatEvent.Accepted} or, for a join, {@link ChatEvent.JoinedRoom}. */
    public CompletableFuture<ChatEvent.Answer> appendRoomLog(String room, Bytes entry) {
        return request(id -> new ChatRequest.AppendRoomLog(id, room, entry), ChatEvent.Answer.class);
    }

    /** One page of a room's membership log from {@code fromSeq} on. */
    public CompletableFuture<ChatEvent.RoomLogPage> fetchRoomLog(String room, long fromSeq) {
        return request(id -> new ChatRequest.FetchRoomLog(id, room, fromSeq), ChatEvent.RoomLogPage.class);
    }

    /** Queues sender-key distributions (pairwise envelopes) for member devices of an encrypted room. */
    public CompletableFuture<Void> sendRoomKeys(String room, List<EnvelopeTarget> envelopes) {
        return accepted(id -> new ChatRequest.SendRoomKeys(id, room, envelopes));
    }

    /** Sends an opaque body (a room envelope) to an encrypted room; completes with the stored message id. */
    public CompletableFuture<Long> sendRoomEnvelope(String room, Bytes envelope) {
        return request(id -> new ChatRequest.SendRoomMessage(id, room, ContentType.OPAQUE, envelope), ChatEvent.Accepted.class)
                .thenApply(ChatEvent.Accepted::messageId);
    }

    /** As {@link #sendRoomEnvelope(String, Bytes)}, sent once (PROTOCOL.md 14.5). */
    public CompletableFuture<Long> sendRoomEnvelope(String room, Bytes envelope, SendId sendId) {
        return request(id -> new ChatRequest.SendRoomMessage(id, room, ContentType.OPAQUE, envelope, Optional.of(sendId)),
                ChatEvent.Accepted.class).thenApply(ChatEvent.Accepted::messageId);
    }

    /** Keepalive pings answered by the server on this connection (see {@link ClientOptions#keepAliveInterval()}). */
    long keepAlivesAnswered() {
        return connection.keepAlivesAnswered();
    }

    /** Batch records the server sent on this connection (see {@link ClientOptions#batchRecords()}); for tests. */
    long batchRecordsReceived() {
        return connection.batchRecordsReceived();
    }

    /** True once {@link #close()} was called (or the keepalive gave up): the end was not the server's doing. */
    public boolean closedByClient() {
        return connection.closeRequested();
    }

    /** Whether the connection is still open. */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /** Sends close_notify, closes the socket and waits (at most the connect timeout) for it to close. */
    @Override
    public void close() {
        connection.closeAndWait(options.connectTimeout());
    }

    private CompletableFuture<Void> accepted(LongFunction<ChatRequest> build) {
        return requests.accepted(build);
    }

    private <T extends ChatEvent.Answer> CompletableFuture<T> request(LongFunction<ChatRequest> build, Class<T> answer) {
        return requests.request(build, answer);
    }

    private static Bytes text(String text) {
        return Bytes.utf8(Normalizer.normalize(text, Normalizer.Form.NFC));
    }
}
