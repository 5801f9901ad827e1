package org.parley.protocol.handshake;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.HandshakeException;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.PeerAlertException;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameType;
import org.parley.protocol.record.InnerRecord;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.RecordReader;
import org.parley.protocol.record.RecordWriter;

/** Moves handshake messages in and out of plaintext frames and encrypted records. */
final class HandshakeFrames {
    private HandshakeFrames() {
    }

    static Bytes plaintextFrame(Bytes encodedMessage) {
        return new Frame(FrameType.HANDSHAKE, encodedMessage).encode();
    }

    static Bytes encryptedRecord(RecordWriter writer, Bytes encodedMessage) {
        return writer.seal(InnerType.HANDSHAKE, encodedMessage);
    }

    /** The payload of a plaintext handshake frame; a plaintext alert becomes a {@link PeerAlertException}. */
    static Bytes readPlaintext(Frame frame) throws ParleyException {
        return switch (frame.type()) {
            case HANDSHAKE -> frame.payload();
            case ALERT -> throw peerAlert(frame.payload());
            case ENCRYPTED -> throw new HandshakeException(Alert.UNEXPECTED_MESSAGE, "encrypted record before keys");
        };
    }

    /** Opens an encrypted handshake record; an encrypted alert becomes a {@link PeerAlertException}. */
    static Bytes readEncrypted(RecordReader reader, Frame frame) throws ParleyException {
        switch (frame.type()) {
            case ALERT -> throw peerAlert(frame.payload());
            case HANDSHAKE -> throw new HandshakeException(Alert.UNEXPECTED_MESSAGE, "plaintext handshake message after keys");
            case ENCRYPTED -> { }
        }
        InnerRecord record = reader.open(frame);
        return switch (record.type()) {
            case HANDSHAKE -> record.content();
            case ALERT -> throw peerAlert(record.content());
            // A handshake reader never accepts batch records: it fails as an unknown type before this.
            case APPLICATION_FINAL, APPLICATION_CONTINUED, APPLICATION_BATCH, KEY_UPDATE ->
                    throw new HandshakeException(Alert.UNEXPECTED_MESSAGE, record.type() + " during handshake");
        };
    }

    /** An alert as an encrypted record when {@code writer} exists, else as a plaintext frame. */
    static Bytes alertFrame(RecordWriter writer, Alert alert) {
        Bytes body = Bytes.wrapOwned(new byte[] {(byte) alert.code()});
        return writer == null ? new Frame(FrameType.ALERT, body).encode() : writer.seal(InnerType.ALERT, body);
    }

    /** The alert frame answering a failure, or null when the peer sent the alert. */
    static Bytes failureAlert(RecordWriter writer, Exception failure) {
        return switch (failure) {
            case PeerAlertException peer -> null;
            case ParleyException protocol -> alertFrame(writer, protocol.alert());
            default -> alertFrame(writer, Alert.INTERNAL_ERROR);
        };
    }

    /** Decodes an alert body (one byte: the code). */
    static PeerAlertException peerAlert(Bytes body) throws WireFormatException {
        if (body.length() != 1) {
            throw new WireFormatException("alert must be one byte");
        }
        int code = body.get(0) & 0xff;
        Alert alert = Alert.fromCode(code).orElseThrow(() -> new WireFormatException("unknown alert " + code));
        return new PeerAlertException(alert);
    }

    static HandshakeException unexpected(HandshakeMessage message, String state) {
        return new HandshakeException(Alert.UNEXPECTED_MESSAGE, message.type() + " unexpected in " + state);
    }
}
