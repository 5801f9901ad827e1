package org.parley.e2ee.prekey;

import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.protocol.wire.WireWriter;

/**
 * One signed prekey record as the wire contract fixes it:
 * {@code kind u8 ‖ key_id u32 ‖ public_key ‖ signature[64]}, the signature being Ed25519 by the
 * device's signing key over {@code "parley-e2ee v1 prekey" ‖ kind ‖ key_id ‖ public_key}.
 *
 * @param keyId 0..2^32-1, unique per kind on one device
 */
public record PrekeyRecord(PrekeyKind kind, long keyId, Bytes publicKey, Bytes signature) {
    static final Bytes LABEL = Bytes.utf8("parley-e2ee v1 prekey");

    public PrekeyRecord {
        if (keyId < 0 || keyId > 0xffff_ffffL) {
            throw new IllegalArgumentException("key id out of u32 range");
        }
        if (publicKey.length() != kind.publicKeyLength() || signature.length() != 64) {
            throw new IllegalArgumentException("wrong public key or signature length for " + kind);
        }
    }

    /** Signs a new record with the device's key. */
    public static PrekeyRecord sign(DeviceKeys device, PrekeyKind kind, long keyId, Bytes publicKey) {
        Bytes unsigned = unsignedPart(kind, keyId, publicKey);
        return new PrekeyRecord(kind, keyId, publicKey, device.sign(Bytes.concat(LABEL, unsigned)));
    }

    public Bytes encode() {
        return Bytes.concat(unsignedPart(kind, keyId, publicKey), signature);
    }

    /**
     * Parses a record and checks its signature against {@code signingKey}.
     *
     * @throws E2eeException MALFORMED for an unknown kind or a wrong length, BAD_SIGNATURE when the
     *     signature does not verify
     */
    public static PrekeyRecord parse(Bytes record, Bytes signingKey) throws E2eeException {
        if (record.isEmpty()) {
            throw E2eeException.malformed("empty prekey record");
        }
        PrekeyKind kind = PrekeyKind.fromCode(record.get(0) & 0xff)
                .orElseThrow(() -> E2eeException.malformed("unknown prekey kind " + (record.get(0) & 0xff)));
        if (record.length() != kind.recordLength()) {
            throw E2eeException.malformed(kind + " record must be " + kind.recordLength() + " bytes, got "
                    + record.length());
        }
        long keyId = ((long) (record.get(1) & 0xff) << 24) | ((record.get(2) & 0xff) << 16)
                | ((record.get(3) & 0xff) << 8) | (record.get(4) & 0xff);
        Bytes publicKey = record.slice(5, 5 + kind.publicKeyLength());
        Bytes signature = record.slice(record.length() - 64, record.length());
        boolean valid;
        try {
            valid = SignatureAlgorithm.ED25519.create().verify(signingKey,
                    Bytes.concat(LABEL, record.slice(0, record.length() - 64)), signature);
        } catch (InvalidKeyMaterialException e) {
            throw new E2eeException(E2eeError.INVALID_KEY, "Ed25519 signing key is malformed", e);
        }
        if (!valid) {
            throw new E2eeException(E2eeError.BAD_SIGNATURE, kind + " record " + keyId + " signature does not verify");
        }
        return new PrekeyRecord(kind, keyId, publicKey, signature);
    }

    private static Bytes unsignedPart(PrekeyKind kind, long keyId, Bytes publicKey) {
        return new WireWriter().u8(kind.code()).u32(keyId).fixed(publicKey).toBytes();
    }
}
