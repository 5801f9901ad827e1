package org.parley.e2ee.session;

import java.security.SecureRandom;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.envelope.Envelope;
import org.parley.e2ee.envelope.EnvelopeCodec;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.envelope.InnerMessageCodec;
import org.parley.e2ee.envelope.RatchetMessage;

/**
 * One end-to-end session between this device and one other device. Made by {@link SessionStart};
 * stored with {@link SessionCodec}. Not thread-safe: the client serialises use per peer device.
 *
 * <p><b>All or nothing.</b> {@link #decrypt} works on a copy of the state and keeps it only after
 * the message authenticated and its inner message parsed; every refusal leaves the session exactly
 * as it was. {@link #encrypt} likewise commits only a complete step.
 */
public final class Session {
    private final Ratchet ratchet = new Ratchet();
    private RatchetState state;

    Session(RatchetState state) {
        this.state = state;
    }

    /** Encrypts {@code message} into an envelope for the peer device (a prekey envelope until the first reply). */
    public Bytes encrypt(InnerMessage message, SecureRandom random) throws E2eeException {
        RatchetState next = state.copy();
        RatchetMessage sealed = ratchet.encrypt(next, InnerMessageCodec.encode(message), random);
        Envelope envelope = next.pendingStart.isPresent() ? new Envelope.Prekey(next.pendingStart.get(), sealed)
                : new Envelope.Message(sealed);
        Bytes encoded = EnvelopeCodec.encode(envelope);
        state = next;
        return encoded;
    }

    /** Decodes and decrypts an envelope from the peer device. */
    public InnerMessage decrypt(Bytes envelope) throws E2eeException {
        return decrypt(EnvelopeCodec.decode(envelope));
    }

    /**
     * Decrypts an envelope from the peer device. A prekey envelope is accepted here only when it
     * belongs to this session (same base key); a new session start goes to {@link SessionStart#accept}.
     */
    public InnerMessage decrypt(Envelope envelope) throws E2eeException {
        if (envelope instanceof Envelope.Prekey prekey && !prekey.start().baseKey().equals(state.baseKey)) {
            throw new E2eeException(E2eeError.PROTOCOL_VIOLATION, "session-start envelope of another session");
        }
        RatchetState next = state.copy();
        InnerMessage inner = InnerMessageCodec.decode(ratchet.decrypt(next, envelope.message()));
        state = next;
        return inner;
    }

    /** Whether {@code envelope} belongs to this session rather than starting a new one. */
    public boolean belongsHere(Envelope envelope) {
        return switch (envelope) {
            case Envelope.Prekey prekey -> prekey.start().baseKey().equals(state.baseKey);
            case Envelope.Message ignored -> true;
        };
    }

    public E2eSuite suite() {
        return state.suite;
    }

    /** The initiator's ephemeral key EK, which names the session start. */
    public Bytes baseKey() {
        return state.baseKey;
    }

    /** The peer device's identity blob. */
    public Bytes peerIdentity() {
        return state.peerIdentity;
    }

    public RatchetView view() {
        RatchetState s = state;
        return new RatchetView(s.suite, s.dhSteps, s.pqSteps, s.pendingKemSeed != null, s.sendN, s.receiveN,
                s.previousSendN, s.skipped.size(), s.messagesSent, s.messagesReceived, s.pendingStart.isPresent(),
                s.oneTimePrekeyUsed);
    }

    RatchetState state() {
        return state;
    }

    @Override
    public String toString() {
        return "Session[" + state.suite.label() + "]";
    }
}
