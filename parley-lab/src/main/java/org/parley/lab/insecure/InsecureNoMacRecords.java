package org.parley.lab.insecure;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.insecure.InsecureUnauthenticatedAesCtr;
import org.parley.lab.Actor;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;

/**
 * Parley's record layer with the MAC taken out: AES-256-CTR alone. The attacker who knows (or
 * guesses) the plaintext format XORs the ciphertext and the receiver decrypts and shows the altered
 * message without noticing anything.
 *
 * <p><b>Insecure on purpose</b>: confidentiality without integrity. Lab only.
 */
public final class InsecureNoMacRecords {
    static final String SENT = "pay alice 100 yuan";
    static final String FORGED = "pay eve   900 yuan";

    private InsecureNoMacRecords() {
    }

    /** Runs the bit-flip attack against this variant; succeeded iff the receiver shows the forged text. */
    public static Outcome bitFlip(Trace trace) {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        byte[] counter = new byte[16];
        random.nextBytes(key);
        random.nextBytes(counter);
        counter[12] = counter[13] = counter[14] = counter[15] = 0;
        InsecureUnauthenticatedAesCtr cipher = new InsecureUnauthenticatedAesCtr(SecretBytes.wrapOwned(key));
        Bytes iv = Bytes.wrapOwned(counter);
        Bytes wire = cipher.apply(iv, Bytes.utf8(SENT));
        trace.add(Actor.CLIENT, "insecure.nomac.sent", SENT, wire.length());
        byte[] tampered = wire.toByteArray();
        byte[] known = SENT.getBytes(StandardCharsets.UTF_8);
        byte[] wanted = FORGED.getBytes(StandardCharsets.UTF_8);
        int changed = 0;
        for (int i = 0; i < tampered.length; i++) {
            byte mask = (byte) (known[i] ^ wanted[i]);
            tampered[i] ^= mask;
            changed += Integer.bitCount(mask & 0xff);
        }
        trace.add(Actor.ATTACKER, "insecure.nomac.flip", changed);
        String shown = new String(cipher.apply(iv, Bytes.wrapOwned(tampered)).toByteArray(), StandardCharsets.UTF_8);
        trace.add(Actor.SERVER, "insecure.nomac.shown", shown);
        return verdict(shown);
    }

    /**
     * Succeeded only if the receiver shows exactly the attacker's chosen text: a garbled text (as CBC
     * would give, see the exercise in docs/LAB.md) is a change the attacker did not choose, not this
     * attack succeeding, and is reported as a lab error rather than a verdict.
     */
    static Outcome verdict(String shown) {
        if (shown.equals(FORGED)) {
            return Outcome.succeeded();
        }
        if (shown.equals(SENT)) {
            return Outcome.defeated(new org.parley.lab.Check("-", "-", "-"));
        }
        throw new IllegalStateException("the receiver shows neither the sent text nor the forged \"" + FORGED
                + "\" but \"" + shown + "\": the attacker changed the message without choosing it");
    }
}
