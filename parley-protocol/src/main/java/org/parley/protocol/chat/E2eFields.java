package org.parley.protocol.chat;

import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Reads and writes the fields and structures of the end-to-end messages (docs/PROTOCOL.md,
 * Section 14.8), built like {@link ChatFields}: writers refuse what the wire cannot carry with
 * {@link IllegalArgumentException}, readers check every length and count before allocating.
 *
 * <pre>
 *   DeviceId       = u32 (1..2^32-1)
 *   Identity       = identity&lt;64..256&gt;:vector16
 *   PrekeyRecord   = record&lt;101..1253&gt;:vector16      (kind, key id, key, signature: opaque here)
 *   Proof          = signature:64 bytes (fixed)
 *   DeviceInfo     = DeviceId || Identity || name&lt;1..64&gt;:vector8 || added_at_ms:u64 || last_seen_ms:u64
 *   PrekeyBundle   = DeviceId || Identity || signed:PrekeyRecord || has_one_time:u8 (0|1)
 *                    || [one_time:PrekeyRecord] || kem:PrekeyRecord
 *   EnvelopeTarget = user&lt;1..64&gt;:vector8 || DeviceId || envelope&lt;1..20480&gt;:vector16
 *   QueuedEnvelope = id:u64 (1..2^63-1) || from&lt;1..64&gt;:vector8 || from_device:DeviceId
 *                    || timestamp_ms:u64 || envelope&lt;1..20480&gt;:vector16
 * </pre>
 */
final class E2eFields {
    private E2eFields() {
    }

    static void deviceId(WireWriter out, long deviceId) {
        if (deviceId < 1 || deviceId > 0xffff_ffffL) {
            throw new IllegalArgumentException("device ids are 1..2^32-1: " + deviceId);
        }
        out.u32(deviceId);
    }

    static long deviceId(WireReader in) throws WireFormatException {
        long id = in.u32();
        if (id == 0) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "device id 0");
        }
        return id;
    }

    static void identity(WireWriter out, Bytes identity) {
        out.vector16(checked(identity, "identity", ChatLimits.MIN_IDENTITY_BYTES, ChatLimits.MAX_IDENTITY_BYTES));
    }

    static Bytes identity(WireReader in) throws WireFormatException {
        return in.vector16("identity", ChatLimits.MIN_IDENTITY_BYTES, ChatLimits.MAX_IDENTITY_BYTES);
    }

    static void deviceName(WireWriter out, String name) {
        ChatFields.text8(out, name, "device name", ChatLimits.MAX_DEVICE_NAME_BYTES);
    }

    static String deviceName(WireReader in) throws WireFormatException {
        return in.utf8Vector8("device name", 1, ChatLimits.MAX_DEVICE_NAME_BYTES);
    }

    static void prekey(WireWriter out, Bytes record) {
        out.vector16(checked(record, "prekey record", ChatLimits.MIN_PREKEY_RECORD_BYTES,
                ChatLimits.MAX_PREKEY_RECORD_BYTES));
    }

    static Bytes prekey(WireReader in) throws WireFormatException {
        return in.vector16("prekey record", ChatLimits.MIN_PREKEY_RECORD_BYTES, ChatLimits.MAX_PREKEY_RECORD_BYTES);
    }

    static void prekeys(WireWriter out, List<Bytes> records, int max) {
        ChatFields.list(out, records, max, E2eFields::prekey);
    }

    static List<Bytes> prekeys(WireReader in, String field, int max) throws WireFormatException {
        return ChatFields.list(in, field, max, E2eFields::prekey);
    }

    static void optionalPrekey(WireWriter out, Optional<Bytes> record) {
        ChatFields.optional(out, record, E2eFields::prekey);
    }

    static Optional<Bytes> optionalPrekey(WireReader in, String field) throws WireFormatException {
        return ChatFields.optional(in, field, E2eFields::prekey);
    }

    static void proof(WireWriter out, Bytes proof) {
        out.fixed(checked(proof, "proof", ChatLimits.SIGNATURE_BYTES, ChatLimits.SIGNATURE_BYTES));
    }

    static Bytes proof(WireReader in) throws WireFormatException {
        return in.fixed(ChatLimits.SIGNATURE_BYTES, "proof");
    }

    static void envelope(WireWriter out, Bytes envelope) {
        out.vector16(checked(envelope, "envelope", 1, ChatLimits.MAX_ENVELOPE_BYTES));
    }

    static Bytes envelope(WireReader in) throws WireFormatException {
        return in.vector16("envelope", 1, ChatLimits.MAX_ENVELOPE_BYTES);
    }

    static void deviceIds(WireWriter out, List<Long> ids) {
        ChatFields.list(out, ids, ChatLimits.MAX_DEVICES, E2eFields::deviceId);
    }

    static List<Long> deviceIds(WireReader in, String field) throws WireFormatException {
        return ChatFields.list(in, field, ChatLimits.MAX_DEVICES, E2eFields::deviceId);
    }

    /** An envelope id: u64 holding 1..2^63-1. */
    static void envelopeId(WireWriter out, long id) {
        if (id < 1) {
            throw new IllegalArgumentException("envelope ids are 1..2^63-1: " + id);
        }
        out.u64(id);
    }

    static long envelopeId(WireReader in) throws WireFormatException {
        long id = ChatFields.id(in, "envelope id");
        if (id == 0) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "envelope id 0");
        }
        return id;
    }

    static void deviceInfo(WireWriter out, DeviceInfo device) {
        deviceId(out, device.deviceId());
        identity(out, device.identity());
        deviceName(out, device.name());
        out.u64(device.addedAtMillis()).u64(device.lastSeenMillis());
    }

    static DeviceInfo deviceInfo(WireReader in) throws WireFormatException {
        return new DeviceInfo(deviceId(in), identity(in), deviceName(in), in.u64(), in.u64());
    }

    static void bundle(WireWriter out, PrekeyBundle bundle) {
        deviceId(out, bundle.deviceId());
        identity(out, bundle.identity());
        prekey(out, bundle.signedPrekey());
        optionalPrekey(out, bundle.oneTimePrekey());
        prekey(out, bundle.kemPrekey());
    }

    static PrekeyBundle bundle(WireReader in) throws WireFormatException {
        return new PrekeyBundle(deviceId(in), identity(in), prekey(in), optionalPrekey(in, "one-time prekey"), prekey(in));
    }

    static void target(WireWriter out, EnvelopeTarget target) {
        ChatFields.user(out, target.user());
        deviceId(out, target.deviceId());
        envelope(out, target.envelope());
    }

    static EnvelopeTarget target(WireReader in) throws WireFormatException {
        return new EnvelopeTarget(ChatFields.user(in), deviceId(in), envelope(in));
    }

    static void queued(WireWriter out, QueuedEnvelope queued) {
        envelopeId(out, queued.id());
        ChatFields.user(out, queued.fromUser());
        deviceId(out, queued.fromDevice());
        out.u64(queued.timestampMillis());
        envelope(out, queued.envelope());
    }

    static QueuedEnvelope queued(WireReader in) throws WireFormatException {
        return new QueuedEnvelope(envelopeId(in), ChatFields.user(in), deviceId(in), in.u64(), envelope(in));
    }

    private static Bytes checked(Bytes value, String field, int min, int max) {
        if (value.length() < min || value.length() > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + " bytes, not " + value.length());
        }
        return value;
    }
}
