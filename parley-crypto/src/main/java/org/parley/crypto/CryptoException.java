package org.parley.crypto;

/**
 * The root of every failure a cryptographic primitive reports.
 *
 * <p>The family is sealed so callers handle each kind explicitly; messages never contain key or
 * plaintext bytes.
 */
public sealed class CryptoException extends Exception
        permits AuthenticationFailedException, InvalidKeyMaterialException {

    protected CryptoException(String message) {
        super(message);
    }

    protected CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
