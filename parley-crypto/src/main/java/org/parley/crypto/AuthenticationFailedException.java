package org.parley.crypto;

/**
 * An authentication tag, MAC or ciphertext did not verify.
 *
 * <p><b>Security.</b> Every reason (bad tag, bad length, bad padding) produces this one type with
 * the same message, so the exception is no decryption oracle.
 */
public final class AuthenticationFailedException extends CryptoException {
    public AuthenticationFailedException() {
        super("authentication failed");
    }
}
