package org.parley.protocol.auth;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Writes and reads a {@link ScramVerifier} as one wire structure, shared by {@link AuthCodec}
 * ({@code Register}) and the chat codec ({@code ChangePassword}) so the two cannot drift apart.
 *
 * <pre>
 *   ScramVerifier = mechanism:u8 || salt&lt;1..64&gt;:vector8 || iterations:u32 (1..10,000,000)
 *                   || stored_key&lt;1..64&gt;:vector8 || server_key&lt;1..64&gt;:vector8
 * </pre>
 *
 * <p><b>Security.</b> A verifier is password-equivalent for offline guessing; the codec never
 * puts its bytes in an exception message.
 */
public final class ScramVerifierCodec {
    private ScramVerifierCodec() {
    }

    /** Appends {@code verifier} to {@code out}. */
    public static void write(WireWriter out, ScramVerifier verifier) {
        out.u8(verifier.mechanism().code()).vector8(verifier.salt()).u32(verifier.iterations())
                .vector8(verifier.storedKey()).vector8(verifier.serverKey());
    }

    /** Reads one verifier, checking every length and the iteration count before building it. */
    public static ScramVerifier read(WireReader in) throws WireFormatException {
        int code = in.u8();
        ScramMechanism mechanism = ScramMechanism.fromCode(code).orElseThrow(
                () -> new WireFormatException(Alert.ILLEGAL_PARAMETER, "unknown SCRAM mechanism " + code));
        Bytes salt = in.vector8("salt", 1, AuthCodec.MAX_SALT);
        long iterations = in.u32();
        if (iterations < 1 || iterations > ScramMechanism.MAX_ITERATIONS) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "iteration count out of range");
        }
        Bytes storedKey = in.vector8("stored key", 1, AuthCodec.MAX_KEY);
        Bytes serverKey = in.vector8("server key", 1, AuthCodec.MAX_KEY);
        return new ScramVerifier(mechanism, salt, (int) iterations, storedKey, serverKey);
    }
}
