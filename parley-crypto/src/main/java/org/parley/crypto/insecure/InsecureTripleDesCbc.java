package org.parley.crypto.insecure;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.parley.crypto.Bytes;

/**
 * Two-key 3DES in CBC mode with PKCS#5 padding and a caller-given key and IV, as the Python
 * original used it ({@code DES3.new("xiaolongtongxue#", MODE_CBC, b'12345678')}).
 *
 * <p><b>Insecure on purpose.</b> Unauthenticated CBC, a 64-bit block, a fixed IV and (in the lab) a
 * key that is published in the source: anyone can decrypt and forge. Only the attack lab uses it,
 * to show a passive eavesdropper reading the original's login names.
 */
public final class InsecureTripleDesCbc {
    private final byte[] key;
    private final byte[] iv;

    /**
     * @param key 16 bytes (two-key 3DES, expanded to K1 K2 K1) or 24 bytes
     * @param iv 8 bytes
     */
    public InsecureTripleDesCbc(Bytes key, Bytes iv) {
        if ((key.length() != 16 && key.length() != 24) || iv.length() != 8) {
            throw new IllegalArgumentException("3DES needs a 16- or 24-byte key and an 8-byte IV");
        }
        byte[] k = key.toByteArray();
        this.key = k.length == 24 ? k : Bytes.concat(key, key.slice(0, 8)).toByteArray();
        this.iv = iv.toByteArray();
    }

    public Bytes encrypt(Bytes plaintext) {
        return run(Cipher.ENCRYPT_MODE, plaintext);
    }

    /** Decrypts; a wrong key or corrupted input gives a padding error as {@link IllegalArgumentException}. */
    public Bytes decrypt(Bytes ciphertext) {
        return run(Cipher.DECRYPT_MODE, ciphertext);
    }

    private Bytes run(int mode, Bytes input) {
        try {
            Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding");
            cipher.init(mode, new SecretKeySpec(key, "DESede"), new IvParameterSpec(iv));
            return Bytes.wrapOwned(cipher.doFinal(input.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("3DES-CBC failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
