package org.parley.lab.insecure;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.insecure.InsecureMd5;
import org.parley.crypto.insecure.InsecureTripleDesCbc;

/**
 * A faithful Java replica of the Python original's scheme (see the seed analysis): the login record
 * {@code hex(3DES(name+salt)) SEP client_key SEP md5(name+salt) SEP salt} under the 3DES key and IV
 * hard-coded in both programs, and the chat record {@code RSA(server_key, M) SEP md5(M)} where the
 * server's key arrives, unauthenticated, in every server frame. Public keys are written as their
 * modulus in hex instead of Python pickles (the pickle's remote-code-execution hole is not
 * reproduced).
 *
 * <p><b>Insecure on purpose.</b> Anyone who has read the source decrypts every login; the bare MD5
 * of each message is in clear; and an on-path attacker who swaps the server key in transit reads and
 * rewrites every message, recomputing the MD5.
 */
public final class InsecurePythonOriginal {
    /** {@code DES3.new("xiaolongtongxue#", MODE_CBC, b'12345678')}: published with the source. */
    public static final Bytes HARD_CODED_KEY = Bytes.utf8("xiaolongtongxue#");
    public static final Bytes HARD_CODED_IV = Bytes.utf8("12345678");
    /** The field separator {@code |*}{@code /*-*}{@code /*|}. */
    public static final String SEP = "|*/*-*/*|";

    private InsecurePythonOriginal() {
    }

    /** The login record a client sends (in clear on the wire). */
    public static String loginRecord(String name, String salt, InsecureTextbookRsa.PublicKey clientKey) {
        Bytes sealed = new InsecureTripleDesCbc(HARD_CODED_KEY, HARD_CODED_IV).encrypt(Bytes.utf8(name + salt));
        return sealed.toHex() + SEP + clientKey.n().toString(16) + SEP + InsecureMd5.hex(name + salt) + SEP + salt;
    }

    /** What anyone who knows the published key reads from a login record: the user name. */
    public static String readLoginName(String loginRecord) {
        String[] fields = loginRecord.split(java.util.regex.Pattern.quote(SEP));
        Bytes plain = new InsecureTripleDesCbc(HARD_CODED_KEY, HARD_CODED_IV).decrypt(Bytes.fromHex(fields[0]));
        String nameAndSalt = new String(plain.toByteArray(), StandardCharsets.UTF_8);
        return nameAndSalt.substring(0, nameAndSalt.length() - fields[3].length());
    }

    /** A chat record to the server: {@code RSA(serverKey, M) SEP md5(M)}. */
    public static String chatRecord(InsecureTextbookRsa.PublicKey serverKey, String message) {
        return serverKey.encrypt(message).toString(16) + SEP + InsecureMd5.hex(message);
    }

    /** The server's check: decrypt, compare the MD5; the message if it "verifies". */
    public static Optional<String> serverReads(InsecureTextbookRsa serverKey, String chatRecord) {
        String[] fields = chatRecord.split(java.util.regex.Pattern.quote(SEP));
        String message = serverKey.decrypt(new BigInteger(fields[0], 16));
        return InsecureMd5.hex(message).equals(fields[1]) ? Optional.of(message) : Optional.empty();
    }

    /** The MD5 field of a chat record, in clear. */
    public static String md5Field(String chatRecord) {
        return chatRecord.split(java.util.regex.Pattern.quote(SEP))[1];
    }

    /** Hex of a string's UTF-8 bytes, for traces. */
    static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
