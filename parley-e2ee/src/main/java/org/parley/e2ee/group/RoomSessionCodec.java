package org.parley.e2ee.group;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * The stored form of a {@link RoomSession} (docs/E2EE.md 19.12; local, never exchanged). The
 * membership log is not inside: the client keeps the room's log entries anyway and passes them to
 * {@link #decode}, which verifies them again and requires the size and head hash stored here.
 *
 * <p><b>Security.</b> The result holds chain keys and the chain signing key: keep it in the
 * device's owner-only store.
 */
public final class RoomSessionCodec {
    /** Most member devices a stored session describes (senders or recipients): a room's maximum. */
    static final int MAX_DEVICES = MembershipRules.MAX_DEVICES_PER_ROOM;

    private RoomSessionCodec() {
    }

    public static SecretBytes encode(RoomSession session) {
        WireWriter out = new WireWriter(4096).u8(1).utf8Vector8(session.self().user()).u32(session.self().deviceId())
                .u32(session.policy().maxMessages()).u64(session.policy().maxAge().toMillis())
                .u32(session.log().size()).fixed(session.log().head()).u32(session.lastEpoch())
                .bool(session.removalSinceChain());
        OutboundChain outbound = session.outbound();
        out.bool(outbound != null);
        if (outbound != null) {
            out.u32(outbound.epoch()).u32(outbound.iteration()).fixed(Bytes.wrapOwned(outbound.chainKeyCopy()))
                    .fixed(Bytes.wrapOwned(outbound.signingKey().encodedPrivateKey().revealCopy()))
                    .u64(outbound.createdAt().toEpochMilli()).u16(outbound.recipients().size());
            Set<DeviceRef> recipients = new TreeSet<>(Membership.DEVICE_ORDER);
            recipients.addAll(outbound.recipients());
            recipients.forEach(ref -> device(out, ref));
        }
        out.u16(session.inbound().size());
        for (Map.Entry<DeviceRef, List<InboundChain>> sender : session.inbound().entrySet()) {
            device(out, sender.getKey());
            out.u8(sender.getValue().size());
            for (InboundChain chain : sender.getValue()) {
                LinkedHashMap<Long, byte[]> skipped = chain.skippedCopy();
                out.u32(chain.epoch()).fixed(chain.signingKey()).fixed(Bytes.wrapOwned(chain.chainKeyCopy()))
                        .u32(chain.next()).u16(skipped.size());
                skipped.forEach((iteration, key) -> out.u32(iteration).fixed(Bytes.wrapOwned(key)));
            }
        }
        return SecretBytes.wrapOwned(out.toBytes().toByteArray());
    }

    /** Restores a stored session over the room's log entries (verified again here). */
    public static RoomSession decode(SecretBytes stored, List<Bytes> logEntries) throws RoomException {
        try {
            WireReader reader = WireReader.of(Bytes.wrapOwned(stored.revealCopy()));
            if (reader.u8() != 1) {
                throw new RoomException(RoomError.UNSUPPORTED_VERSION, "stored room session version");
            }
            DeviceRef self = device(reader);
            RekeyPolicy policy = policy(reader.u32(), reader.u64());
            long logSize = reader.u32();
            Bytes head = reader.fixed(32, "log_head");
            VerifiedLog log = VerifiedLog.verify(logEntries);
            if (log.size() != logSize || !log.head().equals(head)) {
                throw new RoomException(RoomError.LOG_FORKED, "the stored log differs from the one the session verified");
            }
            long lastEpoch = reader.u32();
            boolean removal = reader.bool("removal_since_chain");
            OutboundChain outbound = reader.bool("has_outbound") ? outbound(reader, log, self) : null;
            Map<DeviceRef, List<InboundChain>> inbound = new TreeMap<>(Membership.DEVICE_ORDER);
            int senders = count(reader.u16());
            for (int i = 0; i < senders; i++) {
                DeviceRef sender = device(reader);
                int chains = reader.u8();
                if (chains < 1 || chains > RoomSession.EPOCHS_KEPT) {
                    throw RoomException.malformed("stored chains per sender out of range");
                }
                List<InboundChain> list = new ArrayList<>();
                for (int c = 0; c < chains; c++) {
                    list.add(inbound(reader));
                }
                inbound.put(sender, list);
            }
            reader.expectEnd();
            return RoomSession.restore(self, log, policy, lastEpoch, removal, outbound, inbound);
        } catch (WireFormatException e) {
            throw new RoomException(RoomError.MALFORMED, "stored room session: " + e.getMessage(), e);
        }
    }

    private static OutboundChain outbound(WireReader reader, VerifiedLog log, DeviceRef self)
            throws WireFormatException, RoomException {
        long epoch = reader.u32();
        long iteration = reader.u32();
        byte[] chainKey = reader.fixed(32, "chain_key").toByteArray();
        SigningKey signing;
        try {
            signing = SignatureAlgorithm.ED25519.create().restore(SecretBytes.wrapOwned(
                    reader.fixed(32, "signing_seed").toByteArray()));
        } catch (InvalidKeyMaterialException e) {
            throw new RoomException(RoomError.MALFORMED, "stored chain signing key", e);
        }
        Instant createdAt = Instant.ofEpochMilli(reader.u64());
        int recipients = count(reader.u16());
        Set<DeviceRef> given = new TreeSet<>(Membership.DEVICE_ORDER);
        for (int i = 0; i < recipients; i++) {
            given.add(device(reader));
        }
        return OutboundChain.restore(log.membership().roomId(), self, epoch, iteration, chainKey, signing, createdAt,
                given);
    }

    private static InboundChain inbound(WireReader reader) throws WireFormatException, RoomException {
        long epoch = reader.u32();
        Bytes signingKey = reader.fixed(32, "signing_key");
        byte[] chainKey = reader.fixed(32, "chain_key").toByteArray();
        long next = reader.u32();
        int skippedCount = reader.u16();
        if (skippedCount > InboundChain.MAX_SKIPPED) {
            throw RoomException.malformed("more than " + InboundChain.MAX_SKIPPED + " stored skipped keys");
        }
        LinkedHashMap<Long, byte[]> skipped = new LinkedHashMap<>();
        for (int i = 0; i < skippedCount; i++) {
            skipped.put(reader.u32(), reader.fixed(32, "skipped_key").toByteArray());
        }
        return new InboundChain(epoch, signingKey, chainKey, next, skipped);
    }

    private static RekeyPolicy policy(long maxMessages, long maxAgeMillis) throws RoomException {
        try {
            return new RekeyPolicy(maxMessages, Duration.ofMillis(maxAgeMillis));
        } catch (IllegalArgumentException e) {
            throw new RoomException(RoomError.MALFORMED, "stored rekey policy out of range", e);
        }
    }

    private static int count(int value) throws RoomException {
        if (value > MAX_DEVICES) {
            throw RoomException.malformed("more than " + MAX_DEVICES + " stored devices");
        }
        return value;
    }

    private static void device(WireWriter out, DeviceRef ref) {
        out.utf8Vector8(ref.user()).u32(ref.deviceId());
    }

    private static DeviceRef device(WireReader reader) throws WireFormatException, RoomException {
        return LogEntryCodec.deviceRef(reader.utf8Vector8("user", 1, DeviceRef.MAX_USER_BYTES), reader.u32());
    }
}
