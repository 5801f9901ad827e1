package org.parley.protocol.channel;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.HandshakeException;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.PeerAlertException;
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.record.BatchRecords;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameType;
import org.parley.protocol.record.InnerRecord;
import org.parley.protocol.record.RecordReader;

/**
 * The receiving half of an established {@link SecureChannel}: opens the peer's records with the
 * record reader, joins fragmented messages, splits batch records, and checks the content of the two
 * control records (KeyUpdate, alert). What the channel does about a control record (its state, an
 * answering KeyUpdate) is the channel's decision; this class only opens, checks and returns the
 * record's event.
 *
 * <p>Checks made here: a handshake record is refused; a batch record or a close_notify inside a
 * fragmented message is refused; a KeyUpdate is one byte, 0 or 1, and ratchets the read key at once;
 * an alert is one byte of a known code, and any alert but close_notify fails the channel with
 * {@link PeerAlertException}. Sequence numbers and the read key's schedule are the {@link RecordReader}'s.
 *
 * <p>Not thread-safe, like its channel.
 */
final class ChannelInbound {
    private final int maxMessageSize;
    private final MessageAssembler assembler;
    /** Null until the handshake completed. */
    private RecordReader reader;
    private boolean batchesAccepted;
    private int keyUpdatesReceived;
    private long batchRecordsReceived;
    /**
     * Where {@link #openInPlace} opens records: empty until its first record, then as large as the
     * largest opened, wiped after each.
     */
    private byte[] plain = new byte[0];

    ChannelInbound(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
        this.assembler = new MessageAssembler(maxMessageSize);
    }

    /** The handshake completed: the peer's records are opened by {@code established} from now on. */
    void established(RecordReader established) {
        reader = established;
        reader.acceptBatches(batchesAccepted);
    }

    /** See {@link SecureChannel#acceptBatchRecords()}. */
    void acceptBatches() {
        batchesAccepted = true;
        if (reader != null) {
            reader.acceptBatches(true);
        }
    }

    /**
     * Opens one encrypted record; an application record's whole messages are added to {@code events}.
     *
     * @return a control record's event ({@link ChannelEvent.PeerKeyUpdated}, {@link ChannelEvent.PeerClosed})
     *     for the channel to act on and report, or null
     */
    ChannelEvent open(FrameType type, ByteBuffer payload, List<ChannelEvent> events) throws ParleyException {
        InnerRecord record = reader.open(type, payload);
        return switch (record.type()) {
            case APPLICATION_CONTINUED -> {
                assembler.append(record.content());
                yield null;
            }
            case APPLICATION_FINAL -> {
                events.add(new ChannelEvent.MessageReceived(assembler.finish(record.content())));
                yield null;
            }
            case APPLICATION_BATCH -> {
                onBatch(record.content(), events);
                yield null;
            }
            case KEY_UPDATE -> onKeyUpdate(record.content());
            case ALERT -> onAlert(record.content());
            case HANDSHAKE -> throw new HandshakeException(Alert.UNEXPECTED_MESSAGE, "handshake message after the handshake");
        };
    }

    /**
     * {@link #open}'s work for {@link SecureChannel#receive(ByteBuffer, ChannelReceiver)}: the record
     * is opened into {@link #plain} and each whole message handed to {@code receiver} where it lies.
     *
     * @return a control record's event ({@link ChannelEvent.PeerKeyUpdated}, {@link ChannelEvent.PeerClosed})
     *     for the channel to act on and report, or null
     */
    ChannelEvent openInPlace(FrameType type, ByteBuffer payload, ChannelReceiver receiver) throws ParleyException {
        int plainLength = reader.plaintextLength(payload.remaining());
        if (plain.length < plainLength) {
            plain = new byte[Math.max(plainLength, Math.min(2 * plain.length, Frame.MAX_PAYLOAD))];
        }
        try {
            int length = reader.openInto(type, payload, plain);
            return switch (reader.openedType()) {
                case APPLICATION_CONTINUED -> {
                    assembler.append(Bytes.wrapOwned(plain, 0, length));
                    yield null;
                }
                case APPLICATION_FINAL -> {
                    if (assembler.isEmpty()) {
                        assembler.checkWhole(length);
                        receiver.message(plain, 0, length);
                    } else {
                        byte[] whole = assembler.finish(Bytes.wrapOwned(plain, 0, length)).toByteArray();
                        receiver.message(whole, 0, whole.length);
                    }
                    yield null;
                }
                case APPLICATION_BATCH -> {
                    if (!assembler.isEmpty()) {
                        throw new RecordException(Alert.UNEXPECTED_MESSAGE, "batch record inside a fragmented message");
                    }
                    BatchRecords.forEach(plain, 0, length, maxMessageSize, receiver);
                    batchRecordsReceived++;
                    yield null;
                }
                case KEY_UPDATE -> onKeyUpdate(Bytes.copyOf(plain, 0, length));
                case ALERT -> onAlert(Bytes.copyOf(plain, 0, length));
                case HANDSHAKE -> throw new HandshakeException(Alert.UNEXPECTED_MESSAGE, "handshake message after the handshake");
            };
        } finally {
            Arrays.fill(plain, 0, plainLength, (byte) 0);
        }
    }

    /** Wipes the read key; nothing can be opened any more. */
    void destroy() {
        reader.destroy();
    }

    int keyUpdatesReceived() {
        return keyUpdatesReceived;
    }

    long batchRecordsReceived() {
        return batchRecordsReceived;
    }

    private void onBatch(Bytes content, List<ChannelEvent> events) throws ParleyException {
        if (!assembler.isEmpty()) {
            throw new RecordException(Alert.UNEXPECTED_MESSAGE, "batch record inside a fragmented message");
        }
        for (Bytes message : BatchRecords.split(content, maxMessageSize)) {
            events.add(new ChannelEvent.MessageReceived(message));
        }
        batchRecordsReceived++;
    }

    private ChannelEvent onKeyUpdate(Bytes body) throws ParleyException {
        if (body.length() != 1 || (body.get(0) & 0xff) > 1) {
            throw new WireFormatException("malformed KeyUpdate");
        }
        // A KeyUpdate may fall between two fragments of one message: the sender checks its key budget
        // before every record, and the assembler simply continues under the new key.
        boolean requested = body.get(0) == 1;
        reader.updateKeys();
        keyUpdatesReceived++;
        return new ChannelEvent.PeerKeyUpdated(requested);
    }

    private ChannelEvent onAlert(Bytes body) throws ParleyException {
        if (body.length() != 1) {
            throw new WireFormatException("alert must be one byte");
        }
        int code = body.get(0) & 0xff;
        Alert alert = Alert.fromCode(code).orElseThrow(() -> new WireFormatException("unknown alert " + code));
        if (alert != Alert.CLOSE_NOTIFY) {
            throw new PeerAlertException(alert);
        }
        if (!assembler.isEmpty()) {
            throw new RecordException("close_notify inside a fragmented message (truncation)");
        }
        return new ChannelEvent.PeerClosed();
    }
}
