package org.parley.server.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.chat.ChatSession;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.PrekeyKind;
import org.parley.server.store.PrekeyPools;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoredPrekey;

/**
 * Prekey uploads, pool counts and bundle fetches.
 *
 * <p><b>Security.</b> Every uploaded record is checked ({@link PrekeyRecords}) before any is
 * stored, and an upload is stored in one transaction, so a bad record stores nothing. Pools are
 * bounded per device. The one-time prekeys handed out are limited per requesting account
 * ({@link BundleFetchLimiter}); a fetch beyond that limit is answered without them, never refused.
 */
final class Prekeys {
    /** One-time X25519 prekeys one device may keep on the server. */
    static final int MAX_X25519_POOL = 500;
    /** One-time ML-KEM prekeys one device may keep on the server (each is 1,253 bytes). */
    static final int MAX_KEM_POOL = 200;
    private final E2eContext context;
    private final PrekeyRecords records;
    private final BundleFetchLimiter limiter;

    Prekeys(E2eContext context, PrekeyRecords records, BundleFetchLimiter limiter) {
        this.context = context;
        this.records = records;
        this.limiter = limiter;
    }

    void upload(ChatSession session, ChatRequest.UploadPrekeys request) throws E2eRefusal, StoreException {
        long device = context.requireDevice(session);
        Bytes key = signingKey(session, device);
        Optional<StoredPrekey> signed = checked(request.signedPrekey(), PrekeyKind.SIGNED_X25519, key);
        Optional<StoredPrekey> lastResort = checked(request.lastResortPrekey(), PrekeyKind.LAST_RESORT_KEM, key);
        List<StoredPrekey> oneTime = new ArrayList<>();
        for (Bytes record : request.oneTimeX25519()) {
            oneTime.add(records.check(record, PrekeyKind.ONE_TIME_X25519, key));
        }
        for (Bytes record : request.oneTimeKem()) {
            oneTime.add(records.check(record, PrekeyKind.ONE_TIME_KEM, key));
        }
        PrekeyPools pools = context.store().pools(session.canonical(), device);
        if (pools.oneTimeX25519() + request.oneTimeX25519().size() > MAX_X25519_POOL
                || pools.oneTimeKem() + request.oneTimeKem().size() > MAX_KEM_POOL) {
            throw new E2eRefusal(ErrorCode.LIMIT_REACHED, "a device keeps at most " + MAX_X25519_POOL
                    + " one-time X25519 and " + MAX_KEM_POOL + " one-time ML-KEM prekeys on the server");
        }
        PrekeyPools after = context.store().storePrekeys(session.canonical(), device, signed, oneTime, lastResort);
        session.deliver(new ChatEvent.PrekeyCounts(request.requestId(), after.oneTimeX25519(), after.oneTimeKem()));
    }

    void count(ChatSession session, ChatRequest.CountPrekeys request) throws E2eRefusal, StoreException {
        long device = context.requireDevice(session);
        PrekeyPools pools = context.store().pools(session.canonical(), device);
        session.deliver(new ChatEvent.PrekeyCounts(request.requestId(), pools.oneTimeX25519(), pools.oneTimeKem()));
    }

    /**
     * Hands out one bundle per device of the user. Within the requesting account's allowance the
     * bundles carry (and the store deletes) one-time prekeys; beyond it they carry the signed and
     * last-resort prekeys only, as for a device whose pools are empty, so a session can always be
     * started (a room's first message to many members) while no account drains anyone's pools
     * faster than the allowance.
     */
    void fetchBundles(ChatSession session, ChatRequest.FetchBundles request) throws E2eRefusal, StoreException {
        AccountRecord account = Accounts.require(context.accounts(), request.user());
        boolean oneTime = limiter.tryFetch(session.canonical(), context.clock().millis());
        session.deliver(new ChatEvent.BundleList(request.requestId(), account.name(),
                context.store().takeBundles(account.canonicalName(), oneTime)));
    }

    private Optional<StoredPrekey> checked(Optional<Bytes> record, PrekeyKind kind, Bytes key) throws E2eRefusal {
        return record.isEmpty() ? Optional.empty() : Optional.of(records.check(record.get(), kind, key));
    }

    private Bytes signingKey(ChatSession session, long device) throws E2eRefusal, StoreException {
        return context.store().devices(session.canonical()).stream().filter(d -> d.deviceId() == device)
                .map(DeviceInfo::identity).map(DeviceProof::signingKey).findFirst()
                .orElseThrow(() -> new E2eRefusal(ErrorCode.NO_SUCH_DEVICE, "this device was removed"));
    }
}
