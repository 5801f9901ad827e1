package org.parley.e2ee.group;

import java.time.Instant;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * A sender chain handed to one member device over the pairwise end-to-end session, as the body of
 * an inner message of content type {@code sender_key(2)} (docs/E2EE.md, "Sender-key distribution"):
 *
 * <pre>
 *   version u8 (1) ‖ room_id&lt;1..64&gt;u8 ‖ sender_user&lt;1..64&gt;u8 ‖ sender_device u32 ‖ epoch u32 ‖
 *   iteration u32 ‖ chain_key[32] ‖ signing_key[32] ‖ log_size u32 ‖ log_head[32]
 * </pre>
 *
 * {@code log_size} and {@code log_head} name the membership log the sender had verified: a receiver
 * whose verified log has a different entry there has been shown a fork.
 *
 * <p><b>Security.</b> Holds a chain key: {@code toString} does not show it.
 */
public record SenderKeyDistribution(String roomId, DeviceRef sender, long epoch, long iteration, SecretBytes chainKey,
        Bytes signingKey, long logSize, Bytes logHead) {
    public static final int MAX_LENGTH = 1 + 65 + 65 + 4 + 4 + 4 + 32 + 32 + 4 + 32;

    public SenderKeyDistribution {
        if (epoch < 1 || epoch > 0xFFFF_FFFFL || iteration < 0 || iteration > 0xFFFF_FFFFL || logSize < 1
                || logSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("epoch and log size are u32 from 1, iteration a u32");
        }
        if (chainKey.length() != 32 || signingKey.length() != 32 || logHead.length() != 32) {
            throw new IllegalArgumentException("chain key, signing key and log head are 32 bytes each");
        }
    }

    public Bytes encode() {
        return new WireWriter(MAX_LENGTH).u8(1).utf8Vector8(roomId).utf8Vector8(sender.user()).u32(sender.deviceId())
                .u32(epoch).u32(iteration).fixed(Bytes.wrapOwned(chainKey.revealCopy())).fixed(signingKey)
                .u32(logSize).fixed(logHead).toBytes();
    }

    /** The inner message (content type {@code sender_key}) that carries this over a pairwise session. */
    public InnerMessage asInnerMessage(Bytes messageId, Instant sentAt) {
        return new InnerMessage(InnerMessage.ContentType.SENDER_KEY, messageId, sentAt, encode());
    }

    /** The distribution an inner message of content type {@code sender_key} carries. */
    public static SenderKeyDistribution from(InnerMessage message) throws RoomException {
        if (message.contentType() != InnerMessage.ContentType.SENDER_KEY) {
            throw RoomException.malformed("not a sender-key distribution");
        }
        return decode(message.body());
    }

    public static SenderKeyDistribution decode(Bytes encoded) throws RoomException {
        if (encoded.length() > MAX_LENGTH) {
            throw RoomException.malformed("sender-key distribution longer than " + MAX_LENGTH + " bytes");
        }
        try {
            WireReader reader = WireReader.of(encoded);
            int version = reader.u8();
            if (version != 1) {
                throw new RoomException(RoomError.UNSUPPORTED_VERSION, "sender-key distribution version " + version);
            }
            String room = reader.utf8Vector8("room_id", 1, LogEntryCodec.MAX_ROOM_ID_BYTES);
            DeviceRef sender = LogEntryCodec.deviceRef(reader.utf8Vector8("sender_user", 1, DeviceRef.MAX_USER_BYTES),
                    reader.u32());
            long epoch = reader.u32();
            long iteration = reader.u32();
            SecretBytes chainKey = SecretBytes.wrapOwned(reader.fixed(32, "chain_key").toByteArray());
            Bytes signingKey = reader.fixed(32, "signing_key");
            long logSize = reader.u32();
            Bytes logHead = reader.fixed(32, "log_head");
            reader.expectEnd();
            if (epoch == 0 || logSize == 0) {
                throw RoomException.malformed("epoch and log size start at 1");
            }
            return new SenderKeyDistribution(room, sender, epoch, iteration, chainKey, signingKey, logSize, logHead);
        } catch (WireFormatException e) {
            throw new RoomException(RoomError.MALFORMED, "sender-key distribution: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SenderKeyDistribution[" + roomId + ", " + sender + ", epoch " + epoch + ", iteration " + iteration + "]";
    }
}
