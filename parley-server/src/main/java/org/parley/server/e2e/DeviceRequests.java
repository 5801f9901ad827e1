package org.parley.server.e2e;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.DeviceChange;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.chat.ChatSession;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.PrekeyKind;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoredPrekey;

/**
 * Adding, binding, listing and removing devices.
 *
 * <p><b>Security.</b> Adding and binding need a {@link DeviceProof} over this connection's channel
 * binding, so a session is bound only to a device whose key it holds. Removal is of the
 * requester's own devices only. The audit log records device ids, never identities or keys.
 */
final class DeviceRequests {
    private final E2eContext context;
    private final DeviceProof proofs = new DeviceProof();
    private final PrekeyRecords records;
    private final Envelopes envelopes;

    DeviceRequests(E2eContext context, PrekeyRecords records, Envelopes envelopes) {
        this.context = context;
        this.records = records;
        this.envelopes = envelopes;
    }

    void add(ChatSession session, ChatRequest.AddDevice request) throws E2eRefusal, StoreException {
        refuseIfBound(session);
        Bytes signingKey = DeviceProof.signingKey(request.identity());
        if (!proofs.wellFormed(signingKey)) {
            throw new E2eRefusal(ErrorCode.MALFORMED_REQUEST, "the identity does not start with an Ed25519 public key");
        }
        if (!proofs.verify(signingKey, session.channelBinding(), request.proof())) {
            throw new E2eRefusal(ErrorCode.BAD_SIGNATURE, "the device proof does not verify for this connection");
        }
        StoredPrekey signed = records.check(request.signedPrekey(), PrekeyKind.SIGNED_X25519, signingKey);
        StoredPrekey lastResort = records.check(request.lastResortPrekey(), PrekeyKind.LAST_RESORT_KEM, signingKey);
        List<DeviceInfo> devices = context.store().devices(session.canonical());
        Optional<DeviceInfo> same = devices.stream()
                .filter(d -> DeviceProof.signingKey(d.identity()).equals(signingKey)).findFirst();
        if (same.isPresent()) {
            throw new E2eRefusal(ErrorCode.NOT_PERMITTED, "this key is already device " + same.get().deviceId()
                    + " of your account; bind it instead");
        }
        if (devices.size() >= ChatLimits.MAX_DEVICES) {
            throw new E2eRefusal(ErrorCode.LIMIT_REACHED, "an account may have at most " + ChatLimits.MAX_DEVICES
                    + " devices; remove one first");
        }
        long id = context.store().addDevice(session.canonical(), request.identity(), signingKey, request.name(),
                context.clock().millis(), signed, lastResort);
        context.sessions().bind(session, id);
        context.audit().record("device_added", Map.of("user", session.user(), "device", id, "session", session.id()));
        session.deliver(new ChatEvent.Accepted(request.requestId(), id));
        announce(session.user(), session.canonical(), id, DeviceChange.ADDED);
    }

    void bind(ChatSession session, ChatRequest.BindDevice request) throws E2eRefusal, StoreException {
        refuseIfBound(session);
        DeviceInfo device = own(session, request.deviceId());
        if (!proofs.verify(DeviceProof.signingKey(device.identity()), session.channelBinding(), request.proof())) {
            throw new E2eRefusal(ErrorCode.BAD_SIGNATURE, "the device proof does not verify for this connection");
        }
        context.sessions().bind(session, device.deviceId());
        context.store().touchDevice(session.canonical(), device.deviceId(), context.clock().millis());
        session.deliver(new ChatEvent.Accepted(request.requestId(), device.deviceId()));
        envelopes.push(session, session.canonical(), device.deviceId());
    }

    void list(ChatSession session, ChatRequest.ListDevices request) throws E2eRefusal, StoreException {
        AccountRecord account = Accounts.require(context.accounts(), request.user());
        session.deliver(new ChatEvent.DeviceList(request.requestId(), account.name(),
                context.store().devices(account.canonicalName())));
    }

    void remove(ChatSession session, ChatRequest.RemoveDevice request) throws E2eRefusal, StoreException {
        own(session, request.deviceId());
        context.store().removeDevice(session.canonical(), request.deviceId());
        context.sessions().deviceRemoved(session.canonical(), request.deviceId());
        context.audit().record("device_removed", Map.of("user", session.user(), "device", request.deviceId(),
                "by", "user"));
        session.deliver(new ChatEvent.Accepted(request.requestId(), request.deviceId()));
        announce(session.user(), session.canonical(), request.deviceId(), DeviceChange.REMOVED);
    }

    /** Tells the owner's sessions and the online sessions of everyone the owner has talked to end to end. */
    void announce(String user, String account, long deviceId, DeviceChange change) throws StoreException {
        ChatEvent event = new ChatEvent.DeviceChanged(user, deviceId, change);
        List<String> accounts = Stream.concat(Stream.of(account), context.store().contactsOf(account).stream())
                .distinct().toList();
        for (String each : accounts) {
            context.deliver(context.sessions().sessionsOf(each), event);
        }
    }

    private DeviceInfo own(ChatSession session, long deviceId) throws E2eRefusal, StoreException {
        return context.store().devices(session.canonical()).stream().filter(d -> d.deviceId() == deviceId).findFirst()
                .orElseThrow(() -> new E2eRefusal(ErrorCode.NO_SUCH_DEVICE, "your account has no device " + deviceId));
    }

    private void refuseIfBound(ChatSession session) throws E2eRefusal {
        if (context.sessions().deviceOf(session).isPresent()) {
            throw new E2eRefusal(ErrorCode.NOT_PERMITTED, "this session is already bound to device "
                    + context.sessions().deviceOf(session).getAsLong());
        }
    }
}
