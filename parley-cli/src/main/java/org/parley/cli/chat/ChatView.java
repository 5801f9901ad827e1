package org.parley.cli.chat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.parley.client.KeyUpdates;
import org.parley.client.ServerKeyChangedException;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.e2ee.group.RoomSecurityView;
import org.parley.e2ee.safety.SafetyNumber;
import org.parley.protocol.channel.SessionInfo;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.StoredMessage;

/**
 * Where a chat session shows what happens: the terminal (colours, translated text) or the
 * {@code --json} event stream. Methods may be called from the input thread and from the client's
 * event thread; implementations serialise their output.
 */
public interface ChatView {

    /** The handshake finished; {@code firstContact} means the key was pinned just now. */
    void connected(SessionInfo session, boolean firstContact);

    /** Login or registration succeeded as {@code user} (the server's display form). */
    void loggedIn(String user, boolean registered);

    void joined(ChatEvent.JoinedRoom joined);

    void left(String room);

    /** {@code /join} of a room already joined made it the current room again; nothing was replayed. */
    void switched(String room);

    /** The connection was lost; the session reconnects by itself (interactive mode only). */
    void connectionLost(String reason);

    /** The session is back, logged in again and in {@code rooms}. */
    void reconnected(List<String> rooms);

    /**
     * After a reconnect the server refused for good to let the session back into {@code room}
     * ({@code code}: an {@code ErrorCode} name such as {@code BANNED} or {@code NO_SUCH_ROOM};
     * {@code detail}: the server's English detail, may be empty): the user is no longer in it.
     */
    void roomDropped(String room, String code, String detail);

    void rooms(List<RoomInfo> rooms);

    /** This account's login keys, answer to {@code /keys}. */
    void loginKeys(List<RegisteredPublicKey> keys);

    /** Members of {@code room}, or everyone online when {@code room} is empty. */
    void members(String room, List<MemberInfo> members);

    /** A page of history, oldest first. */
    void history(Conversation conversation, List<StoredMessage> oldestFirst, boolean more);

    /** A command without a visible answer succeeded ({@code topic}, {@code invite}, ...). */
    void done(String command);

    /** The negotiated suite with its labels, and how often each side has updated its record keys. */
    void suite(SessionInfo session, KeyUpdates keyUpdates);

    void fingerprint(SessionInfo session);

    void help();

    /**
     * The server's key differs from the pin in {@code knownServers} (on {@code line}): the
     * connection was refused. A {@code disconnected} follows.
     */
    void serverKeyChanged(ServerKeyChangedException changed, Path knownServers, Optional<Integer> line);

    /** Something failed: {@code code} is an {@code ErrorCode} name or a client-side code (docs/CLI.md). */
    void error(String code, String message);

    /**
     * A message to {@code to} (a room, or a user for a private message) is not confirmed yet (the
     * connection is away, the server slow, or the device busy): the session sends it again, once, when
     * it can (docs/PROTOCOL.md 14.5); it is shown when it is, and a later {@code NOT_CONFIRMED} error
     * says if it never was.
     */
    void sendPending(Conversation to);

    /** An event pushed by the server (messages, presence, topic changes, notices). */
    void event(ChatEvent.Push event);

    /**
     * An end-to-end event: a private message (received, sent from another of this account's
     * devices, or just sent from here), a device change, a message that could not be decrypted,
     * a refused prekey bundle.
     */
    void e2e(E2eEvent event);

    /**
     * An encrypted-room event: a decrypted message (or one just sent from here), a membership or
     * key notice from the verified log, or a refused input (docs/E2EE.md section 20).
     */
    void room(RoomEvent event);

    /** The messages of encrypted {@code room} kept on this device, oldest first (answer to {@code /history}). */
    void roomHistory(String room, List<E2eRoomMessage> oldestFirst);

    /** The end-to-end messages with {@code peer} kept on this device, oldest first (after {@link #history}). */
    void e2eHistory(String peer, List<E2eMessage> oldestFirst);

    /** The safety number with {@code user}, and whether {@code user} is marked verified. */
    void safetyNumber(String user, SafetyNumber number, boolean verified);

    /**
     * The answer to {@code /room-security}: the end-to-end state of {@code room} (docs/E2EE.md, "Rooms:
     * labels"), or empty for a room that is not end-to-end encrypted.
     */
    void roomSecurity(String room, Optional<RoomSecurityView> view);

    /**
     * This account's devices; {@code thisDevice} is this session's device id, {@code pending} the
     * ones not accepted on this device (not signed into its encrypted rooms until {@code /accept <own name>}).
     */
    void devices(List<DeviceInfo> devices, long thisDevice, java.util.Set<Long> pending);

    /** The session ended; called once. */
    void disconnected(String reason);
}
