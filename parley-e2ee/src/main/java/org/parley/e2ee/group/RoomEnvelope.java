package org.parley.e2ee.group;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * A room message as the server fans it out, encrypted once for every member device
 * (docs/E2EE.md, "Room envelope"):
 *
 * <pre>
 *   version u8 (1) ‖ room_id&lt;1..64&gt;u8 ‖ sender_user&lt;1..64&gt;u8 ‖ sender_device u32 ‖ epoch u32 ‖
 *   iteration u32 ‖ ciphertext&lt;16..16400&gt;u16 ‖ signature[64]
 * </pre>
 *
 * The AEAD's associated data is the label and every byte before the ciphertext; the signature (by
 * the sender chain's Ed25519 key) covers the label and every byte before it.
 */
public record RoomEnvelope(String roomId, DeviceRef sender, long epoch, long iteration, Bytes ciphertext,
        Bytes signature, Bytes encoded) {
    public static final int MAX_LENGTH = 1 + 65 + 65 + 4 + 4 + 4 + 2 + 16_400 + 64;
    public static final int MIN_CIPHERTEXT = 16;
    public static final int MAX_CIPHERTEXT = 16_400;

    /** The header: every byte before the ciphertext's length prefix. */
    static Bytes header(String roomId, DeviceRef sender, long epoch, long iteration) {
        return new WireWriter(150).u8(1).utf8Vector8(roomId).utf8Vector8(sender.user()).u32(sender.deviceId())
                .u32(epoch).u32(iteration).toBytes();
    }

    /** Encodes the fields again (equal to {@link #encoded()} for a decoded envelope). */
    public Bytes encode() {
        return new WireWriter(encoded.length()).fixed(header(roomId, sender, epoch, iteration)).vector16(ciphertext)
                .fixed(signature).toBytes();
    }

    Bytes aad() {
        return Bytes.concat(RoomKdf.MESSAGE_LABEL, header(roomId, sender, epoch, iteration));
    }

    Bytes signedPart() {
        return Bytes.concat(RoomKdf.MESSAGE_LABEL, encoded.slice(0, encoded.length() - 64));
    }

    public static RoomEnvelope decode(Bytes encoded) throws RoomException {
        if (encoded.length() < 1 || encoded.length() > MAX_LENGTH) {
            throw RoomException.malformed("room envelope must be 1.." + MAX_LENGTH + " bytes");
        }
        try {
            WireReader reader = WireReader.of(encoded);
            int version = reader.u8();
            if (version != 1) {
                throw new RoomException(RoomError.UNSUPPORTED_VERSION, "room envelope version " + version);
            }
            String room = reader.utf8Vector8("room_id", 1, LogEntryCodec.MAX_ROOM_ID_BYTES);
            DeviceRef sender = LogEntryCodec.deviceRef(reader.utf8Vector8("sender_user", 1, DeviceRef.MAX_USER_BYTES),
                    reader.u32());
            long epoch = reader.u32();
            long iteration = reader.u32();
            Bytes ciphertext = reader.vector16("ciphertext", MIN_CIPHERTEXT, MAX_CIPHERTEXT);
            Bytes signature = reader.fixed(64, "signature");
            reader.expectEnd();
            return new RoomEnvelope(room, sender, epoch, iteration, ciphertext, signature, encoded);
        } catch (WireFormatException e) {
            throw new RoomException(RoomError.MALFORMED, "room envelope: " + e.getMessage(), e);
        }
    }
}
