package org.parley.server.e2e;

import java.nio.charset.StandardCharsets;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SignatureScheme;

/**
 * Checks the proof that a connection holds a device's signing key: an Ed25519 signature by the
 * key in the identity's first 32 bytes over {@code "parley-e2ee v1 device" || channel_binding}
 * (docs/PROTOCOL.md, Section 14.8).
 *
 * <p><b>Security.</b> The channel binding is unique to one secure-channel connection, so a proof
 * cannot be replayed on another connection, and only a session that proved a device's key may
 * read that device's queue. The label differs from the prekey label, so a prekey signature is
 * never a device proof.
 */
final class DeviceProof {
    static final Bytes LABEL = Bytes.wrapOwned("parley-e2ee v1 device".getBytes(StandardCharsets.US_ASCII));
    private static final int BINDING_BYTES = 32;
    private final SignatureScheme ed25519 = SignatureAlgorithm.ED25519.create();

    /** The signing key of an identity blob: its first 32 bytes. */
    static Bytes signingKey(Bytes identity) {
        return identity.slice(0, PrekeyRecords.SIGNING_KEY_BYTES);
    }

    /** True if {@code proof} is a valid signature by {@code signingKey} for this channel binding. */
    boolean verify(Bytes signingKey, Bytes channelBinding, Bytes proof) {
        if (channelBinding.length() != BINDING_BYTES) {
            return false;
        }
        try {
            return ed25519.verify(signingKey, Bytes.concat(LABEL, channelBinding), proof);
        } catch (InvalidKeyMaterialException e) {
            return false;
        }
    }

    /** True if {@code signingKey} is a well-formed Ed25519 public key. */
    boolean wellFormed(Bytes signingKey) {
        try {
            ed25519.checkPublicKey(signingKey);
            return true;
        } catch (InvalidKeyMaterialException e) {
            return false;
        }
    }
}
