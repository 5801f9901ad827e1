package org.parley.protocol.auth;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import org.parley.crypto.Bytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.wire.WireWriter;

/**
 * Builds the string a public-key login signs and signs it (client side).
 *
 * <pre>
 *   "Parley v1 user login"        20 bytes ASCII, no length prefix
 *   0x00                          1 byte separator
 *   username&lt;1..64&gt;              vector8, UTF-8 (NFC)
 *   algorithm                     u16 signature-algorithm wire code
 *   public_key&lt;1..2048&gt;           vector16
 *   channel_binding               32 bytes
 * </pre>
 *
 * <p><b>Security.</b> The signature covers the connection's channel binding, so it cannot be
 * replayed on another connection, and the user name, algorithm and key, so none can be swapped.
 * The fixed context string keeps the signature from being valid in any other Parley role.
 */
public final class PublicKeyLoginSigner {
    /** The algorithms users may log in with; others are refused on both sides. */
    public static final Set<SignatureComponent> ALLOWED_ALGORITHMS = Set.copyOf(EnumSet.of(
            SignatureComponent.ED25519, SignatureComponent.ECDSA_P256_SHA256, SignatureComponent.ML_DSA_65));
    private static final Bytes CONTEXT = Bytes.utf8("Parley v1 user login");

    private PublicKeyLoginSigner() {
    }

    /**
     * Signs a login as {@code username} with {@code key} for the connection whose channel binding
     * is {@code channelBinding}.
     *
     * @throws IllegalArgumentException if the key's algorithm is not allowed for login, the name
     *     is invalid or the binding is not 32 bytes
     */
    public static PublicKeyLogin sign(String username, SigningKey key, Bytes channelBinding, SecureRandom random) {
        String name = Usernames.normalise(username);
        SignatureComponent algorithm = componentOf(key);
        Bytes signature = key.sign(signedMessage(name, algorithm, key.publicKey(), channelBinding), random);
        return new PublicKeyLogin(name, algorithm, key.publicKey(), signature);
    }

    /** The exact bytes signed for a login; the server rebuilds them to verify. */
    public static Bytes signedMessage(String username, SignatureComponent algorithm, Bytes publicKey, Bytes channelBinding) {
        ChannelBinding.require(channelBinding);
        return new WireWriter(128 + publicKey.length())
                .fixed(CONTEXT)
                .u8(0)
                .utf8Vector8(username)
                .u16(algorithm.code())
                .vector16(publicKey)
                .fixed(channelBinding)
                .toBytes();
    }

    private static SignatureComponent componentOf(SigningKey key) {
        for (SignatureComponent component : ALLOWED_ALGORITHMS) {
            if (component.algorithm() == key.algorithm()) {
                return component;
            }
        }
        throw new IllegalArgumentException(key.algorithm() + " is not allowed for user login");
    }
}
