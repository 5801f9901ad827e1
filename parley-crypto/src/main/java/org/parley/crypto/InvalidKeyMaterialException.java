package org.parley.crypto;

/**
 * A public key, key share or ciphertext from a peer is malformed or unsafe: wrong length, a point
 * off the curve or of low order, an all-zero shared secret, a KEM key that fails its modulus check.
 */
public final class InvalidKeyMaterialException extends CryptoException {
    public InvalidKeyMaterialException(String message) {
        super(message);
    }

    public InvalidKeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
