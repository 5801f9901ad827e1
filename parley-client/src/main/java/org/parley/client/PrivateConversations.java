package org.parley.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parley.client.e2ee.ContactDevice;
import org.parley.client.e2ee.E2eDevice;
import org.parley.client.e2ee.E2eMessage;
import org.parley.e2ee.safety.SafetyNumber;
import org.parley.protocol.chat.DeviceInfo;

/**
 * The end-to-end private operations of a {@link ParleySession} (docs/E2EE.md, "The client"):
 * sending, history, safety numbers, verification and this account's devices, each run on the
 * session's end-to-end device over the live connection and completed through the callback
 * executor. The session's public methods delegate here and keep their documentation.
 */
final class PrivateConversations {
    private final SessionLifecycle link;

    PrivateConversations(SessionLifecycle link) {
        this.link = link;
    }

    CompletableFuture<E2eMessage> send(String user, String text) {
        return link.onCallbacks(link.e2e().thenCompose(device -> device.send(link.client(), user, text)));
    }

    CompletableFuture<SafetyNumber> safetyNumber(String user) {
        return link.onCallbacks(link.e2e().thenCompose(device -> device.safetyNumber(link.client(), user)));
    }

    CompletableFuture<Void> markVerified(String user, SafetyNumber compared) {
        return link.onCallbacks(link.e2e().thenCompose(device -> device.markVerified(link.client(), user, compared)));
    }

    CompletableFuture<Void> acceptChanges(String user) {
        return link.onCallbacks(link.e2e().thenCompose(device -> device.acceptChanges(link.client(), user)));
    }

    CompletableFuture<java.util.Set<Long>> pendingOwnDevices() {
        return link.onCallbacks(link.e2e().thenCompose(device -> device.pendingOwnDevices(link.client())));
    }

    CompletableFuture<List<DeviceInfo>> devices() {
        return link.onCallbacks(link.e2e().thenCompose(device -> device.ownDevices(link.client())));
    }

    CompletableFuture<Void> removeDevice(long deviceId) {
        return link.onCallbacks(link.e2e().thenCompose(device -> device.removeDevice(link.client(), deviceId)));
    }

    long deviceId() {
        E2eDevice device = link.device();
        return device == null ? 0 : device.deviceId();
    }

    CompletableFuture<List<ContactDevice>> contactDevices(String user) {
        return link.onCallbacks(link.e2e().thenCompose(device -> device.contactDevices(user)));
    }

    CompletableFuture<List<ContactDevice>> ratchetView(String user) {
        return link.onCallbacks(link.e2e().thenCompose(device -> device.contactDevices(user))
                .thenApply(list -> list.stream().filter(d -> d.ratchet().isPresent()).toList()));
    }

    CompletableFuture<List<E2eMessage>> history(String user) {
        return link.onCallbacks(link.e2e().thenCompose(device -> device.history(user)));
    }
}
