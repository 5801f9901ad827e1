package org.parley.e2ee.envelope;

import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.envelope.StartFields.KemStart;
import org.parley.e2ee.prekey.PrekeyKind;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Encodes and strictly decodes {@link Envelope}s (docs/E2EE.md, "Envelope"). Every length is
 * checked against its maximum before anything is allocated; a decoded envelope re-encodes to
 * exactly its input.
 */
public final class EnvelopeCodec {
    static final int TYPE_PREKEY = 1;
    static final int TYPE_MESSAGE = 2;

    private EnvelopeCodec() {
    }

    public static Bytes encode(Envelope envelope) {
        WireWriter out = new WireWriter(2048).u8(Envelope.VERSION);
        switch (envelope) {
            case Envelope.Prekey prekey -> {
                out.u8(TYPE_PREKEY);
                writeStart(out, prekey.start());
            }
            case Envelope.Message ignored -> out.u8(TYPE_MESSAGE);
        }
        envelope.message().header().write(out);
        out.vector16(envelope.message().ciphertext());
        return out.toBytes();
    }

    public static Envelope decode(Bytes encoded) throws E2eeException {
        if (encoded.isEmpty() || encoded.length() > Envelope.MAX_LENGTH) {
            throw E2eeException.malformed("envelope must be 1.." + Envelope.MAX_LENGTH + " bytes, got "
                    + encoded.length());
        }
        try {
            WireReader reader = WireReader.of(encoded);
            int version = reader.u8();
            if (version != Envelope.VERSION) {
                throw new E2eeException(E2eeError.UNSUPPORTED_VERSION, "envelope version " + version);
            }
            int type = reader.u8();
            Envelope envelope = switch (type) {
                case TYPE_PREKEY -> {
                    StartFields start = readStart(reader);
                    yield new Envelope.Prekey(start, readMessage(reader));
                }
                case TYPE_MESSAGE -> new Envelope.Message(readMessage(reader));
                default -> throw E2eeException.malformed("unknown envelope type " + type);
            };
            reader.expectEnd();
            return envelope;
        } catch (WireFormatException e) {
            throw new E2eeException(E2eeError.MALFORMED, "envelope: " + e.getMessage(), e);
        }
    }

    /** Encodes the start fields alone (the session store keeps them until the first reply). */
    public static Bytes encodeStart(StartFields start) {
        WireWriter out = new WireWriter(1500);
        writeStart(out, start);
        return out.toBytes();
    }

    /** Decodes what {@link #encodeStart} produced. */
    public static StartFields decodeStart(Bytes encoded) throws E2eeException {
        try {
            WireReader reader = WireReader.of(encoded);
            StartFields start = readStart(reader);
            reader.expectEnd();
            return start;
        } catch (WireFormatException e) {
            throw new E2eeException(E2eeError.MALFORMED, "start fields: " + e.getMessage(), e);
        }
    }

    private static void writeStart(WireWriter out, StartFields start) {
        out.u8(start.suite().code()).vector16(start.initiatorIdentity()).fixed(start.baseKey())
                .u32(start.signedPrekeyId());
        out.bool(start.oneTimePrekeyId().isPresent());
        start.oneTimePrekeyId().ifPresent(out::u32);
        if (start.kem().isPresent()) {
            KemStart kem = start.kem().get();
            out.u8(kem.kind().code()).u32(kem.keyId()).fixed(kem.ciphertext());
        } else {
            out.u8(0);
        }
    }

    /** Decodes a header alone (exposed for fuzzing and tests). */
    public static MessageHeader decodeHeader(Bytes encoded) throws E2eeException {
        if (encoded.length() > MessageHeader.MAX_LENGTH) {
            throw E2eeException.malformed("header longer than " + MessageHeader.MAX_LENGTH + " bytes");
        }
        try {
            WireReader reader = WireReader.of(encoded);
            MessageHeader header = readHeader(reader);
            reader.expectEnd();
            return header;
        } catch (WireFormatException e) {
            throw new E2eeException(E2eeError.MALFORMED, "header: " + e.getMessage(), e);
        }
    }

    private static StartFields readStart(WireReader reader) throws WireFormatException, E2eeException {
        int code = reader.u8();
        E2eSuite suite = E2eSuite.fromCode(code).orElseThrow(() -> E2eeException.malformed("unknown suite " + code));
        Bytes identity = reader.vector16("initiator_identity", DeviceIdentity.MIN_LENGTH, DeviceIdentity.MAX_LENGTH);
        Bytes baseKey = reader.fixed(32, "base_key");
        long signedPrekeyId = reader.u32();
        Optional<Long> oneTime = reader.bool("has_one_time_prekey") ? Optional.of(reader.u32()) : Optional.empty();
        int kemKind = reader.u8();
        Optional<KemStart> kem = Optional.empty();
        if (kemKind != 0) {
            PrekeyKind kind = PrekeyKind.fromCode(kemKind).filter(PrekeyKind::isKem)
                    .orElseThrow(() -> E2eeException.malformed("kem_kind " + kemKind + " is not a KEM prekey"));
            kem = Optional.of(new KemStart(kind, reader.u32(), reader.fixed(PqField.ANSWER_LENGTH, "kem_ciphertext")));
        }
        if (suite.postQuantumStart() != kem.isPresent()) {
            throw E2eeException.malformed("suite " + suite.label() + (kem.isPresent() ? " carries no" : " needs a")
                    + " KEM ciphertext");
        }
        return new StartFields(suite, identity, baseKey, signedPrekeyId, oneTime, kem);
    }

    private static RatchetMessage readMessage(WireReader reader) throws WireFormatException, E2eeException {
        MessageHeader header = readHeader(reader);
        Bytes ciphertext = reader.vector16("ciphertext", RatchetMessage.MIN_CIPHERTEXT, RatchetMessage.MAX_CIPHERTEXT);
        return new RatchetMessage(header, ciphertext);
    }

    private static MessageHeader readHeader(WireReader reader) throws WireFormatException, E2eeException {
        Bytes ratchetKey = reader.fixed(32, "ratchet_key");
        long pn = reader.u32();
        long n = reader.u32();
        int pqType = reader.u8();
        PqField pq = switch (pqType) {
            case 0 -> new PqField.None();
            case 1 -> new PqField.Offer(reader.fixed(PqField.OFFER_LENGTH, "pq_offer"));
            case 2 -> new PqField.Answer(reader.fixed(PqField.ANSWER_LENGTH, "pq_answer"));
            default -> throw E2eeException.malformed("unknown pq_type " + pqType);
        };
        return new MessageHeader(ratchetKey, pn, n, pq);
    }
}
