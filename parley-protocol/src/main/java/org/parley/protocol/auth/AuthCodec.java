package org.parley.protocol.auth;

import java.util.Optional;
import java.util.function.IntFunction;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Encodes and decodes {@link AuthMessage}s (docs/PROTOCOL.md, "User authentication").
 *
 * <pre>
 *   AuthMessage        = type:u8 || body
 *   ScramClientFirst   = mechanism:u8 || text&lt;1..512&gt;:vector16
 *   ScramServerFirst   = text&lt;1..512&gt;:vector16
 *   ScramClientFinal   = text&lt;1..512&gt;:vector16
 *   ScramServerFinal   = text&lt;1..512&gt;:vector16
 *   PublicKeyLogin     = username&lt;1..64&gt;:vector8 || algorithm:u16
 *                        || public_key&lt;1..2048&gt;:vector16 || signature&lt;1..4096&gt;:vector16
 *   Register           = username&lt;1..64&gt;:vector8 || mechanism:u8 || salt&lt;1..64&gt;:vector8
 *                        || iterations:u32 (1..10,000,000) || stored_key&lt;1..64&gt;:vector8
 *                        || server_key&lt;1..64&gt;:vector8 || has_invite:u8 (0|1)
 *                        || [invite&lt;1..64&gt;:vector8]
 *   AuthSucceeded      = username&lt;1..64&gt;:vector8 || method:u8
 *   AuthFailed         = code:u8 || [reason:u8, only when code = REGISTRATION_REJECTED]
 * </pre>
 *
 * <p>Texts are strict UTF-8; user names must already be NFC. A message has exactly one encoding:
 * trailing bytes, unknown codes, over-long or truncated fields are rejected. {@link #decode}
 * throws only {@link WireFormatException}, whatever the input.
 */
public final class AuthCodec {
    /** Longest SCRAM text in UTF-8 bytes (Parley's messages need under 300). */
    public static final int MAX_SCRAM_TEXT = 512;
    /** Longest public key (ML-DSA-65's is 1,952 bytes). */
    public static final int MAX_PUBLIC_KEY = 2048;
    /** Longest signature (ML-DSA-65's is 3,309 bytes). */
    public static final int MAX_SIGNATURE = 4096;
    /** Longest salt in a registered verifier. */
    public static final int MAX_SALT = 64;
    /** Longest StoredKey/ServerKey (SHA-512). */
    public static final int MAX_KEY = 64;

    private AuthCodec() {
    }

    /** Encodes {@code message} with its type byte. */
    public static Bytes encode(AuthMessage message) {
        WireWriter out = new WireWriter().u8(message.type().code());
        switch (message) {
            case ScramClientFirst m -> out.u8(m.mechanism().code()).utf8Vector16(m.text());
            case ScramServerFirst m -> out.utf8Vector16(m.text());
            case ScramClientFinal m -> out.utf8Vector16(m.text());
            case ScramServerFinal m -> out.utf8Vector16(m.text());
            case PublicKeyLogin m -> out.utf8Vector8(m.username()).u16(m.algorithm().code())
                    .vector16(m.publicKey()).vector16(m.signature());
            case Register m -> {
                out.utf8Vector8(m.username());
                ScramVerifierCodec.write(out, m.verifier());
                out.bool(m.inviteCode().isPresent());
                m.inviteCode().ifPresent(out::utf8Vector8);
            }
            case AuthSucceeded m -> out.utf8Vector8(m.username()).u8(m.method().code());
            case AuthFailed m -> {
                out.u8(m.code().code());
                m.registrationRejection().ifPresent(reason -> out.u8(reason.code()));
            }
        }
        return out.toBytes();
    }

    /** Decodes one whole message. */
    public static AuthMessage decode(Bytes encoded) throws WireFormatException {
        WireReader in = WireReader.of(encoded);
        int typeCode = in.u8();
        AuthMessageType type = AuthMessageType.fromCode(typeCode)
                .orElseThrow(() -> new WireFormatException("unknown auth message type " + typeCode));
        AuthMessage message;
        try {
            message = switch (type) {
                case SCRAM_CLIENT_FIRST -> new ScramClientFirst(mechanism(in), scramText(in));
                case SCRAM_SERVER_FIRST -> new ScramServerFirst(scramText(in));
                case SCRAM_CLIENT_FINAL -> new ScramClientFinal(scramText(in));
                case SCRAM_SERVER_FINAL -> new ScramServerFinal(scramText(in));
                case PUBLIC_KEY_LOGIN -> new PublicKeyLogin(username(in), signatureAlgorithm(in),
                        in.vector16("public key", 1, MAX_PUBLIC_KEY), in.vector16("signature", 1, MAX_SIGNATURE));
                case REGISTER -> register(in);
                case AUTH_SUCCEEDED -> new AuthSucceeded(username(in), code(in, "method", AuthMethod::fromCode));
                case AUTH_FAILED -> authFailed(in);
            };
        } catch (IllegalArgumentException e) {
            // A record constructor refused a well-framed value (e.g. a name not in NFC).
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, type + " has an illegal field value");
        }
        in.expectEnd();
        return message;
    }

    private static Register register(WireReader in) throws WireFormatException {
        String username = username(in);
        ScramVerifier verifier = ScramVerifierCodec.read(in);
        Optional<String> invite = in.bool("has invite")
                ? Optional.of(in.utf8Vector8("invite", 1, Register.MAX_INVITE_LENGTH))
                : Optional.empty();
        return new Register(username, verifier, invite);
    }

    private static AuthFailed authFailed(WireReader in) throws WireFormatException {
        AuthFailureCode code = code(in, "failure code", AuthFailureCode::fromCode);
        if (code == AuthFailureCode.REGISTRATION_REJECTED) {
            return AuthFailed.registrationRejected(code(in, "rejection reason", RegistrationRejection::fromCode));
        }
        return AuthFailed.of(code);
    }

    private static String scramText(WireReader in) throws WireFormatException {
        return in.utf8Vector16("SCRAM text", 1, MAX_SCRAM_TEXT);
    }

    /**
     * A user name, checked as soon as it is read (not only when its message is built from all its
     * fields), so that a name not in NFC is {@code illegal_parameter} even if a later field is
     * truncated: fields are checked in wire order (docs/PROTOCOL.md 1.3, rule 4).
     */
    private static String username(WireReader in) throws WireFormatException {
        String name = in.utf8Vector8("username", 1, Usernames.MAX_UTF8_LENGTH);
        if (!Usernames.isValid(name)) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "user name not NFC or with a forbidden character");
        }
        return name;
    }

    private static ScramMechanism mechanism(WireReader in) throws WireFormatException {
        return code(in, "SCRAM mechanism", ScramMechanism::fromCode);
    }

    private static SignatureComponent signatureAlgorithm(WireReader in) throws WireFormatException {
        int code = in.u16();
        return SignatureComponent.fromCode(code).orElseThrow(
                () -> new WireFormatException(Alert.ILLEGAL_PARAMETER, "unknown signature algorithm " + code));
    }

    private static <T> T code(WireReader in, String field, IntFunction<Optional<T>> lookup)
            throws WireFormatException {
        int code = in.u8();
        return lookup.apply(code).orElseThrow(
                () -> new WireFormatException(Alert.ILLEGAL_PARAMETER, "unknown " + field + " " + code));
    }
}
