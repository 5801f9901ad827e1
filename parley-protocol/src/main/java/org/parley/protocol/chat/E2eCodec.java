package org.parley.protocol.chat;

import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.chat.ChatEvent.BundleList;
import org.parley.protocol.chat.ChatEvent.DeviceChanged;
import org.parley.protocol.chat.ChatEvent.DeviceList;
import org.parley.protocol.chat.ChatEvent.DeviceMismatch;
import org.parley.protocol.chat.ChatEvent.EnvelopeBatch;
import org.parley.protocol.chat.ChatEvent.EnvelopePage;
import org.parley.protocol.chat.ChatEvent.PrekeyCounts;
import org.parley.protocol.chat.ChatRequest.AckEnvelopes;
import org.parley.protocol.chat.ChatRequest.AddDevice;
import org.parley.protocol.chat.ChatRequest.SendEnvelopes;
import org.parley.protocol.chat.ChatRequest.UploadPrekeys;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Bodies of the end-to-end requests and events that have more than one or two fields
 * (docs/PROTOCOL.md, Section 14.8); {@link ChatRequestCodec} and {@link ChatEventCodec} call it.
 * Request bodies here follow the request id; event bodies start with it.
 *
 * <pre>
 *   AddDevice      (19) = request_id:u32 || Identity || name&lt;1..64&gt;:vector8 || signed:PrekeyRecord
 *                         || last_resort:PrekeyRecord || Proof
 *   UploadPrekeys  (23) = request_id:u32 || has_signed:u8 || [PrekeyRecord]
 *                         || count:u16 (0..100) || PrekeyRecord[count]      (one-time X25519)
 *                         || count:u16 (0..40) || PrekeyRecord[count]       (one-time ML-KEM)
 *                         || has_last_resort:u8 || [PrekeyRecord]
 *   SendEnvelopes  (26) = request_id:u32 || [send_id:16, in SendEnvelopesOnce (38)] || peer&lt;1..64&gt;:vector8 || count:u16 (1..19) || EnvelopeTarget[count]
 *   AckEnvelopes   (28) = request_id:u32 || count:u16 (1..200) || envelope_id:u64[count]
 *   DeviceList     (78) = request_id:u32 || user || count:u16 (0..10) || DeviceInfo[count]
 *   PrekeyCounts   (79) = request_id:u32 || one_time_x25519:u32 || one_time_kem:u32
 *   BundleList     (80) = request_id:u32 || user || count:u16 (0..10) || PrekeyBundle[count]
 *   DeviceMismatch (81) = request_id:u32 || peer || count:u16 (0..10) || DeviceId[count]
 *                         || count:u16 (0..10) || DeviceId[count]
 *   EnvelopeBatch  (82) = count:u16 (0..100) || QueuedEnvelope[count] || more:u8
 *   EnvelopePage   (84) = request_id:u32 || count:u16 (0..100) || QueuedEnvelope[count] || more:u8
 *   DeviceChanged  (83) = user || DeviceId || change:u8 (1 added, 2 removed)
 * </pre>
 */
final class E2eCodec {
    private E2eCodec() {
    }

    static void addDevice(WireWriter out, AddDevice r) {
        E2eFields.identity(out, r.identity());
        E2eFields.deviceName(out, r.name());
        E2eFields.prekey(out, r.signedPrekey());
        E2eFields.prekey(out, r.lastResortPrekey());
        E2eFields.proof(out, r.proof());
    }

    static AddDevice addDevice(WireReader in, long id) throws WireFormatException {
        return new AddDevice(id, E2eFields.identity(in), E2eFields.deviceName(in), E2eFields.prekey(in),
                E2eFields.prekey(in), E2eFields.proof(in));
    }

    static void uploadPrekeys(WireWriter out, UploadPrekeys r) {
        E2eFields.optionalPrekey(out, r.signedPrekey());
        E2eFields.prekeys(out, r.oneTimeX25519(), ChatLimits.MAX_ONE_TIME_X25519_PER_UPLOAD);
        E2eFields.prekeys(out, r.oneTimeKem(), ChatLimits.MAX_ONE_TIME_KEM_PER_UPLOAD);
        E2eFields.optionalPrekey(out, r.lastResortPrekey());
    }

    static UploadPrekeys uploadPrekeys(WireReader in, long id) throws WireFormatException {
        return new UploadPrekeys(id, E2eFields.optionalPrekey(in, "signed prekey"),
                E2eFields.prekeys(in, "one-time X25519 prekeys", ChatLimits.MAX_ONE_TIME_X25519_PER_UPLOAD),
                E2eFields.prekeys(in, "one-time KEM prekeys", ChatLimits.MAX_ONE_TIME_KEM_PER_UPLOAD),
                E2eFields.optionalPrekey(in, "last-resort prekey"));
    }

    static void sendEnvelopes(WireWriter out, SendEnvelopes r) {
        r.sendId().ifPresent(sendId -> out.fixed(sendId.value()));
        ChatFields.user(out, r.peer());
        requireNonEmpty(r.envelopes().size(), "envelopes");
        ChatFields.list(out, r.envelopes(), ChatLimits.MAX_ENVELOPES_PER_SEND, E2eFields::target);
    }

    /** The body after the request id; {@code sendId} was read before it for {@code send_envelopes_once}. */
    static SendEnvelopes sendEnvelopes(WireReader in, long id, java.util.Optional<SendId> sendId)
            throws WireFormatException {
        String peer = ChatFields.user(in);
        var targets = ChatFields.list(in, "envelopes", ChatLimits.MAX_ENVELOPES_PER_SEND, E2eFields::target);
        nonEmpty(targets.size(), "envelopes");
        return new SendEnvelopes(id, peer, targets, sendId);
    }

    static void ackEnvelopes(WireWriter out, AckEnvelopes r) {
        requireNonEmpty(r.envelopeIds().size(), "envelope ids");
        ChatFields.list(out, r.envelopeIds(), ChatLimits.MAX_ACK_IDS, E2eFields::envelopeId);
    }

    static AckEnvelopes ackEnvelopes(WireReader in, long id) throws WireFormatException {
        var ids = ChatFields.list(in, "envelope ids", ChatLimits.MAX_ACK_IDS, E2eFields::envelopeId);
        nonEmpty(ids.size(), "envelope ids");
        return new AckEnvelopes(id, ids);
    }

    static void deviceList(WireWriter out, DeviceList e) {
        out.u32(e.requestId());
        ChatFields.user(out, e.user());
        ChatFields.list(out, e.devices(), ChatLimits.MAX_DEVICES, E2eFields::deviceInfo);
    }

    static DeviceList deviceList(WireReader in) throws WireFormatException {
        return new DeviceList(in.u32(), ChatFields.user(in),
                ChatFields.list(in, "devices", ChatLimits.MAX_DEVICES, E2eFields::deviceInfo));
    }

    static void prekeyCounts(WireWriter out, PrekeyCounts e) {
        out.u32(e.requestId());
        ChatFields.count(out, e.oneTimeX25519());
        ChatFields.count(out, e.oneTimeKem());
    }

    static PrekeyCounts prekeyCounts(WireReader in) throws WireFormatException {
        return new PrekeyCounts(in.u32(), ChatFields.count(in, "one-time X25519 count"),
                ChatFields.count(in, "one-time KEM count"));
    }

    static void bundleList(WireWriter out, BundleList e) {
        out.u32(e.requestId());
        ChatFields.user(out, e.user());
        ChatFields.list(out, e.bundles(), ChatLimits.MAX_DEVICES, E2eFields::bundle);
    }

    static BundleList bundleList(WireReader in) throws WireFormatException {
        return new BundleList(in.u32(), ChatFields.user(in),
                ChatFields.list(in, "bundles", ChatLimits.MAX_DEVICES, E2eFields::bundle));
    }

    static void deviceMismatch(WireWriter out, DeviceMismatch e) {
        out.u32(e.requestId());
        ChatFields.user(out, e.peer());
        E2eFields.deviceIds(out, e.peerDevices());
        E2eFields.deviceIds(out, e.ownDevices());
    }

    static DeviceMismatch deviceMismatch(WireReader in) throws WireFormatException {
        return new DeviceMismatch(in.u32(), ChatFields.user(in), E2eFields.deviceIds(in, "peer devices"),
                E2eFields.deviceIds(in, "own devices"));
    }

    static void envelopeBatch(WireWriter out, EnvelopeBatch e) {
        ChatFields.list(out, e.envelopes(), ChatLimits.MAX_ENVELOPES_PER_BATCH, E2eFields::queued);
        out.bool(e.more());
    }

    static EnvelopeBatch envelopeBatch(WireReader in) throws WireFormatException {
        return new EnvelopeBatch(
                ChatFields.list(in, "envelopes", ChatLimits.MAX_ENVELOPES_PER_BATCH, E2eFields::queued), in.bool("more"));
    }

    static void envelopePage(WireWriter out, EnvelopePage e) {
        out.u32(e.requestId());
        ChatFields.list(out, e.envelopes(), ChatLimits.MAX_ENVELOPES_PER_BATCH, E2eFields::queued);
        out.bool(e.more());
    }

    static EnvelopePage envelopePage(WireReader in) throws WireFormatException {
        return new EnvelopePage(in.u32(),
                ChatFields.list(in, "envelopes", ChatLimits.MAX_ENVELOPES_PER_BATCH, E2eFields::queued), in.bool("more"));
    }

    static void deviceChanged(WireWriter out, DeviceChanged e) {
        ChatFields.user(out, e.user());
        E2eFields.deviceId(out, e.deviceId());
        out.u8(e.change().code());
    }

    static DeviceChanged deviceChanged(WireReader in) throws WireFormatException {
        return new DeviceChanged(ChatFields.user(in), E2eFields.deviceId(in),
                ChatFields.code(in, "device change", DeviceChange::fromCode));
    }

    private static void requireNonEmpty(int size, String field) {
        if (size == 0) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
    }

    private static void nonEmpty(int size, String field) throws WireFormatException {
        if (size == 0) {
            throw new WireFormatException(Alert.DECODE_ERROR, "no " + field);
        }
    }
}
