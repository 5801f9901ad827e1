package org.parley.client;

import java.util.List;
import java.util.Optional;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.protocol.chat.ChatEvent;

/**
 * What a {@link ParleySession} reports, always through the session's callback executor (the
 * JavaFX thread in the desktop client), in the order it happened: pushed events of the live
 * connection, the loss of a connection and its re-establishment, and the end of the session.
 */
public interface SessionListener {

    /** An event the server pushed on the live connection. */
    void onEvent(ChatEvent.Push event);

    /**
     * An end-to-end event: a private message (received, or sent from another of this account's
     * devices), a device or identity change of a contact, a message that could not be decrypted, a
     * refused prekey bundle. The session's pushed envelope batches and device changes arrive here
     * instead of {@link #onEvent}.
     */
    default void onE2e(E2eEvent event) {
    }

    /**
     * An encrypted-room event (docs/E2EE.md §20.7): a decrypted room message, a membership or key
     * notice read from the verified membership log, or a refused input (bad signature, non-member,
     * broken or forked log...). Opaque room messages and log pushes of encrypted rooms arrive here
     * instead of {@link #onEvent}.
     */
    default void onRoom(RoomEvent event) {
    }

    /** The live connection's record keys were ratcheted; counts since its handshake. Optional. */
    default void onKeysUpdated(KeyUpdates counts) {
    }

    /** The connection was lost and the session is reconnecting with back-off; requests fail until {@link #onReconnected}. */
    default void onConnectionLost(String reason) {
    }

    /**
     * The session is live again over {@code client}: logged in with its session key and back in
     * {@code rejoined} (the rooms it was in, minus those it can no longer join, each reported to
     * {@link #onRoomDropped}). The server replays
     * each rejoined room's recent history as pushed events marked {@code history}; they may arrive
     * before this call, and a client shows only those it has not shown yet.
     */
    default void onReconnected(ParleyClient client, List<ChatEvent.JoinedRoom> rejoined) {
    }

    /**
     * A room the session was in could not be rejoined after a reconnect, for a lasting reason
     * ({@code refusal}: no such room, banned, not permitted...), so the session stopped rejoining
     * it. Reported before the {@link #onReconnected} of that reconnect. A refusal that says "try
     * again" ({@code rate_limited}, {@code server_busy}, {@code internal}) never drops a room: the
     * join is tried again, and if it keeps being refused the reconnect attempt is retried instead.
     */
    default void onRoomDropped(String room, RequestFailedException refusal) {
    }

    /**
     * The session ended for good (closed, or a failure that a retry cannot fix); called once, last,
     * in place of {@link #onClosed(String)}. {@code cause} is the typed failure that ended it when
     * there is one: a reconnect refused because the server's key changed
     * ({@link ServerKeyChangedException}), is not trusted ({@link ServerNotTrustedException}), or its
     * session key was refused ({@link LoginFailedException}). Empty for a close or a lost connection.
     * A client shows such a cause as it does at login (a changed-key warning, for instance) rather than
     * {@code reason}'s English text. By default this calls {@link #onClosed(String)}.
     */
    default void onClosed(String reason, Optional<ClientException> cause) {
        onClosed(reason);
    }

    /**
     * The session ended for good (closed, or a failure that a retry cannot fix); called once, last,
     * through {@link #onClosed(String, Optional)} (which a listener overrides to see the typed cause).
     */
    void onClosed(String reason);
}
