package org.parley.server.store;

import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.PrekeyBundle;
import org.parley.protocol.chat.QueuedEnvelope;

/**
 * End-to-end devices, prekeys and envelope queues. Accounts are canonical names. The store keeps
 * blobs as given and never interprets an envelope.
 */
public interface E2eStore {

    /** The account's devices in id order. */
    List<DeviceInfo> devices(String account) throws StoreException;

    /** Each account's devices in id order, in the order given, read in one transaction. */
    List<List<DeviceInfo>> devices(List<String> accounts) throws StoreException;

    /**
     * Adds a device with its first signed and last-resort prekeys in one transaction and returns
     * its id: one more than any id the account ever had.
     */
    long addDevice(String account, Bytes identity, Bytes signingKey, String name, long nowMillis,
                   StoredPrekey signed, StoredPrekey lastResort) throws StoreException;

    /** Removes a device with its prekeys and queue; false if it did not exist. */
    boolean removeDevice(String account, long deviceId) throws StoreException;

    void touchDevice(String account, long deviceId, long nowMillis) throws StoreException;

    /** Stores an upload in one transaction: signed and last-resort records replace, one-time records are added. */
    PrekeyPools storePrekeys(String account, long deviceId, Optional<StoredPrekey> signed, List<StoredPrekey> oneTime,
                             Optional<StoredPrekey> lastResort) throws StoreException;

    PrekeyPools pools(String account, long deviceId) throws StoreException;

    /** One bundle per device, in one transaction that deletes every one-time record it hands out. */
    default List<PrekeyBundle> takeBundles(String account) throws StoreException {
        return takeBundles(account, true);
    }

    /**
     * One bundle per device. With {@code oneTime}, as {@link #takeBundles(String)}; without, each
     * bundle holds the signed prekey and the last-resort ML-KEM prekey only, and nothing is deleted.
     */
    List<PrekeyBundle> takeBundles(String account, boolean oneTime) throws StoreException;

    /**
     * Each account's bundles as {@link #takeBundles(String, boolean)} with its own {@code oneTime},
     * in the order given, all in one transaction.
     */
    List<List<PrekeyBundle>> takeBundles(List<BundleTake> takes) throws StoreException;

    /**
     * Queues a send's envelopes in one transaction and records that the two accounts talk;
     * returns the envelopes' ids, in the order given.
     */
    default List<Long> enqueue(String sender, long senderDevice, String senderAccount, String peerAccount,
                               List<NewEnvelope> envelopes, long nowMillis) throws StoreException {
        return enqueue(sender, senderDevice, senderAccount, peerAccount, envelopes, nowMillis, Optional.empty());
    }

    /**
     * As above, for a send made once: {@code send}, if present, is stored in the same transaction,
     * answered with the first envelope's id, at {@code nowMillis} (docs/PROTOCOL.md 14.5).
     */
    List<Long> enqueue(String sender, long senderDevice, String senderAccount, String peerAccount,
                       List<NewEnvelope> envelopes, long nowMillis, Optional<SendMark> send) throws StoreException;

    /** The device's queue after {@code afterId}, oldest first, at most {@code limit}. */
    List<QueuedEnvelope> queued(String account, long deviceId, long afterId, int limit) throws StoreException;

    int queueLength(String account, long deviceId) throws StoreException;

    /** Deletes the listed envelopes of this device's queue only; returns how many were deleted. */
    int acknowledge(String account, long deviceId, List<Long> envelopeIds) throws StoreException;

    /** Accounts that have exchanged envelopes with {@code account}. */
    List<String> contactsOf(String account) throws StoreException;
}
