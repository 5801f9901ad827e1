package org.parley.protocol.handshake;

import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.RecordCipher;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.RecordReader;
import org.parley.protocol.record.RecordWriter;
import org.parley.protocol.suite.CipherSuite;

/**
 * One side of the handshake as a state machine: frames in, frames out, no I/O. The two roles
 * share what every failure does: remember the alert to send, then wipe every secret for good.
 */
public abstract sealed class Handshake permits ClientHandshake, ServerHandshake {
    /** Set once the key exchange is done; wiped on completion or failure. */
    KeySchedule schedule;
    RecordReader handshakeReader;
    RecordWriter handshakeWriter;
    private Bytes failureAlert;
    private Established established;

    /**
     * Processes one frame from the peer.
     *
     * @return frames to send, in order
     * @throws ParleyException on any failure; the handshake is then failed and wiped, and
     *     {@link #failureAlert()} holds the alert frame for the peer
     */
    public final List<Bytes> handle(Frame frame) throws ParleyException {
        try {
            return step(frame);
        } catch (ParleyException | RuntimeException e) {
            failureAlert = HandshakeFrames.failureAlert(handshakeWriter, e);
            fail();
            throw e;
        }
    }

    /** The role's transition for one frame. */
    abstract List<Bytes> step(Frame frame) throws ParleyException;

    public abstract boolean isComplete();

    /** The established keys and session facts; only once {@link #isComplete()}. */
    public final Established established() {
        if (!isComplete()) {
            throw new IllegalStateException("handshake not complete");
        }
        return established;
    }

    /** Records the keys and facts of a completed handshake; the role then moves to its COMPLETE state. */
    final void establish(Established result) {
        established = result;
    }

    /**
     * After {@link #handle} threw: the alert frame to send to the peer (encrypted under the handshake
     * key once one exists), or empty when the peer itself sent an alert.
     */
    public final Optional<Bytes> failureAlert() {
        return Optional.ofNullable(failureAlert);
    }

    /**
     * Wipes every secret; the handshake cannot continue. Idempotent; does nothing once complete,
     * when the application secrets belong to the established record layer.
     */
    public final void fail() {
        if (isComplete()) {
            return;
        }
        markFailed();
        wipeRoleSecrets();
        if (schedule != null) {
            schedule.destroy();
        }
        if (handshakeReader != null) {
            handshakeReader.destroy();
        }
        if (handshakeWriter != null) {
            handshakeWriter.destroy();
        }
    }

    /**
     * The record cipher of one direction pair (the handshake's, or the application's): its writer and
     * reader share one provider cipher, since a channel is driven by one thread at a time (the handshake
     * steps may run on another thread than the application records, so the two pairs do not share).
     */
    static RecordCipher confinedCipher(CipherSuite suite) {
        return suite.cipher().algorithm().create().confinedToOneThread();
    }

    /** Moves the state machine to its terminal FAILED state. */
    abstract void markFailed();

    /** Wipes the secrets only this role holds (ephemeral shares, application secrets). */
    abstract void wipeRoleSecrets();
}
