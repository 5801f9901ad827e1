package org.parley.client.e2ee;

import static org.parley.client.e2ee.E2eDevice.await;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.parley.client.ParleyClient;
import org.parley.client.e2ee.room.EncryptedRooms;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.envelope.Envelope;
import org.parley.e2ee.envelope.EnvelopeCodec;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.session.Session;
import org.parley.e2ee.session.SessionStart;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.QueuedEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decrypts queued envelopes, stores each message (history and session, durably) and only then
 * acknowledges it: a message the sender saw accepted is never lost. An envelope that cannot be
 * decrypted becomes a {@link E2eEvent.DecryptFailure}, changes no session, and is acknowledged so
 * it cannot block the queue; the placeholder {@code 0x00} of a sender that could not encrypt for
 * this device is reported as {@link E2eEvent.NotEncryptedForThisDevice} and acknowledged the same way. A local storage failure stops the batch unacknowledged (the server
 * delivers it again after the next login). Envelopes are handled in queue order only: once a batch
 * stopped with envelopes unhandled, a later push on the same connection is not handled on its own
 * (its id would raise the high-water mark above the unhandled ones, which would then be acknowledged
 * unread when delivered again); the queue is read again from its start instead (E2EE.md §20.4).
 */
final class Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);

    private final E2eContext context;
    private final Lifecycle lifecycle;
    private final EncryptedRooms rooms;
    /** The connection on which a batch stopped before all its envelopes were handled, if any. */
    private ParleyClient stoppedOn;
    private final UnverifiedSenders unverified;

    Receiver(E2eContext context, Lifecycle lifecycle, EncryptedRooms rooms, UnverifiedSenders unverified) {
        this.context = context;
        this.unverified = unverified;
        this.lifecycle = lifecycle;
        this.rooms = rooms;
    }

    void receive(ParleyClient client, List<QueuedEnvelope> envelopes, boolean more) throws Exception {
        List<QueuedEnvelope> page = envelopes;
        boolean morePages = more;
        boolean started = false;
        boolean resume = client == stoppedOn;
        // Until this batch is done: any exit before leaves envelopes queued and unhandled.
        stoppedOn = client;
        if (resume) {
            // An earlier envelope of this connection is still queued: read the queue from its start, in order.
            ChatEvent.EnvelopePage queue = await(client.fetchEnvelopes(0));
            page = queue.envelopes();
            morePages = queue.more();
        }
        while (true) {
            List<Long> handled = new ArrayList<>();
            long alreadyHandled = context.state().lastHandledEnvelope();
            for (QueuedEnvelope queued : page) {
                try {
                    if (queued.id() > alreadyHandled && isPlaceholder(queued)) {
                        // The sender's device could not encrypt for this device (E2EE.md §20.3): nothing to read.
                        context.emit(new E2eEvent.NotEncryptedForThisDevice(queued.fromUser(), queued.fromDevice()));
                    } else if (queued.id() > alreadyHandled) {
                        started |= handle(client, queued);
                    }
                } catch (E2eeException e) {
                    context.emit(new E2eEvent.DecryptFailure(queued.fromUser(), queued.fromDevice(), e.error(),
                            e.getMessage()));
                } catch (IOException e) {
                    LOG.warn("end-to-end store failed; envelope {} stays queued: {}", queued.id(), e.getMessage());
                    forgetUnsaved();
                    ack(client, handled);
                    return;
                } catch (Exception e) {
                    // The server did not answer a device-list refresh: keep what is done, the rest comes again.
                    ack(client, handled);
                    throw e;
                }
                handled.add(queued.id());
            }
            ack(client, handled);
            if (!morePages || page.isEmpty()) {
                break;
            }
            ChatEvent.EnvelopePage next = await(client.fetchEnvelopes(page.getLast().id()));
            page = next.envelopes();
            morePages = next.more();
        }
        stoppedOn = null;
        if (started) {
            lifecycle.topUp(client);
        }
    }

    /** The placeholder envelope {@code 0x00} of a device left out of a send (exactly one byte). */
    private static boolean isPlaceholder(QueuedEnvelope queued) {
        return queued.envelope().length() == 1 && queued.envelope().get(0) == 0;
    }

    /**
     * After a failed write, drops what memory holds beyond the disk: the sessions, and the prekey
     * store, from which a session start that was not stored may have deleted its one-time prekey
     * (kept, it would refuse the start's redelivery as UNKNOWN_PREKEY, or a top-up would save it gone).
     */
    private void forgetUnsaved() {
        try {
            context.state().forgetUnsaved();
        } catch (IOException e) {
            LOG.warn("end-to-end store unreadable after a failed write: {}", e.getMessage());
        }
    }

    /** Records the handled ids durably, then acknowledges them. */
    private void ack(ParleyClient client, List<Long> ids) throws Exception {
        if (!ids.isEmpty()) {
            long highest = ids.stream().mapToLong(Long::longValue).max().orElseThrow();
            if (highest > context.state().lastHandledEnvelope()) {
                context.state().saveLastHandledEnvelope(highest);
            }
            await(client.ackEnvelopes(ids));
        }
    }

    private record Decrypted(Session session, InnerMessage inner, int skippedBefore) {
    }

    /**
     * Tries the sessions in order (current, then previous): after simultaneous starts a plain
     * message may be for either. A failed attempt leaves its session unchanged; if none opens the
     * envelope, the current session's error is thrown.
     */
    private static Decrypted decrypt(List<Session> candidates, Envelope envelope) throws E2eeException {
        E2eeException first = null;
        for (Session candidate : candidates) {
            int skippedBefore = candidate.view().skippedKeys();
            try {
                return new Decrypted(candidate, candidate.decrypt(envelope), skippedBefore);
            } catch (E2eeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    /** Decrypts, stores and reports one envelope; true if it started a session (a one-time prekey was used). */
    private boolean handle(ParleyClient client, QueuedEnvelope queued) throws Exception {
        LocalState state = context.state();
        String from = queued.fromUser();
        long device = queued.fromDevice();
        Envelope envelope = EnvelopeCodec.decode(queued.envelope());
        List<Session> sessions = state.sessions(from, device);
        Optional<Session> owner = sessions.stream().filter(s -> s.belongsHere(envelope)).findFirst();
        InnerMessage inner;
        Session used;
        int skippedBefore = 0;
        boolean started = false;
        if (owner.isEmpty() && envelope instanceof Envelope.Prekey start) {
            Optional<DeviceIdentity> known = knownIdentity(client, from, device);
            if (known.isEmpty()) {
                throw new E2eeException(E2eeError.WRONG_IDENTITY, "device " + device + " of " + from
                        + " is not in the server's device list");
            }
            SessionStart.Accepted accepted = SessionStart.accept(state.keys(), state.prekeys(), start, known);
            inner = accepted.firstMessage();
            used = accepted.session();
            started = true;
        } else if (owner.isPresent()) {
            Decrypted decrypted = decrypt(sessions.stream().filter(s -> s.belongsHere(envelope)).toList(), envelope);
            used = decrypted.session();
            inner = decrypted.inner();
            skippedBefore = decrypted.skippedBefore();
        } else {
            throw new E2eeException(E2eeError.PROTOCOL_VIOLATION, "a message for a session this device does not have");
        }
        if (inner.contentType() == InnerMessage.ContentType.SENDER_KEY) {
            // A room's sender key: the room stores it first, then the session (a re-delivery is a no-op).
            boolean fresh = rooms.distribution(client, new DeviceRef(from, device), used.peerIdentity(), inner);
            if (started && !fresh && !sessions.isEmpty()) {
                // A start whose keys the room already held (or refused), from a device this one has a
                // session with: a replay, as for a start whose message is in the history (E2EE.md §6.3).
                // Sending stays on the current session; the replay stores nothing. A genuine new session
                // is offered again by the peer's next message, which carries the start until answered.
                state.forgetUnsaved();
                return false;
            }
            if (started) {
                state.savePrekeys();
                state.replaceSession(from, device, used);
            } else {
                state.saveSession(from, device, used);
            }
            return started;
        }
        // Kept with the message, so that the history shows it too (the live notice is once per device).
        boolean fromUnverified = !from.equals(context.user()) && unverified.unverified(from, device, used.peerIdentity());
        E2eMessage message = message(from, device, used, inner, fromUnverified);
        boolean fresh = !state.seen(message.peer(), from, message.messageId());
        if (fresh) {
            state.append(message);
        }
        if (started && !fresh && !sessions.isEmpty()) {
            // A start whose message is already in the history, from a device this one has a session
            // with: a replay (E2EE.md §6.3). Sending stays on the current session, which the peer still
            // has; the replay stores nothing and is shown as the duplicate it is, like any other.
            state.forgetUnsaved();
            throw new E2eeException(E2eeError.DUPLICATE_MESSAGE, "a session start already received (a replay)");
        }
        if (started) {
            state.savePrekeys();
            state.replaceSession(from, device, used);
        } else if (sessions.getFirst() != used) {
            // The peer sends on what is our previous session (after simultaneous starts): send on
            // it too, so both sides converge on the session that carried the last message (E2EE.md §18).
            state.replaceSession(from, device, used);
        } else {
            state.saveSession(from, device, used);
        }
        if (fresh) {
            if (!from.equals(context.user())) {
                unverified.check(from, device, used.peerIdentity());
            }
            context.emit(new E2eEvent.Message(message));
        }
        int skipped = used.view().skippedKeys() - skippedBefore;
        if (skipped > 0) {
            // The message counter jumped: earlier messages of this chain have not arrived (E2EE.md §20.4).
            context.emit(new E2eEvent.MessagesMissing(from, device, skipped));
        }
        return started;
    }

    private E2eMessage message(String from, long device, Session session, InnerMessage inner, boolean fromUnverified)
            throws E2eeException {
        String text = inner.text();
        String peer = from;
        boolean outgoing = false;
        if (from.equals(context.user())) {
            // A copy of what this account sent from another device: "peer LF text" (docs/E2EE.md, "The client").
            int newline = text.indexOf('\n');
            if (newline <= 0) {
                throw E2eeException.malformed("a copy from an own device without its conversation");
            }
            peer = text.substring(0, newline);
            text = text.substring(newline + 1);
            outgoing = true;
        }
        return new E2eMessage(peer, from, device, outgoing, session.suite(),
                HexFormat.of().formatHex(inner.messageId().toByteArray()), inner.sentAt(), text, fromUnverified);
    }

    private Optional<DeviceIdentity> knownIdentity(ParleyClient client, String user, long device) throws Exception {
        Contact.KnownDevice known = context.state().contact(user).devices.get(device);
        if (known == null) {
            DeviceIdentity listed = new Directory(context).refresh(client, user).get(device);
            return Optional.ofNullable(listed);
        }
        return Optional.of(DeviceIdentity.parse(known.identity()));
    }
}
