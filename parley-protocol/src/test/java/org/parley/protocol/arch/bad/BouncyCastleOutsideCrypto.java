package org.parley.protocol.arch.bad;

import org.bouncycastle.util.Arrays;

/**
 * Breaks the crypto boundary through BouncyCastle rather than the JCA. (It calls a method: a
 * compile-time constant such as {@code Ed25519.PUBLIC_KEY_SIZE} is inlined by javac and leaves
 * no trace in the bytecode ArchUnit reads.)
 */
public final class BouncyCastleOutsideCrypto {
    public boolean same(byte[] a, byte[] b) {
        return Arrays.constantTimeAreEqual(a, b);
    }
}
