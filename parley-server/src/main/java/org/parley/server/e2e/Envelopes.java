package org.parley.server.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.QueuedEnvelope;
import org.parley.server.chat.ChatSession;
import org.parley.server.metrics.MessageKind;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.NewEnvelope;
import org.parley.server.store.SendMark;
import org.parley.server.store.StoreException;

/**
 * Sending, queueing, delivering and acknowledging end-to-end envelopes.
 *
 * <p>A send must address exactly the current devices: every device of the peer and every other
 * device of the sender, so nobody silently misses a message after a device change; otherwise the
 * answer is {@link ChatEvent.DeviceMismatch} with the current ids. Envelopes wait in their
 * device's queue until that device acknowledges them.
 *
 * <p><b>Security.</b> Envelopes are opaque: never parsed, logged or printed; the audit and console
 * logs get nothing per envelope. The queue read and acknowledged is always the bound device's own.
 */
final class Envelopes {
    /** Envelopes waiting for one device; a send to a device whose queue is full is refused. */
    static final int MAX_QUEUE = 5_000;
    /** Upper bound of a QueuedEnvelope's encoding besides the envelope: id, sender, device, time, lengths. */
    private static final int ENTRY_OVERHEAD = 8 + 65 + 4 + 8 + 2;
    private static final int EVENT_RESERVE = 1024;
    private final E2eContext context;

    Envelopes(E2eContext context) {
        this.context = context;
    }

    /**
     * Returns the answer it delivered: {@code Accepted} or {@code DeviceMismatch} (a refusal is
     * thrown). {@code send}, if present, is stored with the envelopes, in their transaction.
     */
    ChatEvent send(ChatSession session, ChatRequest.SendEnvelopes request, Optional<SendMark> send)
            throws E2eRefusal, StoreException {
        long device = context.requireDevice(session);
        AccountRecord peer = Accounts.require(context.accounts(), request.peer());
        if (peer.canonicalName().equals(session.canonical())) {
            throw new E2eRefusal(ErrorCode.NOT_PERMITTED, "send to another user; your other devices get their copies");
        }
        List<Long> peerDevices = ids(context.store().devices(peer.canonicalName()));
        List<Long> ownDevices = ids(context.store().devices(session.canonical()));
        if (!ownDevices.contains(device)) {
            // Removed (by the user on another session, or by an operator) after this session bound to it.
            throw new E2eRefusal(ErrorCode.NO_SUCH_DEVICE, "this device was removed from your account");
        }
        if (peerDevices.isEmpty()) {
            throw new E2eRefusal(ErrorCode.NO_SUCH_DEVICE, peer.name() + " has no device for end-to-end messages yet");
        }
        List<NewEnvelope> queued = new ArrayList<>();
        Set<String> addressed = new HashSet<>();
        for (EnvelopeTarget target : request.envelopes()) {
            String account = Accounts.require(context.accounts(), target.user()).canonicalName();
            if (!addressed.add(account + "\u0000" + target.deviceId())) {
                throw new E2eRefusal(ErrorCode.MALFORMED_REQUEST, "device " + target.deviceId() + " addressed twice");
            }
            queued.add(new NewEnvelope(account, target.deviceId(), target.envelope()));
        }
        if (!addressed.equals(expected(peer.canonicalName(), peerDevices, session.canonical(), ownDevices, device))) {
            ChatEvent mismatch = new ChatEvent.DeviceMismatch(request.requestId(), peer.name(), peerDevices, ownDevices);
            session.deliver(mismatch);
            return mismatch;
        }
        return queue(session, request.requestId(), device, peer.canonicalName(), queued, send);
    }

    /** Checks the queues' bound, queues every envelope in one transaction, answers, then pushes each. */
    private ChatEvent queue(ChatSession session, long requestId, long device, String peerAccount, List<NewEnvelope> queued,
                            Optional<SendMark> send) throws E2eRefusal, StoreException {
        for (NewEnvelope envelope : queued) {
            if (context.store().queueLength(envelope.account(), envelope.deviceId()) >= MAX_QUEUE) {
                throw new E2eRefusal(ErrorCode.LIMIT_REACHED, "device " + envelope.deviceId()
                        + " has " + MAX_QUEUE + " envelopes waiting; try again later");
            }
        }
        long now = context.clock().millis();
        List<Long> ids = context.store().enqueue(session.user(), device, session.canonical(), peerAccount,
                queued, now, send);
        context.metrics().messageReceived(MessageKind.END_TO_END);
        context.metrics().envelopesQueued(ids.size());
        ChatEvent accepted = new ChatEvent.Accepted(requestId, ids.getFirst());
        session.deliver(accepted);
        for (int i = 0; i < queued.size(); i++) {
            NewEnvelope envelope = queued.get(i);
            ChatEvent live = new ChatEvent.EnvelopeBatch(List.of(new QueuedEnvelope(ids.get(i), session.user(), device,
                    now, envelope.envelope())), false);
            context.deliver(context.sessions().sessionsOf(envelope.account(), envelope.deviceId()), live);
        }
        return accepted;
    }

    /**
     * Queues sender-key distributions of an encrypted room: every target a current device of a
     * member ({@code members}: target user name to canonical name, members only), none twice, not
     * the sending device. Queued like {@link #send}'s envelopes, all or nothing.
     */
    void sendRoomKeys(ChatSession session, ChatRequest.SendRoomKeys request, Map<String, String> members)
            throws E2eRefusal, StoreException {
        long device = context.requireDevice(session);
        List<NewEnvelope> queued = new ArrayList<>();
        Set<String> addressed = new HashSet<>();
        Map<String, List<Long>> devices = new HashMap<>();
        for (EnvelopeTarget target : request.envelopes()) {
            String account = members.get(target.user());
            if (account != null && !devices.containsKey(account)) {
                devices.put(account, ids(context.store().devices(account)));
            }
            if (account == null || !devices.get(account).contains(target.deviceId())) {
                throw new E2eRefusal(ErrorCode.NO_SUCH_DEVICE, "device " + target.deviceId() + " of "
                        + target.user() + " is not a current device of a member of this room");
            }
            if (account.equals(session.canonical()) && target.deviceId() == device) {
                throw new E2eRefusal(ErrorCode.MALFORMED_REQUEST, "the sending device does not send keys to itself");
            }
            if (!addressed.add(account + "\u0000" + target.deviceId())) {
                throw new E2eRefusal(ErrorCode.MALFORMED_REQUEST, "device " + target.deviceId() + " addressed twice");
            }
            queued.add(new NewEnvelope(account, target.deviceId(), target.envelope()));
        }
        // Room keys make no contacts: the room's members learn of device changes from its log.
        queue(session, request.requestId(), device, session.canonical(), queued, Optional.empty());
    }

    void fetch(ChatSession session, ChatRequest.FetchEnvelopes request) throws E2eRefusal, StoreException {
        long device = context.requireDevice(session);
        session.deliver(page(request.requestId(), session.canonical(), device, request.afterId()));
    }

    void acknowledge(ChatSession session, ChatRequest.AckEnvelopes request) throws E2eRefusal, StoreException {
        long device = context.requireDevice(session);
        int deleted = context.store().acknowledge(session.canonical(), device, request.envelopeIds());
        session.deliver(new ChatEvent.Accepted(request.requestId(), deleted));
    }

    /** Pushes the first page of a device's queue to a session that just bound to it (offline delivery). */
    void push(ChatSession session, String account, long device) throws StoreException {
        ChatEvent.EnvelopePage first = page(0, account, device, 0);
        if (!first.envelopes().isEmpty()) {
            session.deliver(new ChatEvent.EnvelopeBatch(first.envelopes(), first.more()));
        }
    }

    /** The oldest envelopes after {@code afterId} that fit one event; {@code more} if others wait. */
    private ChatEvent.EnvelopePage page(long requestId, String account, long device, long afterId)
            throws StoreException {
        List<QueuedEnvelope> candidates = context.store().queued(account, device, afterId,
                ChatLimits.MAX_ENVELOPES_PER_BATCH + 1);
        long budget = context.maxEventBytes() - EVENT_RESERVE;
        long total = 0;
        int count = 0;
        while (count < Math.min(candidates.size(), ChatLimits.MAX_ENVELOPES_PER_BATCH)) {
            total += ENTRY_OVERHEAD + candidates.get(count).envelope().length();
            if (total > budget) {
                break;
            }
            count++;
        }
        return new ChatEvent.EnvelopePage(requestId, List.copyOf(candidates.subList(0, count)),
                count < candidates.size());
    }

    private static Set<String> expected(String peer, List<Long> peerDevices, String own, List<Long> ownDevices,
                                        long sendingDevice) {
        Set<String> expected = new HashSet<>();
        peerDevices.forEach(id -> expected.add(peer + "\u0000" + id));
        ownDevices.stream().filter(id -> id != sendingDevice).forEach(id -> expected.add(own + "\u0000" + id));
        return expected;
    }

    private static List<Long> ids(List<DeviceInfo> devices) {
        return devices.stream().map(DeviceInfo::deviceId).toList();
    }
}
