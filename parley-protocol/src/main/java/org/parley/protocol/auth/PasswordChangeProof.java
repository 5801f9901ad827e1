package org.parley.protocol.auth;

import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.wire.WireWriter;

/**
 * The proof of the current password that a {@code ChangePassword} request carries
 * (docs/PROTOCOL.md, Section 14.5): the SCRAM client proof of RFC 5802, computed over a
 * password-change transcript instead of a login's AuthMessage.
 *
 * <pre>
 *   transcript    = "parley change-password v1" (25 bytes ASCII) || channel_binding (32 bytes)
 *                   || ScramVerifier encoding of new_verifier
 *   current_proof = ClientKey XOR HMAC(StoredKey, transcript)
 * </pre>
 *
 * ClientKey and StoredKey are those of the current password. The server recomputes the HMAC with
 * its stored StoredKey, recovers ClientKey and checks H(ClientKey) = StoredKey in constant time.
 *
 * <p><b>Security.</b> Only the holder of the password (or of ClientKey) can make the proof; the
 * server's stored verifier is not enough. The channel binding ties it to one connection, so a
 * captured proof cannot be replayed on another, and the transcript names the new verifier, so it
 * cannot be re-targeted to a verifier the attacker chose.
 */
public final class PasswordChangeProof {
    /** The transcript's label, without a length prefix. */
    static final Bytes LABEL = Bytes.utf8("parley change-password v1");

    private PasswordChangeProof() {
    }

    /**
     * Computes the proof for the account's current parameters (from {@code PasswordParams}).
     * Slow by design (one PBKDF2 run): call it off any UI or event-loop thread.
     *
     * @throws IllegalArgumentException if {@code iterations} is below the mechanism's minimum
     *     (a server asking for fewer would make the proof cheap to attack offline)
     */
    public static Bytes create(ScramMechanism mechanism, SecretBytes normalisedCurrent, Bytes salt, int iterations,
                               Bytes channelBinding, ScramVerifier newVerifier) {
        if (iterations < mechanism.minimumIterations()) {
            throw new IllegalArgumentException("the server's iteration count is below the minimum for " + mechanism);
        }
        ScramKeys keys = new ScramKeys(mechanism);
        Bytes transcript = transcript(channelBinding, newVerifier);
        try (SecretBytes salted = keys.saltedPassword(normalisedCurrent, salt, iterations);
             SecretBytes clientKey = keys.clientKey(salted)) {
            Bytes signature = signature(keys, keys.storedKey(clientKey), transcript);
            byte[] clientKeyBytes = clientKey.revealCopy();
            try {
                return Bytes.wrapOwned(ScramKeys.xor(clientKeyBytes, signature));
            } finally {
                Arrays.fill(clientKeyBytes, (byte) 0);
            }
        }
    }

    /**
     * True if {@code proof} proves knowledge of the password behind {@code current} for this
     * connection's {@code channelBinding} and this {@code newVerifier}. A proof of the wrong
     * length is false; the comparison of the recovered key is constant-time.
     */
    public static boolean verify(ScramVerifier current, Bytes proof, Bytes channelBinding, ScramVerifier newVerifier) {
        ScramMechanism mechanism = current.mechanism();
        if (proof.length() != mechanism.keyLength() || current.storedKey().length() != mechanism.keyLength()) {
            return false;
        }
        ScramKeys keys = new ScramKeys(mechanism);
        Bytes signature = signature(keys, current.storedKey(), transcript(channelBinding, newVerifier));
        byte[] recoveredClientKey = ScramKeys.xor(proof.toByteArray(), signature);
        return keys.hashAndWipe(recoveredClientKey).constantTimeEquals(current.storedKey());
    }

    /** HMAC(StoredKey, transcript). */
    private static Bytes signature(ScramKeys keys, Bytes storedKey, Bytes transcript) {
        try (SecretBytes key = SecretBytes.copyOf(storedKey.toByteArray())) {
            return keys.hmac(key, transcript);
        }
    }

    /** The bytes the proof's HMAC covers. */
    static Bytes transcript(Bytes channelBinding, ScramVerifier newVerifier) {
        WireWriter out = new WireWriter();
        out.fixed(LABEL).fixed(ChannelBinding.require(channelBinding));
        ScramVerifierCodec.write(out, newVerifier);
        return out.toBytes();
    }
}
