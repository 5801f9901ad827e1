package org.parley.protocol.channel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.PeerAlertException;
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.ClientHandshake;
import org.parley.protocol.handshake.Established;
import org.parley.protocol.handshake.Handshake;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.handshake.ServerHandshake;
import org.parley.protocol.record.BatchRecords;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameDecoder;
import org.parley.protocol.record.FrameType;
import org.parley.protocol.record.RecordLimits;

/**
 * One end of a Parley secure channel, sans I/O: feed it the bytes that arrived, send what
 * {@link #drainOutbound()} returns, in order. Used by the server and the client library alike.
 *
 * <p>States: HANDSHAKING, ESTABLISHED, CLOSED (close_notify received), FAILED. Any protocol error
 * queues the matching alert, wipes every key and makes the channel FAILED for good.
 *
 * <p>The state, every check of it and the answers to the peer's control records are here; the
 * sending half ({@link ChannelOutbound}) queues and seals, the receiving half ({@link ChannelInbound})
 * opens records and checks their content.
 *
 * <p>Not thread-safe: one channel belongs to one connection and is driven from one thread at a time.
 */
public final class SecureChannel {
    public enum State { HANDSHAKING, ESTABLISHED, CLOSED, FAILED }

    /** Only while HANDSHAKING: dropped once established, with its transcript and handshake keys. */
    private Handshake handshake;
    private final FrameDecoder decoder = new FrameDecoder();
    private final ChannelOutbound outbound;
    private final ChannelInbound inbound;
    private State state = State.HANDSHAKING;
    private SessionInfo session;
    private boolean closeSent;

    private SecureChannel(Handshake handshake, RecordLimits limits) {
        this.handshake = handshake;
        this.inbound = new ChannelInbound(limits.maxMessageSize());
        this.outbound = new ChannelOutbound(limits.maxMessageSize());
    }

    /** A client channel; its ClientHello is queued for sending at once. */
    public static SecureChannel client(ClientConfig config) {
        ClientHandshake handshake = new ClientHandshake(config);
        SecureChannel channel = new SecureChannel(handshake, config.limits());
        channel.outbound.queue(handshake.start());
        return channel;
    }

    /** A server channel waiting for a ClientHello. */
    public static SecureChannel server(ServerConfig config) {
        return new SecureChannel(new ServerHandshake(config), config.limits());
    }

    /**
     * Processes every complete frame in {@code input} (partial frames are buffered).
     *
     * @return what happened, in order
     * @throws ParleyException on any protocol failure; the alert is already queued for sending
     */
    public List<ChannelEvent> receive(ByteBuffer input) throws ParleyException {
        List<ChannelEvent> events = new ArrayList<>();
        if (state == State.FAILED) {
            throw new RecordException(Alert.INTERNAL_ERROR, "channel already failed");
        }
        try {
            while (state != State.FAILED) {
                if (ignoredAfterClose(input)) {
                    break;
                }
                // An established channel opens a record that arrived whole where it lies, without
                // copying its frame out of the input first; anything else goes through the buffer.
                ByteBuffer payload = state == State.ESTABLISHED ? decoder.decodeInPlace(input) : null;
                if (payload != null) {
                    handleRecord(decoder.inPlaceType(), payload, events);
                    continue;
                }
                Optional<Frame> frame = decoder.decode(input);
                if (frame.isEmpty()) {
                    break;
                }
                handleFrame(frame.get(), events);
            }
        } catch (ParleyException | RuntimeException e) {
            fail(e);
            throw e;
        }
        return events;
    }

    /**
     * Processes every complete frame in {@code input} like {@link #receive(ByteBuffer)}, with the same
     * checks in the same order, but hands each application message to {@code receiver} as a range of
     * an array this channel reuses (every record opened into it, a batch record's messages read where
     * they lie, the array wiped after each record) and every other event as it happens: no event,
     * list, view or plaintext array is allocated per record. A fragmented message is joined as by
     * {@link #receive(ByteBuffer)} and handed on whole. The receiver may send on this channel from its
     * callbacks but must not call {@code receive} from them.
     *
     * @throws ParleyException on any protocol failure, or what the receiver threw; the channel has
     *     failed then and its alert is queued
     */
    public void receive(ByteBuffer input, ChannelReceiver receiver) throws ParleyException {
        if (state == State.FAILED) {
            throw new RecordException(Alert.INTERNAL_ERROR, "channel already failed");
        }
        try {
            while (state != State.FAILED) {
                if (ignoredAfterClose(input)) {
                    break;
                }
                ByteBuffer payload = state == State.ESTABLISHED ? decoder.decodeInPlace(input) : null;
                if (payload != null) {
                    openInPlace(decoder.inPlaceType(), payload, receiver);
                    continue;
                }
                Optional<Frame> frame = decoder.decode(input);
                if (frame.isEmpty()) {
                    break;
                }
                if (state == State.ESTABLISHED) {
                    openInPlace(frame.get().type(), frame.get().payload().asReadOnlyBuffer(), receiver);
                } else {
                    List<ChannelEvent> events = new ArrayList<>(1);
                    handleFrame(frame.get(), events);
                    deliver(events, receiver);
                }
            }
        } catch (ParleyException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    /** Sends one application message, split into records of at most 16 KiB. */
    public void send(Bytes message) {
        checkCanSend();
        outbound.send(message);
    }

    /**
     * Sends one application message like {@link #send(Bytes)}, but writes the frames straight into
     * {@code out} (a transport's outbound buffer) instead of queuing them: first every frame
     * already queued (so order is kept), then a KeyUpdate if the key's budget is due, then the
     * message's records. {@code out} must have {@link #sendBound(int)} bytes of room.
     *
     * @throws IllegalStateException if the channel cannot send; nothing is written then
     * @throws IllegalArgumentException if the message is too long or {@code out} too small; nothing is written then
     */
    public void send(Bytes message, ByteBuffer out) {
        checkCanSend();
        outbound.send(message, out);
    }

    /**
     * Sends {@code messages} in order like {@link #send(Bytes, ByteBuffer)} each, but seals every
     * run of two or more consecutive messages that fit one record ({@link BatchRecords#runEnd}) as
     * one batch record; a lone message goes as a plain record, a message larger than
     * {@link BatchRecords#MAX_ENTRY} bytes alone with the usual fragmentation. Only for a peer
     * that opted in to batch records (docs/PROTOCOL.md, Section 10.5.1). {@code out} must have
     * {@link #sendBound(List)} bytes of room.
     *
     * @throws IllegalStateException if the channel cannot send; nothing is written then
     * @throws IllegalArgumentException if a message is too long or {@code out} too small; nothing is written then
     */
    public void send(List<Bytes> messages, ByteBuffer out) {
        checkCanSend();
        outbound.send(messages, out);
    }

    /**
     * Most bytes {@link #send(List, ByteBuffer)} writes for {@code messages}: the frames queued now,
     * the records of the messages as they will be batched, and one KeyUpdate record per record.
     *
     * @throws IllegalStateException if the channel cannot send
     * @throws IllegalArgumentException if a message would be too long
     */
    public int sendBound(List<Bytes> messages) {
        checkCanSend();
        return outbound.bound(messages);
    }

    /**
     * Most bytes {@link #send(Bytes, ByteBuffer)} writes for a message of {@code messageLength}
     * bytes: the frames queued now, the message's records, and one KeyUpdate record per record.
     *
     * @throws IllegalStateException if the channel cannot send
     * @throws IllegalArgumentException if the message would be too long
     */
    public int sendBound(int messageLength) {
        checkCanSend();
        return outbound.bound(messageLength);
    }

    /**
     * From now on, accepts batch records from the peer (docs/PROTOCOL.md, Section 10.5.1). Call it
     * before asking the peer to send them: a batch record that arrives before is an unknown inner
     * type and fails the channel with {@code bad_record}.
     */
    public void acceptBatchRecords() {
        inbound.acceptBatches();
    }

    /** Ratchets our sending key now and asks the peer to ratchet its own. */
    public void requestKeyUpdate() {
        checkCanSend();
        outbound.keyUpdate(true);
    }

    /**
     * Queues an authenticated close_notify and wipes the sending key. During the handshake there is
     * no application key to send it under: nothing is sent (handshake frames still queued are dropped),
     * the handshake's secrets are wiped and the
     * channel is FAILED for good, so nothing received afterwards completes the handshake (a client
     * never sends its Finished, neither side becomes ESTABLISHED; docs/PROTOCOL.md 10.8).
     */
    public void close() {
        if (state == State.FAILED || closeSent) {
            return;
        }
        if (state == State.HANDSHAKING) {
            outbound.drain(); // handshake frames not sent yet: a closed handshake has no use for them
            handshake.fail();
            handshake = null;
            closeSent = true;
            state = State.FAILED;
            return;
        }
        if (outbound.hasKeys()) {
            outbound.alert(Alert.CLOSE_NOTIFY);
            outbound.destroy();
        }
        closeSent = true;
    }

    /**
     * Fails the channel for a reason of the layer above, such as a limit of the application: queues
     * {@code alert} (in plaintext before handshake keys exist, else sealed under the current write
     * key), wipes every key and makes the channel FAILED. Does nothing if it has already failed.
     */
    public void abort(Alert alert) {
        if (alert == Alert.CLOSE_NOTIFY) {
            throw new IllegalArgumentException("close_notify is sent with close(), not abort()");
        }
        fail(new RecordException(alert, "aborted by the application: " + alert));
    }

    /**
     * The transport ended. Unless the peer closed with close_notify first, this is a truncation
     * attack or a crash, and the channel fails.
     */
    public void endOfInput() throws RecordException {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        RecordException truncated = new RecordException("connection ended without close_notify (truncation)");
        fail(truncated);
        throw truncated;
    }

    /** Frames to write to the transport, oldest first; the queue is empty afterwards. */
    public List<Bytes> drainOutbound() {
        return outbound.drain();
    }

    public State state() {
        return state;
    }

    /**
     * The completed handshake's parameters, once ESTABLISHED. A server channel's has no
     * {@linkplain SessionInfo#steps() steps}: those are in its {@link ChannelEvent.HandshakeCompleted} event.
     */
    public Optional<SessionInfo> session() {
        return Optional.ofNullable(session);
    }

    public int keyUpdatesSent() {
        return outbound.keyUpdatesSent();
    }

    public int keyUpdatesReceived() {
        return inbound.keyUpdatesReceived();
    }

    /** Batch records opened so far (only after {@link #acceptBatchRecords()}). */
    public long batchRecordsReceived() {
        return inbound.batchRecordsReceived();
    }

    /** Whether the handshake state machine is still referenced: only until the channel is established or fails. */
    boolean holdsHandshake() {
        return handshake != null;
    }

    /**
     * Once the peer's close_notify is in (CLOSED), everything after it is ignored (docs/PROTOCOL.md
     * 10.8): consumed unread, not even split into frames, so bytes that are no frame at all fail
     * nothing either.
     */
    private boolean ignoredAfterClose(ByteBuffer input) {
        if (state != State.CLOSED) {
            return false;
        }
        input.position(input.limit());
        return true;
    }

    private void handleFrame(Frame frame, List<ChannelEvent> events) throws ParleyException {
        switch (state) {
            case HANDSHAKING -> handleHandshakeFrame(frame, events);
            case ESTABLISHED -> handleRecord(frame.type(), frame.payload().asReadOnlyBuffer(), events);
            case CLOSED, FAILED -> {
                // Data after close_notify is ignored, as TLS does: it was not sent by an honest peer.
            }
        }
    }

    private void handleHandshakeFrame(Frame frame, List<ChannelEvent> events) throws ParleyException {
        outbound.queueAll(handshake.handle(frame));
        if (handshake.isComplete()) {
            Established established = handshake.established();
            outbound.established(established.writer());
            inbound.established(established.reader());
            SessionInfo completed = new SessionInfo(established.suite(), established.serverIdentity().algorithm(),
                    established.serverIdentity().publicKey(), established.serverFingerprint(),
                    established.channelBinding(), established.steps());
            // A server shows no one its handshake steps (a transcript hash each): they leave with the event
            // only, so that each of its idle connections does not hold them.
            session = handshake instanceof ServerHandshake ? completed.withoutSteps() : completed;
            // The handshake's transcript hash, schedule and (wiped) handshake record layer are not needed
            // any more; an idle connection should not keep them.
            handshake = null;
            state = State.ESTABLISHED;
            events.add(new ChannelEvent.HandshakeCompleted(completed));
        }
    }

    private void handleRecord(FrameType type, ByteBuffer payload, List<ChannelEvent> events) throws ParleyException {
        checkEncrypted(type);
        ChannelEvent control = inbound.open(type, payload, events);
        if (control != null) {
            react(control);
            events.add(control);
        }
    }

    /** {@link #handleRecord}'s work for {@link #receive(ByteBuffer, ChannelReceiver)}: messages go to {@code receiver} where they lie. */
    private void openInPlace(FrameType type, ByteBuffer payload, ChannelReceiver receiver) throws ParleyException {
        checkEncrypted(type);
        ChannelEvent control = inbound.openInPlace(type, payload, receiver);
        if (control != null) {
            react(control);
            receiver.event(control);
        }
    }

    private static void checkEncrypted(FrameType type) throws RecordException {
        if (type != FrameType.ENCRYPTED) {
            throw new RecordException("plaintext frame after the handshake");
        }
    }

    private static void deliver(List<ChannelEvent> events, ChannelReceiver receiver) throws ParleyException {
        for (ChannelEvent event : events) {
            receiver.event(event);
        }
    }

    /** The channel's answer to a control record its inbound half opened and checked ({@link ChannelInbound#open}). */
    private void react(ChannelEvent control) {
        if (control instanceof ChannelEvent.PeerKeyUpdated updated && updated.requested() && !closeSent) {
            outbound.keyUpdate(false);
        } else if (control instanceof ChannelEvent.PeerClosed) {
            state = State.CLOSED;
            inbound.destroy();
        }
    }

    private void checkCanSend() {
        if (state != State.ESTABLISHED && state != State.CLOSED || closeSent) {
            throw new IllegalStateException("channel cannot send in state " + state + (closeSent ? " (closed)" : ""));
        }
    }

    private void fail(Exception cause) {
        if (state == State.FAILED) {
            return;
        }
        if (state == State.HANDSHAKING) {
            Optional<Bytes> alert = handshake.failureAlert();
            if (alert.isPresent()) {
                outbound.queue(alert.get());
            } else if (cause instanceof ParleyException p && !(cause instanceof PeerAlertException)) {
                // Failed in the frame decoder, before the handshake saw the frame: answer in plaintext.
                outbound.queue(new Frame(FrameType.ALERT, Bytes.wrapOwned(new byte[] {(byte) p.alert().code()})).encode());
            }
            handshake.fail();
            handshake = null;
        } else if (outbound.hasKeys()) {
            if (!(cause instanceof PeerAlertException) && !closeSent) {
                outbound.alert(cause instanceof ParleyException p ? p.alert() : Alert.INTERNAL_ERROR);
            }
            outbound.destroy();
            inbound.destroy();
        }
        state = State.FAILED;
    }
}
