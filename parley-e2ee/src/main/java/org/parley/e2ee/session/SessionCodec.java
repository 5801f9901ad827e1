package org.parley.e2ee.session;

import java.util.Map;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.Kem;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.StaticKeyAgreement;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.envelope.EnvelopeCodec;
import org.parley.e2ee.envelope.PqField;
import org.parley.e2ee.prekey.PrekeyKind;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * The stored form of a {@link Session} (docs/E2EE.md section 8.6). It holds the root, chain and
 * skipped message keys: the client keeps it in its owner-only store and nowhere else. Public
 * keys that follow from stored private ones are recomputed on load.
 */
public final class SessionCodec {
    private static final int VERSION = 1;
    private static final int MAX_START = 2 + 2 + DeviceIdentity.MAX_LENGTH + 32 + 4 + 1 + 4 + 1 + 4 + 1088;

    private SessionCodec() {
    }

    public static SecretBytes encode(Session session) {
        RatchetState s = session.state();
        WireWriter out = new WireWriter(4096).u8(VERSION).u8(s.suite.code()).fixed(s.associatedData)
                .fixed(s.baseKey).vector16(s.peerIdentity).bool(s.oneTimePrekeyUsed)
                .u8(s.kemPrekeyKind.map(PrekeyKind::code).orElse(0)).fixed(Bytes.wrapOwned(s.rootKey.clone()))
                .fixed(Bytes.wrapOwned(s.selfRatchetPrivate.clone()));
        optional(out, s.peerRatchetKey);
        optional(out, s.sendChainKey == null ? null : Bytes.wrapOwned(s.sendChainKey.clone()));
        out.u32(s.sendN).u32(s.previousSendN);
        optional(out, s.receiveChainKey == null ? null : Bytes.wrapOwned(s.receiveChainKey.clone()));
        out.u32(s.receiveN).bool(s.sendRatchetDue).u8(s.sendPq.code()).fixed(s.sendPq.data());
        optional(out, s.pendingKemSeed == null ? null : Bytes.wrapOwned(s.pendingKemSeed.clone()));
        optional(out, s.peerOffer);
        out.u8(Math.min(s.chainsSincePq, 255)).u64(s.dhSteps).u64(s.pqSteps).u64(s.messagesSent)
                .u64(s.messagesReceived);
        out.vector16(s.pendingStart.map(EnvelopeCodec::encodeStart).orElse(Bytes.empty()));
        out.u16(s.skipped.size());
        for (Map.Entry<SkippedKeys.Entry, byte[]> entry : s.skipped.entries().entrySet()) {
            out.fixed(entry.getKey().ratchetKey()).u32(entry.getKey().messageNumber())
                    .fixed(Bytes.wrapOwned(entry.getValue().clone()));
        }
        out.u8(s.previousPeerKeys.size());
        s.previousPeerKeys.forEach(out::fixed);
        return SecretBytes.wrapOwned(out.toBytes().toByteArray());
    }

    public static Session decode(SecretBytes stored) throws E2eeException {
        try {
            WireReader in = WireReader.of(Bytes.wrapOwned(stored.revealCopy()));
            if (in.u8() != VERSION) {
                throw new E2eeException(E2eeError.UNSUPPORTED_VERSION, "stored session version");
            }
            RatchetState s = new RatchetState();
            int suiteCode = in.u8();
            s.suite = E2eSuite.fromCode(suiteCode).orElseThrow(() -> E2eeException.malformed("unknown suite"));
            s.associatedData = in.fixed(32, "ad");
            s.baseKey = in.fixed(32, "base_key");
            s.peerIdentity = in.vector16("peer_identity", DeviceIdentity.MIN_LENGTH, DeviceIdentity.MAX_LENGTH);
            s.oneTimePrekeyUsed = in.bool("one_time_used");
            int kemKind = in.u8();
            s.kemPrekeyKind = kemKind == 0 ? Optional.empty() : Optional.of(PrekeyKind.fromCode(kemKind)
                    .filter(PrekeyKind::isKem).orElseThrow(() -> E2eeException.malformed("kem kind")));
            s.rootKey = in.fixed(32, "root_key").toByteArray();
            s.selfRatchetPrivate = in.fixed(32, "self_ratchet").toByteArray();
            s.selfRatchetPublic = StaticKeyAgreement.x25519().restore(SecretBytes.copyOf(s.selfRatchetPrivate))
                    .publicKey();
            s.peerRatchetKey = optional(in, 32, "peer_ratchet_key");
            s.sendChainKey = bytes(optional(in, 32, "send_chain_key"));
            s.sendN = in.u32();
            s.previousSendN = in.u32();
            s.receiveChainKey = bytes(optional(in, 32, "receive_chain_key"));
            s.receiveN = in.u32();
            s.sendRatchetDue = in.bool("send_ratchet_due");
            int pqType = in.u8();
            s.sendPq = switch (pqType) {
                case 0 -> new PqField.None();
                case 1 -> new PqField.Offer(in.fixed(PqField.OFFER_LENGTH, "send_pq"));
                case 2 -> new PqField.Answer(in.fixed(PqField.ANSWER_LENGTH, "send_pq"));
                default -> throw E2eeException.malformed("pq type");
            };
            s.pendingKemSeed = bytes(optional(in, 64, "pending_kem_seed"));
            if (s.pendingKemSeed != null) {
                s.pendingKemKey = Kem.mlKem768().restore(SecretBytes.copyOf(s.pendingKemSeed)).encapsulationKey();
            }
            s.peerOffer = optional(in, PqField.OFFER_LENGTH, "peer_offer");
            s.chainsSincePq = in.u8();
            s.dhSteps = in.u64();
            s.pqSteps = in.u64();
            s.messagesSent = in.u64();
            s.messagesReceived = in.u64();
            Bytes start = in.vector16("pending_start", 0, MAX_START);
            s.pendingStart = start.isEmpty() ? Optional.empty() : Optional.of(EnvelopeCodec.decodeStart(start));
            int skipped = in.u16();
            if (skipped > SkippedKeys.MAX_TOTAL) {
                throw E2eeException.malformed("more than " + SkippedKeys.MAX_TOTAL + " skipped keys");
            }
            for (int i = 0; i < skipped; i++) {
                s.skipped.put(in.fixed(32, "skipped_key"), in.u32(), in.fixed(32, "skipped_mk").toByteArray());
            }
            int previous = in.u8();
            if (previous > RatchetState.REMEMBERED_PEER_KEYS) {
                throw E2eeException.malformed("too many remembered ratchet keys");
            }
            for (int i = 0; i < previous; i++) {
                s.previousPeerKeys.add(in.fixed(32, "previous_peer_key"));
            }
            in.expectEnd();
            return new Session(s);
        } catch (WireFormatException e) {
            throw new E2eeException(E2eeError.MALFORMED, "stored session: " + e.getMessage(), e);
        } catch (InvalidKeyMaterialException e) {
            throw new E2eeException(E2eeError.MALFORMED, "stored session holds a malformed key", e);
        }
    }

    private static void optional(WireWriter out, Bytes value) {
        out.bool(value != null);
        if (value != null) {
            out.fixed(value);
        }
    }

    private static Bytes optional(WireReader in, int length, String field) throws WireFormatException {
        return in.bool(field) ? in.fixed(length, field) : null;
    }

    private static byte[] bytes(Bytes value) {
        return value == null ? null : value.toByteArray();
    }
}
