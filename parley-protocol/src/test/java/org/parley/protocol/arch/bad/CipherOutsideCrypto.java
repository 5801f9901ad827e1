package org.parley.protocol.arch.bad;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/** Breaks the crypto boundary: a protocol-package class using javax.crypto directly. */
public final class CipherOutsideCrypto {
    public Cipher cipher() throws GeneralSecurityException {
        return Cipher.getInstance("AES/GCM/NoPadding");
    }
}
