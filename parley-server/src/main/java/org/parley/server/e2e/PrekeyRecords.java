package org.parley.server.e2e;

import java.nio.charset.StandardCharsets;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SignatureScheme;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.store.PrekeyKind;
import org.parley.server.store.StoredPrekey;

/**
 * Checks an uploaded prekey record (docs/PROTOCOL.md, Section 14.8; the contract of docs/E2EE.md):
 *
 * <pre>
 *   record = kind:u8 || key_id:u32 || public_key (32 or 1,184 bytes by kind) || signature:64
 *   signature = Ed25519(device signing key, "parley-e2ee v1 prekey" || kind || key_id || public_key)
 * </pre>
 *
 * <p><b>Security.</b> The kind must be the one the upload slot expects, the length exact for the
 * kind, and the signature valid under the device's own key, so the server never hands out a
 * record its device did not sign (clients still verify it: the server is not trusted for that).
 */
final class PrekeyRecords {
    static final int SIGNING_KEY_BYTES = 32;
    static final Bytes LABEL = Bytes.wrapOwned("parley-e2ee v1 prekey".getBytes(StandardCharsets.US_ASCII));
    private static final int SIGNATURE_BYTES = 64;
    private static final int HEADER_BYTES = 5;
    private final SignatureScheme ed25519 = SignatureAlgorithm.ED25519.create();

    /** The checked record, or a refusal naming what is wrong (never the key bytes). */
    StoredPrekey check(Bytes record, PrekeyKind expected, Bytes signingKey) throws E2eRefusal {
        int code = Byte.toUnsignedInt(record.get(0));
        if (code != expected.code()) {
            throw new E2eRefusal(ErrorCode.MALFORMED_REQUEST, "a " + name(expected) + " record has kind " + code
                    + ", not " + expected.code());
        }
        int signedLength = HEADER_BYTES + expected.keyLength();
        if (record.length() != signedLength + SIGNATURE_BYTES) {
            throw new E2eRefusal(ErrorCode.MALFORMED_REQUEST, "a " + name(expected) + " record must be "
                    + (signedLength + SIGNATURE_BYTES) + " bytes, not " + record.length());
        }
        Bytes signed = record.slice(0, signedLength);
        Bytes signature = record.slice(signedLength, record.length());
        boolean valid;
        try {
            valid = ed25519.verify(signingKey, Bytes.concat(LABEL, signed), signature);
        } catch (InvalidKeyMaterialException e) {
            valid = false;
        }
        if (!valid) {
            throw new E2eRefusal(ErrorCode.BAD_SIGNATURE, "the signature of a " + name(expected)
                    + " record does not verify under the device's key");
        }
        long keyId = ((long) Byte.toUnsignedInt(record.get(1)) << 24) | (Byte.toUnsignedInt(record.get(2)) << 16)
                | (Byte.toUnsignedInt(record.get(3)) << 8) | Byte.toUnsignedInt(record.get(4));
        return new StoredPrekey(expected, keyId, record);
    }

    private static String name(PrekeyKind kind) {
        return switch (kind) {
            case SIGNED_X25519 -> "signed X25519 prekey";
            case ONE_TIME_X25519 -> "one-time X25519 prekey";
            case ONE_TIME_KEM -> "one-time ML-KEM prekey";
            case LAST_RESORT_KEM -> "last-resort ML-KEM prekey";
        };
    }
}
