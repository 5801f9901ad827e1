package org.parley.protocol.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import org.parley.crypto.SecretBytes;

/**
 * Turns a typed password into the bytes SCRAM hashes: Unicode NFC, then UTF-8.
 *
 * <p>NFC replaces RFC 5802's SASLprep (see {@link Usernames}), so a password typed with
 * precomposed or decomposed accents gives the same key on every client.
 *
 * <p><b>Security.</b> The JDK's normaliser returns a {@code String}, which cannot be wiped; that
 * copy is the one unavoidable trace. The UTF-8 bytes go straight into a {@link SecretBytes} and
 * the intermediate buffer is zeroed.
 */
public final class Passwords {
    /** Longest password accepted, in UTF-8 bytes; bounds the work of hashing it. */
    public static final int MAX_UTF8_LENGTH = 1024;

    private Passwords() {
    }

    /**
     * Normalises {@code password} to NFC and encodes it as UTF-8. The caller may wipe its array.
     *
     * @throws IllegalArgumentException if the password is empty, longer than the maximum or not valid
     *     Unicode text (an unpaired surrogate has no UTF-8 form)
     */
    public static SecretBytes normalise(char[] password) {
        String normalised = Normalizer.normalize(CharBuffer.wrap(password), Normalizer.Form.NFC);
        ByteBuffer encoded;
        try {
            // REPORT, not the charset's default replacement: an unpaired surrogate has no UTF-8 form,
            // and replacing it by '?' would make it the same password as one with a real '?'.
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(normalised));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("password is not valid Unicode text (an unpaired surrogate)");
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        if (bytes.length == 0 || bytes.length > MAX_UTF8_LENGTH) {
            Arrays.fill(bytes, (byte) 0);
            throw new IllegalArgumentException("password must be 1.." + MAX_UTF8_LENGTH + " UTF-8 bytes");
        }
        return SecretBytes.wrapOwned(bytes);
    }
}
