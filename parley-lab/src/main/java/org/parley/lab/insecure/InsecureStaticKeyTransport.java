package org.parley.lab.insecure;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.insecure.InsecureUnauthenticatedAesCtr;
import org.parley.lab.Actor;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;

/**
 * Key transport under the server's long-term key, without forward secrecy: the client picks the
 * session key and sends it encrypted to the server's static RSA key; the messages follow under that
 * session key. An eavesdropper records everything; when the server's long-term key is stolen later
 * (a backup, a seized disk), every recorded session opens.
 *
 * <p><b>Insecure on purpose</b>: Parley's key exchanges are all ephemeral (PROTOCOL.md 4.4), so its
 * long-term key only signs and a stolen one opens no recorded session. Lab only.
 */
public final class InsecureStaticKeyTransport {
    static final String SECRET = "the vault code is 4711";

    private InsecureStaticKeyTransport() {
    }

    /** Records a session, then steals the server key; succeeded iff the recording decrypts to the message. */
    public static Outcome recordThenSteal(Trace trace) {
        SecureRandom random = new SecureRandom();
        InsecureTextbookRsa serverKey = InsecureTextbookRsa.generate(1024, random);
        byte[] sessionKey = new byte[32];
        random.nextBytes(sessionKey);
        String keyHex = HexFormat.of().formatHex(sessionKey);
        BigInteger wrapped = serverKey.publicKey().encrypt(keyHex);
        Bytes counter = Bytes.wrapOwned(new byte[16]);
        Bytes recorded = new InsecureUnauthenticatedAesCtr(SecretBytes.copyOf(sessionKey)).apply(counter, Bytes.utf8(SECRET));
        trace.add(Actor.ATTACKER, "insecure.static.recorded", wrapped.bitLength() / 8 + 1, recorded.length());
        trace.add(Actor.ATTACKER, "insecure.static.stolen", serverKey.publicKey().shortForm());
        byte[] recovered = HexFormat.of().parseHex(serverKey.decrypt(wrapped));
        String read = new String(new InsecureUnauthenticatedAesCtr(SecretBytes.wrapOwned(recovered)).apply(counter, recorded)
                .toByteArray(), StandardCharsets.UTF_8);
        trace.add(Actor.ATTACKER, "insecure.static.read", read);
        return read.equals(SECRET) ? Outcome.succeeded() : Outcome.defeated(new org.parley.lab.Check("-", "4.4", "-"));
    }
}
