package org.parley.crypto.aead;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/** The two JDK AEAD transformations Parley uses, with how each takes its nonce. */
enum JcaAeadMode {
    AES_GCM("AES/GCM/NoPadding", "AES", true),
    CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20", false);

    static final int TAG_LENGTH = 16;

    private final String transformation;
    private final String keyAlgorithm;
    private final boolean writesBeforeVerifying;

    JcaAeadMode(String transformation, String keyAlgorithm, boolean writesBeforeVerifying) {
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
        this.writesBeforeVerifying = writesBeforeVerifying;
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    /**
     * Whether the JDK writes (and on a bad tag, zeroes) plaintext into the output buffer before
     * the tag is checked. Measured on JDK 25: AES-GCM does, ChaCha20-Poly1305 verifies first.
     * Where it does, the opener decrypts into its own scratch buffer so that the caller's buffer
     * is untouched on failure, as {@code RecordOpener} promises.
     */
    boolean writesBeforeVerifying() {
        return writesBeforeVerifying;
    }

    Cipher newCipher() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cipher unavailable: " + transformation, e);
        }
    }

    AlgorithmParameterSpec parameters(byte[] nonce) {
        return switch (this) {
            case AES_GCM -> new GCMParameterSpec(TAG_LENGTH * 8, nonce);
            case CHACHA20_POLY1305 -> new IvParameterSpec(nonce);
        };
    }
}
