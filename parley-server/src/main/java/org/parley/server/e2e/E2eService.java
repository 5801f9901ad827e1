package org.parley.server.e2e;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.server.chat.ChatSession;
import org.parley.server.log.AuditLog;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.rooms.BoundDevice;
import org.parley.server.store.AccountStore;
import org.parley.server.store.E2eStore;
import org.parley.server.store.SendMark;
import org.parley.server.store.StoreException;

/**
 * The server side of end-to-end private conversations (docs/PROTOCOL.md, Section 14.8): devices,
 * prekeys, bundles and envelope queues. The chat layer calls one method per request, on the
 * thread that handles chat requests, and tells it when sessions start and end.
 *
 * <p>A refused request is answered here with {@code Rejected}; a store failure is thrown to the
 * caller, which answers {@code internal}.
 *
 * <p><b>Security.</b> The server stores and relays identities, prekey records and envelopes as
 * blobs; it reads only an identity's signing key and a record's kind, key id and signature, and
 * it never holds a key that opens an envelope. What it still learns is in docs/SECURITY.md.
 */
public final class E2eService {
    private final E2eContext context;
    private final DeviceRequests devices;
    private final Prekeys prekeys;
    private final Envelopes envelopes;
    private final DirectoryBatches batches;

    public E2eService(E2eStore store, AccountStore accounts, AuditLog audit, Clock clock, int maxEventBytes) {
        this(store, accounts, audit, clock, maxEventBytes, ServerMetrics.off());
    }

    /** As above, recording queued envelopes in {@code metrics}. */
    public E2eService(E2eStore store, AccountStore accounts, AuditLog audit, Clock clock, int maxEventBytes,
                      ServerMetrics metrics) {
        this(store, accounts, audit, clock, maxEventBytes, BundleFetchLimiter.DEFAULT_BURST,
                BundleFetchLimiter.DEFAULT_REFILL_MILLIS, metrics);
    }

    /** As above, with the bundle-fetch limit: {@code bundleBurst} fetches, then one per {@code bundleRefillMillis}. */
    public E2eService(E2eStore store, AccountStore accounts, AuditLog audit, Clock clock, int maxEventBytes,
                      int bundleBurst, long bundleRefillMillis) {
        this(store, accounts, audit, clock, maxEventBytes, bundleBurst, bundleRefillMillis, ServerMetrics.off());
    }

    private E2eService(E2eStore store, AccountStore accounts, AuditLog audit, Clock clock, int maxEventBytes,
                       int bundleBurst, long bundleRefillMillis, ServerMetrics metrics) {
        this.context = new E2eContext(store, accounts, new DeviceSessions(), audit, clock, maxEventBytes, metrics);
        PrekeyRecords records = new PrekeyRecords();
        this.envelopes = new Envelopes(context);
        this.devices = new DeviceRequests(context, records, envelopes);
        BundleFetchLimiter limiter = new BundleFetchLimiter(bundleBurst, bundleRefillMillis);
        this.prekeys = new Prekeys(context, records, limiter);
        this.batches = new DirectoryBatches(context, limiter);
    }

    /** Remembers the session for device announcements; may run on any thread (no store access). */
    public void sessionStarted(ChatSession session) {
        context.sessions().started(session);
    }

    /**
     * Forgets the session; may run on any thread (no store access). Returns the device it was bound
     * to, if any, for {@link #deviceLastSeen} on the end-to-end lane.
     */
    public OptionalLong sessionEnded(ChatSession session) {
        return context.sessions().ended(session);
    }

    /** Records when a device whose session ended was last seen (a store write: on the end-to-end lane). */
    public void deviceLastSeen(ChatSession session, long deviceId) throws StoreException {
        context.store().touchDevice(session.canonical(), deviceId, context.clock().millis());
    }

    public void addDevice(ChatSession s, ChatRequest.AddDevice r) throws StoreException {
        run(s, r, () -> devices.add(s, r));
    }

    public void bindDevice(ChatSession s, ChatRequest.BindDevice r) throws StoreException {
        run(s, r, () -> devices.bind(s, r));
    }

    public void listDevices(ChatSession s, ChatRequest.ListDevices r) throws StoreException {
        run(s, r, () -> devices.list(s, r));
    }

    public void removeDevice(ChatSession s, ChatRequest.RemoveDevice r) throws StoreException {
        run(s, r, () -> devices.remove(s, r));
    }

    public void uploadPrekeys(ChatSession s, ChatRequest.UploadPrekeys r) throws StoreException {
        run(s, r, () -> prekeys.upload(s, r));
    }

    public void countPrekeys(ChatSession s, ChatRequest.CountPrekeys r) throws StoreException {
        run(s, r, () -> prekeys.count(s, r));
    }

    public void fetchBundles(ChatSession s, ChatRequest.FetchBundles r) throws StoreException {
        run(s, r, () -> prekeys.fetchBundles(s, r));
    }

    /**
     * Answers a ListDevicesMany; returns the entries the answer carried (each device, and each user
     * with none, counts one), 0 if it was refused here, for the caller to charge. An answer the
     * link then refuses as too large ({@code message_too_large}) still counts what it read.
     */
    public int listDevicesMany(ChatSession s, ChatRequest.ListDevicesMany r) throws StoreException {
        return counted(s, r, () -> batches.list(s, r));
    }

    /** Answers a FetchBundlesMany in one transaction; returns its entries as {@link #listDevicesMany} does. */
    public int fetchBundlesMany(ChatSession s, ChatRequest.FetchBundlesMany r) throws StoreException {
        return counted(s, r, () -> batches.fetch(s, r));
    }

    /** Sends envelopes; returns the answer delivered ({@code Accepted}, {@code DeviceMismatch} or {@code Rejected}). */
    public ChatEvent sendEnvelopes(ChatSession s, ChatRequest.SendEnvelopes r) throws StoreException {
        return sendEnvelopes(s, r, Optional.empty());
    }

    /**
     * As {@link #sendEnvelopes(ChatSession, ChatRequest.SendEnvelopes)}, for a send made once:
     * {@code send} is stored in the envelopes' own transaction (docs/PROTOCOL.md 14.5).
     */
    public ChatEvent sendEnvelopes(ChatSession s, ChatRequest.SendEnvelopes r, Optional<SendMark> send)
            throws StoreException {
        try {
            return envelopes.send(s, r, send);
        } catch (E2eRefusal refusal) {
            ChatEvent rejected = new ChatEvent.Rejected(r.requestId(), refusal.code(), refusal.getMessage());
            s.deliver(rejected);
            return rejected;
        }
    }

    public void fetchEnvelopes(ChatSession s, ChatRequest.FetchEnvelopes r) throws StoreException {
        run(s, r, () -> envelopes.fetch(s, r));
    }

    public void ackEnvelopes(ChatSession s, ChatRequest.AckEnvelopes r) throws StoreException {
        run(s, r, () -> envelopes.acknowledge(s, r));
    }

    /**
     * The device this session is bound to, with its identity and the account's current devices;
     * empty if the session is not bound (or its device was removed since).
     */
    public Optional<BoundDevice> boundDevice(ChatSession session) throws StoreException {
        OptionalLong device = context.sessions().deviceOf(session);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        List<DeviceInfo> devices = context.store().devices(session.canonical());
        return devices.stream().filter(d -> d.deviceId() == device.getAsLong()).findFirst()
                .map(d -> new BoundDevice(session.user(), d.deviceId(), d.identity(), devices));
    }

    /**
     * Sender-key distributions for an encrypted room (docs/PROTOCOL.md, Section 14.9):
     * {@code members} maps each target user name of the request that is a member of the room, as
     * the room's lane saw it, to its canonical name.
     */
    public void sendRoomKeys(ChatSession s, ChatRequest.SendRoomKeys r, Map<String, String> members)
            throws StoreException {
        run(s, r, () -> envelopes.sendRoomKeys(s, r, members));
    }

    private static void run(ChatSession session, ChatRequest request, Step step) throws StoreException {
        try {
            step.run();
        } catch (E2eRefusal refusal) {
            session.deliver(new ChatEvent.Rejected(request.requestId(), refusal.code(), refusal.getMessage()));
        }
    }

    private static int counted(ChatSession session, ChatRequest request, CountedStep step) throws StoreException {
        try {
            return step.run();
        } catch (E2eRefusal refusal) {
            session.deliver(new ChatEvent.Rejected(request.requestId(), refusal.code(), refusal.getMessage()));
            return 0;
        }
    }

    @FunctionalInterface
    private interface CountedStep {
        int run() throws E2eRefusal, StoreException;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws E2eRefusal, StoreException;
    }
}
