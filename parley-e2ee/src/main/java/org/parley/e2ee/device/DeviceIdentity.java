package org.parley.e2ee.device;

import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * A device's public identity: the blob the server stores and hands out (docs/E2EE.md, "Device
 * identity"). Only {@link #parse} makes one, and it verifies the signature, so holding a
 * {@code DeviceIdentity} means the signing key vouched for the agreement key and the suite list.
 *
 * <pre>
 *   identity = signing_key[32] ‖ agreement_key[32] ‖ version u8 (1) ‖ suites&lt;1..8&gt; (u8 codes, ascending)
 *              ‖ signature[64]
 *   signature = Ed25519(signing key, "parley-e2ee v1 identity" ‖ every byte before the signature)
 * </pre>
 *
 * @param encoded the whole blob, as signed and stored
 * @param signingKey the Ed25519 public key (the blob's first 32 bytes)
 * @param agreementKey the X25519 public identity key
 * @param suiteCodes every suite code listed, ascending (unknown future codes included)
 */
public record DeviceIdentity(Bytes encoded, Bytes signingKey, Bytes agreementKey, List<Integer> suiteCodes) {
    public static final int MIN_LENGTH = 64;
    public static final int MAX_LENGTH = 256;
    public static final int VERSION = 1;
    public static final int MAX_SUITES = 8;
    static final Bytes LABEL = Bytes.utf8("parley-e2ee v1 identity");

    public DeviceIdentity {
        suiteCodes = List.copyOf(suiteCodes);
    }

    /** The suites this device supports that this implementation knows, weakest first. */
    public List<E2eSuite> suites() {
        List<E2eSuite> known = new ArrayList<>();
        for (int code : suiteCodes) {
            E2eSuite.fromCode(code).ifPresent(known::add);
        }
        return known;
    }

    /** Parses and verifies a stored or received identity blob. */
    public static DeviceIdentity parse(Bytes blob) throws E2eeException {
        if (blob.length() < MIN_LENGTH || blob.length() > MAX_LENGTH) {
            throw E2eeException.malformed("device identity must be " + MIN_LENGTH + ".." + MAX_LENGTH
                    + " bytes, got " + blob.length());
        }
        DeviceIdentity identity;
        Bytes signature;
        try {
            WireReader reader = WireReader.of(blob);
            Bytes signingKey = reader.fixed(32, "signing_key");
            Bytes agreementKey = reader.fixed(32, "agreement_key");
            int version = reader.u8();
            if (version != VERSION) {
                throw new E2eeException(E2eeError.UNSUPPORTED_VERSION, "device identity version " + version);
            }
            Bytes suites = reader.vector8("suites", 1, MAX_SUITES);
            signature = reader.fixed(64, "signature");
            reader.expectEnd();
            identity = new DeviceIdentity(blob, signingKey, agreementKey, ascendingCodes(suites));
        } catch (WireFormatException e) {
            throw new E2eeException(E2eeError.MALFORMED, "device identity: " + e.getMessage(), e);
        }
        Bytes signed = Bytes.concat(LABEL, blob.slice(0, blob.length() - 64));
        if (!verify(identity.signingKey, signed, signature)) {
            throw new E2eeException(E2eeError.BAD_SIGNATURE, "device identity signature does not verify");
        }
        return identity;
    }

    /** Encodes the signed part (everything before the signature). */
    static Bytes unsignedPart(Bytes signingKey, Bytes agreementKey, List<E2eSuite> suites) {
        WireWriter suiteCodes = new WireWriter();
        suites.stream().mapToInt(E2eSuite::code).sorted().distinct().forEach(suiteCodes::u8);
        return new WireWriter().fixed(signingKey).fixed(agreementKey).u8(VERSION)
                .vector8(suiteCodes.toBytes()).toBytes();
    }

    static boolean verify(Bytes signingKey, Bytes message, Bytes signature) throws E2eeException {
        try {
            return SignatureAlgorithm.ED25519.create().verify(signingKey, message, signature);
        } catch (InvalidKeyMaterialException e) {
            throw new E2eeException(E2eeError.INVALID_KEY, "Ed25519 signing key is malformed", e);
        }
    }

    private static List<Integer> ascendingCodes(Bytes suites) throws E2eeException {
        List<Integer> codes = new ArrayList<>();
        int previous = 0;
        for (int i = 0; i < suites.length(); i++) {
            int code = suites.get(i) & 0xff;
            if (code <= previous) {
                throw E2eeException.malformed("device identity suites must be strictly ascending and non-zero");
            }
            codes.add(code);
            previous = code;
        }
        return codes;
    }
}
