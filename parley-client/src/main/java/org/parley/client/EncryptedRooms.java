package org.parley.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.parley.client.e2ee.E2eDevice;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.e2ee.group.Membership;
import org.parley.e2ee.group.RoomSecurityView;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;

/**
 * The room operations of a {@link ParleySession} (docs/E2EE.md §19, §20.7): each goes to the
 * end-to-end device as a signed membership-log entry when the room is encrypted and as the plain
 * request otherwise, and every join is recorded for the rejoin after a reconnect. The session's
 * public methods delegate here and keep their documentation.
 */
final class EncryptedRooms {
    private final SessionLifecycle link;

    EncryptedRooms(SessionLifecycle link) {
        this.link = link;
    }

    CompletableFuture<ChatEvent.JoinedRoom> join(String room) {
        E2eDevice known = link.device();
        if (known == null) {
            return tracked(link.client().join(room));
        }
        if (known.rooms().isEncrypted(room)) {
            return tracked(e2e().thenCompose(device -> device.rooms().join(link.client(), room)));
        }
        // A room not known to be encrypted: the plain request is answered on the event thread, so
        // the answer is reported before the history pushes that follow it (the terminal's "joined,
        // then history" promise); the server's encrypted_room refusal, or an answer saying the room
        // is encrypted, goes through the device's worker as above.
        return tracked(link.client().join(room)
                .exceptionallyCompose(failure -> encryptedRoomRefusal(failure)
                        ? e2e().thenCompose(device -> device.rooms().join(link.client(), room))
                        : CompletableFuture.failedFuture(failure))
                .thenCompose(joined -> joined.room().encrypted() && !isEncrypted(room)
                        ? e2e().thenCompose(device -> device.rooms().join(link.client(), room))
                        : CompletableFuture.completedFuture(joined)));
    }

    private static boolean encryptedRoomRefusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        return cause instanceof RequestFailedException refused && refused.code() == ErrorCode.ENCRYPTED_ROOM;
    }

    CompletableFuture<ChatEvent.JoinedRoom> createRoom(String room, RoomVisibility visibility) {
        return tracked(link.client().createRoom(room, visibility));
    }

    CompletableFuture<ChatEvent.JoinedRoom> createEncryptedRoom(String room, RoomVisibility visibility) {
        return tracked(e2e().thenCompose(device -> device.rooms().create(link.client(), room, visibility)));
    }

    CompletableFuture<Void> leave(String room) {
        CompletableFuture<Void> left = isEncrypted(room)
                ? e2e().thenCompose(device -> device.rooms().leave(link.client(), room))
                : link.client().leave(room);
        return link.onCallbacks(left.thenRun(() -> link.rooms().remove(room)));
    }

    CompletableFuture<Void> invite(String room, String user) {
        return isEncrypted(room)
                ? link.onCallbacks(e2e().thenCompose(device -> device.rooms().invite(link.client(), room, user)))
                : link.onCallbacks(link.client().invite(room, user));
    }

    CompletableFuture<Void> kick(String room, String user, String reason) {
        return isEncrypted(room)
                ? link.onCallbacks(e2e().thenCompose(device -> device.rooms().kick(link.client(), room, user)))
                : link.onCallbacks(link.client().kick(room, user, reason));
    }

    CompletableFuture<Void> ban(String room, String user, Duration duration, String reason) {
        return isEncrypted(room)
                ? link.onCallbacks(e2e().thenCompose(device -> device.rooms().ban(link.client(), room, user)))
                : link.onCallbacks(link.client().ban(room, user, duration, reason));
    }

    CompletableFuture<Void> setRole(String room, String user, Role role) {
        return isEncrypted(room)
                ? link.onCallbacks(e2e().thenCompose(device -> device.rooms().setRole(link.client(), room, user, role)))
                : link.onCallbacks(link.client().setRole(room, user, role));
    }

    boolean isEncrypted(String room) {
        E2eDevice device = link.device();
        return device != null && device.rooms().isEncrypted(room);
    }

    CompletableFuture<E2eRoomMessage> send(String room, String text) {
        return link.onCallbacks(e2e().thenCompose(device -> device.rooms().send(link.client(), room, text)));
    }

    CompletableFuture<List<E2eRoomMessage>> history(String room) {
        return link.onCallbacks(e2e().thenCompose(device -> device.rooms().history(room)));
    }

    CompletableFuture<RoomSecurityView> view(String room) {
        return link.onCallbacks(e2e().thenCompose(device -> device.rooms().view(room)));
    }

    CompletableFuture<Membership> membership(String room) {
        return link.onCallbacks(e2e().thenCompose(device -> device.rooms().membership(room)));
    }

    private CompletableFuture<ChatEvent.JoinedRoom> tracked(CompletableFuture<ChatEvent.JoinedRoom> joining) {
        return link.onCallbacks(joining.thenApply(joined -> {
            link.rooms().add(joined.room().name());
            E2eDevice device = link.device();
            if (device != null && joined.room().encrypted()) {
                device.rooms().markEncrypted(joined.room().name());
            }
            return joined;
        }));
    }

    private CompletableFuture<E2eDevice> e2e() {
        return link.e2e();
    }
}
