package org.parley.client.e2ee.room;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parley.client.EndToEndException;
import org.parley.client.ParleyClient;
import org.parley.e2ee.group.Membership;
import org.parley.e2ee.group.RoomSecurityView;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;

/**
 * The encrypted rooms of one end-to-end device (docs/E2EE.md §20.7); internal to the client
 * library, reached through {@link org.parley.client.ParleySession}. Every operation runs on the
 * device's worker thread, in order with its private-message work.
 */
public final class EncryptedRooms {

    /** True if this device holds the room's log or the server said the room is encrypted. */
    public boolean isEncrypted(String room) {
        return false;
    }

    public CompletableFuture<ChatEvent.JoinedRoom> create(ParleyClient client, String room, RoomVisibility visibility) {
        return unsupported();
    }

    /** Joins a plaintext room, or an encrypted one by a signed join entry when the server says it is encrypted. */
    public CompletableFuture<ChatEvent.JoinedRoom> join(ParleyClient client, String room) {
        return client.join(room);
    }

    public CompletableFuture<Void> leave(ParleyClient client, String room) {
        return unsupported();
    }

    public CompletableFuture<Void> invite(ParleyClient client, String room, String user) {
        return unsupported();
    }

    public CompletableFuture<Void> kick(ParleyClient client, String room, String user) {
        return unsupported();
    }

    public CompletableFuture<Void> ban(ParleyClient client, String room, String user) {
        return unsupported();
    }

    public CompletableFuture<Void> setRole(ParleyClient client, String room, String user, Role role) {
        return unsupported();
    }

    public CompletableFuture<E2eRoomMessage> send(ParleyClient client, String room, String text) {
        return unsupported();
    }

    public CompletableFuture<List<E2eRoomMessage>> history(String room) {
        return unsupported();
    }

    public CompletableFuture<RoomSecurityView> view(String room) {
        return unsupported();
    }

    public CompletableFuture<Membership> membership(String room) {
        return unsupported();
    }

    private static <T> CompletableFuture<T> unsupported() {
        return CompletableFuture.failedFuture(new EndToEndException("encrypted rooms are not implemented yet"));
    }
}
