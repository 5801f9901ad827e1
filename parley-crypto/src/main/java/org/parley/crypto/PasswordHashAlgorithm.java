package org.parley.crypto;

/** The password-hashing functions Parley implements. */
public enum PasswordHashAlgorithm {
    ARGON2ID,
    PBKDF2_HMAC_SHA256,
    PBKDF2_HMAC_SHA512
}
