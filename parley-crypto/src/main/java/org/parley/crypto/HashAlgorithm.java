package org.parley.crypto;

import org.parley.crypto.hash.JcaHashFunction;

/** The hash functions Parley offers for transcripts, HMAC and HKDF. */
public enum HashAlgorithm {
    SHA256("SHA-256", "HmacSHA256", 32),
    SHA384("SHA-384", "HmacSHA384", 48),
    SHA512("SHA-512", "HmacSHA512", 64),
    SHA3_256("SHA3-256", "HmacSHA3-256", 32);

    private final String jcaDigestName;
    private final String jcaHmacName;
    private final int length;

    HashAlgorithm(String jcaDigestName, String jcaHmacName, int length) {
        this.jcaDigestName = jcaDigestName;
        this.jcaHmacName = jcaHmacName;
        this.length = length;
    }

    /** Output length in bytes. */
    public int length() {
        return length;
    }

    /** The JCA name of the digest. */
    public String jcaDigestName() {
        return jcaDigestName;
    }

    /** The JCA name of the HMAC over this digest. */
    public String jcaHmacName() {
        return jcaHmacName;
    }

    /** Creates an implementation; instances are thread-safe. */
    public HashFunction create() {
        return new JcaHashFunction(this);
    }
}
