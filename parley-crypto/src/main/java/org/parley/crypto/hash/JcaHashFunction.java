package org.parley.crypto.hash;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.HashFunction;
import org.parley.crypto.IncrementalHash;
import org.parley.crypto.SecretBytes;

/**
 * Hash and HMAC from the JDK (fastest here), HKDF from BouncyCastle's RFC 5869 generator, which
 * also covers SHA3-256 where the JDK's {@code KDF} does not.
 *
 * <p>Thread-safe: every call creates its own JCA objects.
 */
public final class JcaHashFunction implements HashFunction {
    private final HashAlgorithm algorithm;

    public JcaHashFunction(HashAlgorithm algorithm) {
        this.algorithm = algorithm;
        // Fail at construction, not mid-handshake, if the runtime lacks the algorithm.
        newDigest();
    }

    @Override
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int length() {
        return algorithm.length();
    }

    @Override
    public Bytes digest(Bytes data) {
        return Bytes.wrapOwned(newDigest().digest(data.toByteArray()));
    }

    @Override
    public IncrementalHash start() {
        return new JcaIncrementalHash(newDigest());
    }

    @Override
    public Bytes hmac(SecretBytes key, Bytes data) {
        return Bytes.wrapOwned(computeHmac(key, data));
    }

    @Override
    public SecretBytes hmacSecret(SecretBytes key, Bytes data) {
        return SecretBytes.wrapOwned(computeHmac(key, data));
    }

    @Override
    public boolean verifyHmac(SecretBytes key, Bytes data, Bytes tag) {
        byte[] expected = computeHmac(key, data);
        try {
            return MessageDigest.isEqual(expected, tag.toByteArray());
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
    }

    @Override
    public SecretBytes hkdfExtract(Bytes salt, SecretBytes inputKeyMaterial) {
        byte[] saltBytes = salt.isEmpty() ? new byte[length()] : salt.toByteArray();
        return hmacSecret(SecretBytes.wrapOwned(saltBytes), Bytes.wrapOwned(inputKeyMaterial.revealCopy()));
    }

    @Override
    public SecretBytes hkdfExpand(SecretBytes pseudoRandomKey, Bytes info, int length) {
        if (length < 0 || length > 255 * length()) {
            throw new IllegalArgumentException("HKDF output length out of range: " + length);
        }
        byte[] prk = pseudoRandomKey.revealCopy();
        try {
            HKDFBytesGenerator generator = new HKDFBytesGenerator(bcDigest());
            generator.init(HKDFParameters.skipExtractParameters(prk, info.toByteArray()));
            byte[] out = new byte[length];
            generator.generateBytes(out, 0, length);
            return SecretBytes.wrapOwned(out);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    private byte[] computeHmac(SecretBytes key, Bytes data) {
        byte[] keyBytes = key.revealCopy();
        try {
            Mac mac = Mac.getInstance(algorithm.jcaHmacName());
            // HMAC accepts an empty key (RFC 2104); SecretKeySpec does not, so pad it to one zero
            // block byte, which HMAC treats identically (keys are zero-padded to the block size).
            mac.init(new SecretKeySpec(keyBytes.length == 0 ? new byte[1] : keyBytes, algorithm.jcaHmacName()));
            return mac.doFinal(data.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable: " + algorithm, e);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm.jcaDigestName());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("digest unavailable: " + algorithm, e);
        }
    }

    private Digest bcDigest() {
        return switch (algorithm) {
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
            case SHA512 -> new SHA512Digest();
            case SHA3_256 -> new SHA3Digest(256);
        };
    }
}
