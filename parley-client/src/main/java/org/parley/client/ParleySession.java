package org.parley.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.List;
import org.parley.client.e2ee.ContactDevice;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.E2eSettings;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.e2ee.group.Membership;
import org.parley.e2ee.group.RoomSecurityView;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.safety.SafetyNumber;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;

/**
 * A user's session with one server, shared by the terminal and desktop clients: connect, settle a
 * first contact inside the handshake ({@link FirstContactQuestion}), log in, keep the connection
 * alive, and after a lost connection reconnect with {@link Backoff}, log in again with an in-memory
 * {@link SessionKey} and rejoin the rooms. Every callback and every future of the session
 * completes through the caller's executor ({@link SessionSettings#callbacks()}).
 *
 * <p>It gives up, and reports {@link SessionListener#onClosed} once, on what a retry cannot fix: a
 * changed server key, an untrusted first contact, a refused login; also after {@link #close()} and,
 * without {@link SessionSettings#reconnect()}, when the connection ends.
 *
 * <p><b>Security.</b> The password is used for the first login only and never kept: reconnects sign
 * in with the session key, registered right after the first login and removed by {@link #close()}.
 * Every reconnect goes through the same pinned-key check. A first contact the user trusted after the
 * server's handshake deadline closed the connection is trusted on the next attempt only for exactly
 * that fingerprint.
 */
public final class ParleySession implements AutoCloseable {
    private final SessionSettings settings;
    private final SessionLifecycle link;
    private final EncryptedRooms encryptedRooms;
    private final PrivateConversations conversations;
    private final RoomTexts roomTexts;

    private ParleySession(SessionSettings settings, SessionListener listener, String user) {
        this.settings = settings;
        this.link = new SessionLifecycle(settings, listener, user);
        this.encryptedRooms = new EncryptedRooms(link);
        this.conversations = new PrivateConversations(link);
        this.roomTexts = new RoomTexts(link);
    }

    /**
     * Connects and logs in with {@code login} (a password, a registration or a key), then registers
     * the session key when the session reconnects. Completes (through the callback executor) with
     * the live session, or fails with the first attempt's {@link ClientException}; a connection
     * failure on the first attempt is not retried.
     *
     * @param user the account name, used for the session-key logins of later reconnects
     * @param login logs the first connection in, e.g. {@code c -> c.login(user, password)}
     */
    public static CompletableFuture<ParleySession> start(SessionSettings settings, SessionListener listener, String user,
            Function<ParleyClient, CompletableFuture<String>> login) {
        ParleySession session = new ParleySession(settings, listener, user);
        CompletableFuture<ParleySession> started = new CompletableFuture<>();
        session.link.firstAttempt(login, started, session);
        return started;
    }

    /** The connection now in use; it may be closed while the session reconnects (its calls then fail). */
    public ParleyClient client() {
        return link.client();
    }

    /** The name the server confirmed at the first login (its registered spelling). */
    public String displayName() {
        return link.displayName();
    }

    /** The rooms joined, in order, as they will be rejoined after a reconnect. */
    public List<String> rooms() {
        return link.rooms().snapshot();
    }

    /** The login key this session registered for its reconnects, if any: removed again by {@link #closeAsync}. */
    public Optional<RegisteredPublicKey> sessionKey() {
        SessionKey registered = link.key();
        return registered == null ? Optional.empty() : Optional.of(registered.registered());
    }

    /** True while a lost connection will be re-established automatically. */
    public boolean reconnects() {
        return link.reconnects();
    }

    /**
     * Joins a room now and after every reconnect. For an encrypted room this device is not yet a
     * member of (the server answers {@code encrypted_room}), it signs a {@code join} entry on the
     * room's verified membership log instead (an invitation is needed for a private room).
     */
    public CompletableFuture<ChatEvent.JoinedRoom> join(String room) {
        return encryptedRooms.join(room);
    }

    /**
     * Sends text to a plaintext room, once (docs/PROTOCOL.md 14.5): completes with the id the server
     * stored it under. If the connection ends before the server's answer (or the answer times out),
     * the message is sent again with the same send id after the reconnect, and a message sent while
     * the session reconnects waits for it: a message is stored once even when the first answer was
     * lost. Fails with {@link RequestFailedException} when the server refuses it, and with
     * {@link SendNotConfirmedException} when no answer came within five minutes or the session closed
     * first (the message may or may not have been stored). With end-to-end settings the message is
     * also kept in the device's outbox on disk, written before its request, until it has a definite
     * outcome: a message still unanswered when the session closes (or the client crashes, is killed
     * or quits) is sent again, once, with the same send id, by the next start on that device, which
     * reports its outcome as an {@link org.parley.client.e2ee.E2eEvent.RoomTextSettled}; the close
     * then fails it with a {@link SendNotConfirmedException} whose
     * {@link SendNotConfirmedException#keptForNextStart()} is true (docs/E2EE.md 20.3). A failed
     * write to the outbox fails the send: it is not sent. Without end-to-end settings it is kept
     * in memory only. For an encrypted room use {@link #sendRoom}.
     */
    public CompletableFuture<Long> sendRoomText(String room, String text) {
        return roomTexts.send(room, text);
    }

    /** Creates a plaintext room, joins it now and after every reconnect. */
    public CompletableFuture<ChatEvent.JoinedRoom> createRoom(String room, RoomVisibility visibility) {
        return encryptedRooms.createRoom(room, visibility);
    }

    /**
     * Creates an end-to-end encrypted room (docs/E2EE.md §19): signs its genesis entry with this
     * device's identity and sends CreateEncryptedRoom; joins it now and after every reconnect.
     * {@code visibility} is {@link RoomVisibility#PRIVATE} (invitation needed, the default for
     * encrypted rooms) or {@link RoomVisibility#PUBLIC}. Fails with {@link EndToEndException}
     * without an end-to-end device.
     */
    public CompletableFuture<ChatEvent.JoinedRoom> createEncryptedRoom(String room, RoomVisibility visibility) {
        return encryptedRooms.createEncryptedRoom(room, visibility);
    }

    /** Leaves a room and stops rejoining it; for an encrypted room by a signed {@code leave} log entry. */
    public CompletableFuture<Void> leave(String room) {
        return encryptedRooms.leave(room);
    }

    /** Invites {@code user}: a signed log entry in an encrypted room, the plain request otherwise. */
    public CompletableFuture<Void> invite(String room, String user) {
        return encryptedRooms.invite(room, user);
    }

    /**
     * Kicks {@code user}: in an encrypted room a signed {@code kick} log entry (the reason is not
     * sent: the log carries none), after which every remaining device starts a new sender chain
     * before it sends again; the plain request otherwise.
     */
    public CompletableFuture<Void> kick(String room, String user, String reason) {
        return encryptedRooms.kick(room, user, reason);
    }

    /**
     * Bans {@code user}: in an encrypted room a signed {@code ban} log entry, permanent (the log has
     * no unban; {@code duration} and {@code reason} are not sent); the plain request otherwise.
     */
    public CompletableFuture<Void> ban(String room, String user, Duration duration, String reason) {
        return encryptedRooms.ban(room, user, duration, reason);
    }

    /** Sets {@code user}'s role: a signed {@code role} log entry in an encrypted room (MEMBER, OP, OWNER). */
    public CompletableFuture<Void> setRole(String room, String user, Role role) {
        return encryptedRooms.setRole(room, user, role);
    }

    // ---- end-to-end encrypted rooms (docs/E2EE.md §19, §20.7) --------------------------------------

    /**
     * True if {@code room} is an end-to-end encrypted room this device knows (it holds its log, or
     * the server said so in a JoinedRoom or RoomList answer this session saw).
     */
    public boolean isEncrypted(String room) {
        return encryptedRooms.isEncrypted(room);
    }

    /**
     * Sends {@code text} to an encrypted room: a new sender chain first when one is due (membership
     * change, 1,000 messages, 7 days), its distribution to exactly the devices the verified log
     * admits (over the pairwise sessions), then the message encrypted once as a room envelope.
     * Completes with the message as stored in the local room history. Fails with
     * {@link EndToEndException} for a room that is not encrypted or when this device is no member.
     * When the answer is lost (the connection ends, the request times out) the future stays pending:
     * the same envelope is sent again once, with its send id, after the reconnect, before the next
     * send or while the connection stays up; after 5 minutes, or when the session ends, it fails with
     * {@link SendNotConfirmedException} (docs/E2EE.md §20.3, §20.7).
     */
    public CompletableFuture<E2eRoomMessage> sendRoom(String room, String text) {
        return encryptedRooms.send(room, text);
    }

    /** The local history of an encrypted room (decrypted on this device, own messages as sent), oldest first. */
    public CompletableFuture<List<E2eRoomMessage>> roomHistory(String room) {
        return encryptedRooms.history(room);
    }

    /** The security panel of an encrypted room: chain labels and the membership-log status. */
    public CompletableFuture<RoomSecurityView> roomView(String room) {
        return encryptedRooms.view(room);
    }

    /** The membership the verified log of an encrypted room admits (roles, devices, invitations, bans). */
    public CompletableFuture<Membership> roomMembership(String room) {
        return encryptedRooms.membership(room);
    }

    // ---- end-to-end private conversations (docs/E2EE.md, "The client") --------------------------

    /**
     * Sends {@code text} to {@code user}, always end to end: encrypted separately to each of the
     * user's devices and to this account's other devices. Completes with the message as stored in
     * the local history; fails with {@link UnacceptedChangesException} for a verified contact whose
     * devices changed, {@link EndToEndException} when no device is set up or a bundle was refused.
     * When the connection ends (or the request times out) before the server's answer, the future
     * stays pending: after the reconnect (or before the next send) the message is sent again once,
     * and the server stores it only if it had not; if that does not happen within 5 minutes of the
     * first try (or the session ends first) it fails with {@link SendNotConfirmedException}: the
     * message may or may not have been delivered (docs/E2EE.md §20.3, "Unconfirmed sends").
     */
    public CompletableFuture<E2eMessage> sendPrivate(String user, String text) {
        return conversations.send(user, text);
    }

    /** The safety number of this account and {@code user} (digits and QR payload), from the keys the server lists now. */
    public CompletableFuture<SafetyNumber> safetyNumber(String user) {
        return conversations.safetyNumber(user);
    }

    /**
     * Marks {@code user} verified: the user compared {@code compared} (from {@link #safetyNumber}) with
     * the other side. Vouches for exactly the devices that give that number, listed again now; later
     * changes stop sending until accepted. If the devices listed now give another number (one was added,
     * replaced or removed since it was shown) nothing is vouched for and this fails with
     * {@link SafetyNumberChangedException}, which carries the new number to compare.
     */
    public CompletableFuture<Void> markVerified(String user, SafetyNumber compared) {
        return conversations.markVerified(user, compared);
    }

    /**
     * Accepts the device or identity changes of {@code user} shown so far; sending resumes. With
     * this account's own name it accepts the account's other devices listed now, which this device
     * then signs into its encrypted rooms (until then they are pending: docs/E2EE.md §20.7).
     */
    public CompletableFuture<Void> acceptChanges(String user) {
        return conversations.acceptChanges(user);
    }

    /** This account's other devices the server lists now that are not accepted on this device (not signed into its encrypted rooms). */
    public CompletableFuture<java.util.Set<Long>> pendingOwnDevices() {
        return conversations.pendingOwnDevices();
    }

    /** This account's devices as the server lists them. */
    public CompletableFuture<List<DeviceInfo>> devices() {
        return conversations.devices();
    }

    /** Removes one of this account's devices (its queue and prekeys go with it). */
    public CompletableFuture<Void> removeDevice(long deviceId) {
        return conversations.removeDevice(deviceId);
    }

    /** This device's id on the server (0 before it was added). */
    public long deviceId() {
        return conversations.deviceId();
    }

    /** The devices of {@code user} this client knows, with verification and session state. */
    public CompletableFuture<List<ContactDevice>> contactDevices(String user) {
        return conversations.contactDevices(user);
    }

    /** The ratchet of the session with each of {@code user}'s devices that has one (security panel). */
    public CompletableFuture<List<ContactDevice>> ratchetView(String user) {
        return conversations.ratchetView(user);
    }

    /** The local history of the end-to-end conversation with {@code user}, oldest first. */
    public CompletableFuture<List<E2eMessage>> history(String user) {
        return conversations.history(user);
    }

    /** The end-to-end suite this session's device offers first. */
    public Optional<E2eSuite> e2eSuite() {
        return settings.e2e().map(E2eSettings::suite);
    }

    /**
     * Runs a request on the live connection; the result completes through the callback executor.
     * While the session reconnects it fails with {@link ConnectionFailedException}.
     */
    public <T> CompletableFuture<T> call(Function<ParleyClient, CompletableFuture<T>> request) {
        return link.onCallbacks(request.apply(link.client()));
    }

    /**
     * Stops reconnecting, removes the session key from the account and closes the connection;
     * completes when it is closed. {@link SessionListener#onClosed} follows with {@code reason}.
     */
    public CompletableFuture<Void> closeAsync(String reason) {
        return link.closeAsync(reason);
    }

    /** {@link #closeAsync} and wait (bounded) for it. */
    @Override
    public void close() {
        link.close();
    }
}
