package org.parley.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.parley.client.e2ee.E2eDevice;
import org.parley.client.e2ee.PendingPlainSend;
import org.parley.client.e2ee.PlainRoomOutbox;
import org.parley.protocol.chat.SendId;

/**
 * The plaintext-room sends of a {@link ParleySession} (docs/PROTOCOL.md 14.5, docs/E2EE.md 20.3):
 * sent once through the session's {@link Outbox}, and, in a session with an end-to-end device,
 * kept in the device's outbox on disk from before the request is written until the message has a
 * definite outcome, so that a crash, kill or quit loses nothing: the next start sends it again
 * with the same send id and text ({@link #restore}).
 *
 * <p>The device directory is opened at the first login, before {@link ParleySession#start}
 * completes, so every send of a session with {@link SessionSettings#e2e() end-to-end settings}
 * finds it open, also while the session reconnects. A session without them keeps its messages in
 * memory only, as {@link Outbox} describes.
 */
final class RoomTexts {
    private final SessionLifecycle link;

    RoomTexts(SessionLifecycle link) {
        this.link = link;
    }

    /** Sends {@code text} to {@code room} once (see {@link ParleySession#sendRoomText}). */
    CompletableFuture<Long> send(String room, String text) {
        E2eDevice device = link.device();
        if (device == null) {
            return link.onCallbacks(link.outbox().send(request(room, text)));
        }
        PlainRoomOutbox disk = device.plainOutbox();
        return link.onCallbacks(link.outbox().send(request(room, text), (sendId, firstTry, kept, failed) -> disk.keep(
                new PendingPlainSend(room, text, sendId, firstTry),
                file -> kept.accept(file == null ? Outbox.Kept.NOWHERE : new OnDisk(disk, file)), failed::accept)));
    }

    /**
     * After the first login, before the session is handed out: the sends {@code device}'s start
     * found on disk wait in {@code outbox}, in first-try order, ahead of every new send; each
     * outcome is reported as an {@link org.parley.client.e2ee.E2eEvent.RoomTextSettled}.
     */
    static void restore(E2eDevice device, Outbox<ParleyClient> outbox) {
        if (device == null) {
            return;
        }
        PlainRoomOutbox disk = device.plainOutbox();
        for (PlainRoomOutbox.Kept kept : disk.takeRestored()) {
            PendingPlainSend send = kept.send();
            outbox.restore(request(send.room(), send.text()), send.sendId(), send.firstTry(), new OnDisk(disk, kept.file()))
                    .whenComplete((id, failure) -> disk.report(send, id, failure));
        }
    }

    private static BiFunction<ParleyClient, SendId, CompletableFuture<Long>> request(String room, String text) {
        return (client, sendId) -> client.sendRoom(room, text, sendId);
    }

    /** A message in the device's outbox, deleted there once it has a definite outcome. */
    private record OnDisk(PlainRoomOutbox disk, String file) implements Outbox.Kept {
        @Override
        public void settled() {
            disk.settled(file);
        }

        @Override
        public boolean onDisk() {
            return true;
        }
    }
}
