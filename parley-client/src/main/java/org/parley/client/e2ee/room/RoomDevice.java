package org.parley.client.e2ee.room;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.parley.client.ParleyClient;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;

/** What the room logic needs from its end-to-end device (implemented by {@code E2eDevice}). */
public interface RoomDevice {

    /** The device's identity keys (they change only when the account lost the device and a new one was made). */
    DeviceKeys keys();

    /**
     * This device in the rooms: the account name as the server confirmed it and the device id;
     * fails before the device was added to the account.
     */
    DeviceRef self() throws org.parley.client.EndToEndException;

    /** The pairwise sessions, fetching bundles over {@code client} where a session must be started. */
    PairwiseSessions pairwise(ParleyClient client);

    /**
     * True if {@code device}'s user is a contact this device verified and the verification did
     * not cover that device with {@code identity} (docs/E2EE.md §20.5): its room messages are
     * shown after a {@link RoomNoticeKind#FROM_UNVERIFIED_DEVICE} notice.
     */
    boolean unverified(DeviceRef device, org.parley.crypto.Bytes identity) throws java.io.IOException;

    /**
     * The Ed25519 signing keys of this device and of every device the server lists for this
     * account now (the list is recorded, and its changes shown, as for any user: docs/E2EE.md §20.5).
     */
    java.util.Set<org.parley.crypto.Bytes> ownDeviceKeys(ParleyClient client) throws Exception;

    /**
     * Writes a room send to the device's outbox before its room state is stored and its request
     * written (docs/E2EE.md §20.7); returns its file.
     */
    String keep(org.parley.client.e2ee.PendingRoomSend send) throws java.io.IOException;

    /** The kept send in {@code file} has a definite outcome: it leaves the outbox. */
    void settled(String file) throws java.io.IOException;

    /** Keeps a room send whose answer was lost, to be sent again after the next login (docs/E2EE.md §20.3). */
    void unconfirmed(org.parley.client.e2ee.UnconfirmedSends.Send send);

    /** On the worker: sends again, in order, the device's unconfirmed sends over {@code client} (before a new send). */
    void resendUnconfirmed(ParleyClient client);

    /** Runs {@code task} on the device's worker thread, in order with all its other work. */
    <T> CompletableFuture<T> run(Callable<T> task);
}
