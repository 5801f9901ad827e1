package org.parley.protocol.record;

import java.nio.charset.StandardCharsets;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashFunction;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.wire.WireWriter;

/**
 * HKDF-Expand-Label, Parley's one key-derivation step (docs/PROTOCOL.md, "Key schedule").
 *
 * <pre>
 *   struct HkdfLabel {
 *     u16    length;                  // output length
 *     opaque label&lt;8..255&gt;;          // "parley1 " + label
 *     opaque context&lt;0..255&gt;;        // usually a transcript hash
 *   }
 *   ExpandLabel(secret, label, context, length) = HKDF-Expand(secret, HkdfLabel, length)
 * </pre>
 *
 * <p><b>Security.</b> Every derived value has its own label, and the "parley1 " prefix separates
 * Parley's keys from any other protocol's and from later protocol versions.
 */
public final class LabeledHkdf {
    /** Prefix of every label; the digit is the protocol version. */
    public static final String LABEL_PREFIX = "parley1 ";

    private final HashFunction hash;

    public LabeledHkdf(HashFunction hash) {
        this.hash = hash;
    }

    public HashFunction hash() {
        return hash;
    }

    /** HKDF-Expand-Label with the given context. */
    public SecretBytes expand(SecretBytes secret, String label, Bytes context, int length) {
        Bytes info = new WireWriter(2 + 1 + LABEL_PREFIX.length() + label.length() + 1 + context.length())
                .u16(length)
                .vector8(Bytes.wrapOwned((LABEL_PREFIX + label).getBytes(StandardCharsets.US_ASCII)))
                .vector8(context)
                .toBytes();
        return hash.hkdfExpand(secret, info, length);
    }

    /** HKDF-Expand-Label with an empty context and the hash's output length. */
    public SecretBytes expand(SecretBytes secret, String label) {
        return expand(secret, label, Bytes.empty(), hash.length());
    }
}
