package org.parley.protocol.record;

import org.parley.crypto.RecordCipher;
import org.parley.crypto.SecretBytes;

/**
 * One direction's traffic secret and the key and IV derived from it; ratchets forward on key update.
 *
 * <pre>
 *   key  = ExpandLabel(secret, "key", "", cipher.keyLength)
 *   iv   = ExpandLabel(secret, "iv",  "", cipher.ivLength)
 *   next = ExpandLabel(secret, "traffic upd", "", hash.length)
 * </pre>
 *
 * <p><b>Security.</b> {@link #next()} destroys the current secret, so a key compromised later
 * cannot decrypt records sent before the update (forward secrecy within a connection).
 */
final class TrafficKeys {
    private final LabeledHkdf hkdf;
    private final RecordCipher cipher;
    private final SecretBytes secret;

    TrafficKeys(LabeledHkdf hkdf, RecordCipher cipher, SecretBytes secret) {
        this.hkdf = hkdf;
        this.cipher = cipher;
        this.secret = secret;
    }

    SecretBytes key() {
        return hkdf.expand(secret, "key", org.parley.crypto.Bytes.empty(), cipher.keyLength());
    }

    SecretBytes iv() {
        return hkdf.expand(secret, "iv", org.parley.crypto.Bytes.empty(), cipher.ivLength());
    }

    RecordCipher cipher() {
        return cipher;
    }

    /** The next generation; this one is wiped. */
    TrafficKeys next() {
        SecretBytes nextSecret = hkdf.expand(secret, "traffic upd");
        secret.destroy();
        return new TrafficKeys(hkdf, cipher, nextSecret);
    }

    void destroy() {
        secret.destroy();
    }
}
