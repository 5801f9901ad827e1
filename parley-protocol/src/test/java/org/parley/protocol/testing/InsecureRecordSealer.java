package org.parley.protocol.testing;

import java.nio.ByteBuffer;
import org.parley.crypto.Bytes;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameType;
import org.parley.protocol.record.LabeledHkdf;

/**
 * A test-only sender that seals any inner plaintext, well formed or not, at any sequence number
 * under a traffic secret, with the key and IV derived as docs/PROTOCOL.md specifies. It bypasses
 * every check {@code RecordWriter} makes (padding, content length, sequence), so tests can play a
 * misbehaving peer; named Insecure so every use can be found with grep.
 */
public final class InsecureRecordSealer {
    private final LabeledHkdf hkdf;
    private final RecordCipher cipher;
    private final byte[] trafficSecret;

    public InsecureRecordSealer(LabeledHkdf hkdf, RecordCipher cipher, byte[] trafficSecret) {
        this.hkdf = hkdf;
        this.cipher = cipher;
        this.trafficSecret = trafficSecret.clone();
    }

    /**
     * Seals {@code inner} (content, inner type and padding, exactly as given) as the record with
     * this sequence number. Uses a fresh sealer each time: callers may repeat sequence numbers, and
     * the JDK's GCM refuses to encrypt twice in a row under one key and IV.
     */
    public Frame seal(long sequence, byte[] inner) {
        int payloadLength = inner.length + cipher.overhead();
        byte[] payload = new byte[payloadLength];
        try (RecordSealer sealer = newSealer()) {
            sealer.seal(sequence, ByteBuffer.wrap(Frame.header(FrameType.ENCRYPTED, payloadLength)),
                    ByteBuffer.wrap(inner), ByteBuffer.wrap(payload));
        }
        return new Frame(FrameType.ENCRYPTED, Bytes.wrapOwned(payload));
    }

    private RecordSealer newSealer() {
        try (SecretBytes secret = SecretBytes.copyOf(trafficSecret);
                SecretBytes key = hkdf.expand(secret, "key", Bytes.empty(), cipher.keyLength());
                SecretBytes iv = hkdf.expand(secret, "iv", Bytes.empty(), cipher.ivLength())) {
            return cipher.sealer(key, iv);
        }
    }
}
