package org.parley.crypto.hash;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.HashFunction;
import org.parley.crypto.IncrementalHash;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.aead.WipeableKey;

/**
 * Hash, HMAC and HKDF (RFC 5869) on the JDK's digests and HMACs, which are the fastest here. HKDF
 * is RFC 5869 composed of the JDK's HMAC: Extract is one HMAC, Expand the section 2.3 chain of
 * HMACs under one keyed {@link Mac}. (BouncyCastle's pure-Java HKDF generator cost about twice as
 * much per expansion with SHA-384, and a handshake expands about twenty times; the JDK's {@code KDF}
 * API has no SHA3-256 and was no faster.)
 *
 * <p>Thread-safe: every call works on its own {@link MessageDigest} or {@link Mac}; each Mac is a clone
 * of an unkeyed prototype made once per instance (cheaper than looking the algorithm up in the
 * provider list for each of a handshake's HMACs), and the prototype itself is never keyed or used.
 *
 * <p><b>Security.</b> No copy of a key outlives the call that used it: the key reaches the provider
 * as a {@link WipeableKey} destroyed as soon as the Mac is keyed (a {@code SecretKeySpec} keeps a
 * copy that cannot be wiped), and each Mac is keyed once more with a zero byte after its last use,
 * which overwrites the pads the provider derived from the key (the key XOR ipad/opad, as good as
 * the key itself). The copy of HKDF-Extract's input keying material is wiped too. These keys are
 * the handshake's secrets and traffic secrets, which must not survive their use (forward secrecy,
 * key updates).
 */
public final class JcaHashFunction implements HashFunction {
    private final HashAlgorithm algorithm;
    private final Mac macPrototype;

    public JcaHashFunction(HashAlgorithm algorithm) {
        this.algorithm = algorithm;
        // Fail at construction, not mid-handshake, if the runtime lacks the algorithm.
        newDigest();
        this.macPrototype = macInstance();
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
        return Bytes.wrapOwned(computeHmac(key, data.toByteArray()));
    }

    @Override
    public SecretBytes hmacSecret(SecretBytes key, Bytes data) {
        return SecretBytes.wrapOwned(computeHmac(key, data.toByteArray()));
    }

    @Override
    public boolean verifyHmac(SecretBytes key, Bytes data, Bytes tag) {
        byte[] expected = computeHmac(key, data.toByteArray());
        try {
            return MessageDigest.isEqual(expected, tag.toByteArray());
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
    }

    @Override
    public SecretBytes hkdfExtract(Bytes salt, SecretBytes inputKeyMaterial) {
        byte[] saltBytes = salt.isEmpty() ? new byte[length()] : salt.toByteArray();
        byte[] ikm = inputKeyMaterial.revealCopy();
        try (SecretBytes saltKey = SecretBytes.wrapOwned(saltBytes)) {
            return SecretBytes.wrapOwned(computeHmac(saltKey, ikm));
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    @Override
    public SecretBytes hkdfExpand(SecretBytes pseudoRandomKey, Bytes info, int length) {
        if (length < 0 || length > 255 * length()) {
            throw new IllegalArgumentException("HKDF output length out of range: " + length);
        }
        // RFC 5869 section 2.3: T(0) = empty, T(i) = HMAC(PRK, T(i-1) | info | i), OKM = first L bytes of T(1) | T(2) | ...
        Mac mac = keyedMac(pseudoRandomKey);
        byte[] infoBytes = info.toByteArray();
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        try {
            for (int i = 1, done = 0; done < length; i++) {
                mac.update(block);
                mac.update(infoBytes);
                mac.update((byte) i);
                Arrays.fill(block, (byte) 0);
                block = mac.doFinal();
                int n = Math.min(block.length, length - done);
                System.arraycopy(block, 0, out, done, n);
                done += n;
            }
            return SecretBytes.wrapOwned(out);
        } finally {
            Arrays.fill(block, (byte) 0);
            forget(mac);
        }
    }

    private byte[] computeHmac(SecretBytes key, byte[] data) {
        Mac mac = keyedMac(key);
        try {
            return mac.doFinal(data);
        } finally {
            forget(mac);
        }
    }

    /** A fresh HMAC keyed with {@code key}; the key object handed to the provider is destroyed at once. */
    private Mac keyedMac(SecretBytes key) {
        byte[] keyBytes = key.revealCopy();
        // HMAC accepts an empty key (RFC 2104); providers may not, so pad it to one zero byte, which
        // HMAC treats identically (keys are zero-padded to the block size).
        WipeableKey wipeable = new WipeableKey(algorithm.jcaHmacName(), keyBytes.length == 0 ? new byte[1] : keyBytes);
        try {
            Mac mac = newMac();
            mac.init(wipeable);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable: " + algorithm, e);
        } finally {
            wipeable.destroy();
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    /**
     * Keys {@code mac} with a single zero byte, overwriting the key-derived pads its last key left in
     * the provider, so that a dropped Mac holds nothing secret.
     */
    private void forget(Mac mac) {
        WipeableKey zero = new WipeableKey(algorithm.jcaHmacName(), new byte[1]);
        try {
            mac.init(zero);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable: " + algorithm, e);
        } finally {
            zero.destroy();
        }
    }

    /** An unkeyed HMAC: a clone of the prototype, or a new instance if the provider's cannot be cloned. */
    private Mac newMac() {
        try {
            return (Mac) macPrototype.clone();
        } catch (CloneNotSupportedException e) {
            return macInstance();
        }
    }

    private Mac macInstance() {
        try {
            return Mac.getInstance(algorithm.jcaHmacName());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable: " + algorithm, e);
        }
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm.jcaDigestName());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("digest unavailable: " + algorithm, e);
        }
    }
}
