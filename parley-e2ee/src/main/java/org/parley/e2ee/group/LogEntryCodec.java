package org.parley.e2ee.group;

import java.time.Instant;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/** Encodes, signs and strictly decodes membership-log entries (at most 1,024 bytes). */
public final class LogEntryCodec {
    static final Bytes SIGNATURE_LABEL = Bytes.utf8("parley-e2ee v1 room log");
    public static final int MAX_ROOM_ID_BYTES = 64;
    public static final int MAX_ROOM_NAME_BYTES = 255;

    private LogEntryCodec() {
    }

    /** Makes and signs an entry with the actor device's keys. */
    public static LogEntry sign(DeviceKeys actorKeys, DeviceRef actor, long seq, Bytes previousHash, Instant at,
            LogBody body) {
        Bytes unsigned = unsigned(actor, seq, previousHash, at, body);
        Bytes signature = actorKeys.sign(Bytes.concat(SIGNATURE_LABEL, unsigned));
        try {
            return decode(Bytes.concat(unsigned, signature));
        } catch (RoomException e) {
            throw new IllegalArgumentException("entry fields out of range: " + e.getMessage(), e);
        }
    }

    /** Encodes a decoded entry again from its fields (equal to {@link LogEntry#encoded()} for a decoded one). */
    public static Bytes encode(LogEntry entry) {
        return Bytes.concat(unsigned(entry.actor(), entry.seq(), entry.previousHash(), entry.at(), entry.body()),
                entry.signature());
    }

    private static Bytes unsigned(DeviceRef actor, long seq, Bytes previousHash, Instant at, LogBody body) {
        WireWriter out = new WireWriter(512).u8(1).u32(seq).fixed(previousHash).u64(at.toEpochMilli())
                .utf8Vector8(actor.user()).u32(actor.deviceId()).u8(body.code());
        switch (body) {
            case LogBody.Create create -> out.utf8Vector8(create.roomId()).utf8Vector8(create.roomName())
                    .u8(create.visibility().code()).vector16(create.creatorIdentity());
            case LogBody.Invite invite -> {
                out.utf8Vector8(invite.target());
                if (invite.bound()) {
                    out.u8(invite.deviceKeys().size());
                    invite.deviceKeys().forEach(out::fixed);
                }
            }
            case LogBody.Join join -> out.vector16(join.identity());
            case LogBody.Leave leave -> {
            }
            case LogBody.Kick kick -> out.utf8Vector8(kick.target());
            case LogBody.Ban ban -> out.utf8Vector8(ban.target());
            case LogBody.RoleChange change -> out.utf8Vector8(change.target()).u8(change.role().code());
            case LogBody.DeviceAdded added -> out.u32(added.deviceId()).vector16(added.identity());
            case LogBody.DeviceRemoved removed -> out.u32(removed.deviceId());
        }
        return out.toBytes();
    }

    /** Decodes one entry: total length first, then every field; no trailing bytes. */
    public static LogEntry decode(Bytes encoded) throws RoomException {
        if (encoded.length() < 1 || encoded.length() > LogEntry.MAX_LENGTH) {
            throw RoomException.malformed("log entry must be 1.." + LogEntry.MAX_LENGTH + " bytes");
        }
        try {
            WireReader reader = WireReader.of(encoded);
            int version = reader.u8();
            if (version != 1) {
                throw new RoomException(RoomError.UNSUPPORTED_VERSION, "log entry version " + version);
            }
            long seq = reader.u32();
            Bytes previous = reader.fixed(32, "prev_hash");
            long at = reader.u64();
            if (at < 0) {
                throw RoomException.malformed("log entry time out of range");
            }
            DeviceRef actor = deviceRef(reader.utf8Vector8("actor_user", 1, DeviceRef.MAX_USER_BYTES), reader.u32());
            LogBody body = body(reader);
            Bytes signature = reader.fixed(64, "signature");
            reader.expectEnd();
            return new LogEntry(seq, previous, Instant.ofEpochMilli(at), actor, body, signature, encoded);
        } catch (WireFormatException e) {
            throw new RoomException(RoomError.MALFORMED, "log entry: " + e.getMessage(), e);
        }
    }

    private static LogBody body(WireReader reader) throws WireFormatException, RoomException {
        int code = reader.u8();
        return switch (code) {
            case 1 -> new LogBody.Create(reader.utf8Vector8("room_id", 1, MAX_ROOM_ID_BYTES),
                    reader.utf8Vector8("room_name", 1, MAX_ROOM_NAME_BYTES),
                    Visibility.fromCode(reader.u8()).orElseThrow(() -> RoomException.malformed("unknown visibility")),
                    identity(reader));
            case 2 -> new LogBody.Invite(user(reader));
            case 3 -> new LogBody.Join(identity(reader));
            case 4 -> new LogBody.Leave();
            case 5 -> new LogBody.Kick(user(reader));
            case 6 -> new LogBody.Ban(user(reader));
            case 7 -> new LogBody.RoleChange(user(reader),
                    Role.fromCode(reader.u8()).orElseThrow(() -> RoomException.malformed("unknown role")));
            case 8 -> new LogBody.DeviceAdded(deviceId(reader.u32()), identity(reader));
            case 9 -> new LogBody.DeviceRemoved(deviceId(reader.u32()));
            case 10 -> boundInvite(reader);
            default -> throw RoomException.malformed("unknown log action " + code);
        };
    }

    /** {@code invite_devices}: a target, then 1..16 distinct 32-byte keys in ascending order. */
    private static LogBody.Invite boundInvite(WireReader reader) throws WireFormatException, RoomException {
        String target = user(reader);
        int count = reader.u8();
        if (count < 1 || count > LogBody.Invite.MAX_DEVICE_KEYS) {
            throw RoomException.malformed("an invitation names 1.." + LogBody.Invite.MAX_DEVICE_KEYS
                    + " device keys, not " + count);
        }
        java.util.List<Bytes> keys = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Bytes key = reader.fixed(LogBody.Invite.KEY_LENGTH, "device_key");
            if (i > 0 && LogBody.Invite.compare(keys.get(i - 1), key) >= 0) {
                throw RoomException.malformed("an invitation's device keys must be distinct and in ascending order");
            }
            keys.add(key);
        }
        return new LogBody.Invite(target, keys);
    }

    private static String user(WireReader reader) throws WireFormatException {
        return reader.utf8Vector8("target", 1, DeviceRef.MAX_USER_BYTES);
    }

    private static Bytes identity(WireReader reader) throws WireFormatException {
        return reader.vector16("identity", DeviceIdentity.MIN_LENGTH, DeviceIdentity.MAX_LENGTH);
    }

    static long deviceId(long id) throws RoomException {
        if (id == 0) {
            throw RoomException.malformed("device id 0");
        }
        return id;
    }

    static DeviceRef deviceRef(String user, long id) throws RoomException {
        return new DeviceRef(user, deviceId(id));
    }
}
